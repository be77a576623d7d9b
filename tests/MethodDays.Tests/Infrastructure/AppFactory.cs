using System.Net.Http.Headers;
using MethodDays.Features.People;
using MethodDays.Platform.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MethodDays.Tests.Infrastructure;

/// <summary>
/// The app in-process against the shared Azurite, with its own storage names, a fake clock and development
/// sign-in. Seeds <see cref="TestWorld"/>: two municipalities in different time zones, their schools and people.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>A Sunday afternoon in the middle of November 2026, UTC.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly string SigningKey = Convert.ToBase64String("methoddays-tests-signing-key-32bytes!!"u8.ToArray());

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("n")[..10].Replace('0', 'a').Replace('1', 'b').Replace('2', 'c')
        .Replace('3', 'd').Replace('4', 'e').Replace('5', 'f').Replace('6', 'g').Replace('7', 'h').Replace('8', 'i').Replace('9', 'j');

    public Azurite Storage { get; private set; } = null!;

    /// <summary>Set before start to use a private Azurite (fault tests).</summary>
    protected virtual Task<Azurite> GetStorageAsync() => Azurite.Shared;

    /// <summary>Extra settings a derived fixture needs.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        Storage = await GetStorageAsync();
        // Starting the host creates the tables (StorageProvisioner); then seed.
        _ = Services;
        await TestWorld.SeedAsync(Services.GetRequiredService<DirectoryStore>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Storage.ConnectionString,
            ["Storage:Prefix"] = Prefix,
            ["Storage:CreateIfMissing"] = "true",
            ["Auth:Mode"] = "Development",
            ["Auth:DevSigningKey"] = SigningKey,
            ["Functions:LocalDriver:Enabled"] = "false",
            ["Demo:Seed"] = "false",
            // No e-mail unless a test brings its own SMTP server.
            ["Smtp:Host"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in Settings)
        {
            settings[k] = v;
        }

        foreach (var (k, v) in settings)
        {
            builder.UseSetting(k, v);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client signed in as a <see cref="TestWorld"/> person (e.g. "admin-s1").</summary>
    public HttpClient ClientFor(string personId)
    {
        var member = TestWorld.Person(personId);
        var token = Services.GetRequiredService<DevTokenIssuer>()
            .Issue(DevSignIn.DevIdentity(member), member.DisplayName, member.Email, TimeSpan.FromHours(1));
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient AnonymousClient() => NewClient();

    /// <summary>A client of this app; a fixture serving over TLS gives one that trusts its certificate.</summary>
    protected virtual HttpClient NewClient() => CreateClient();

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
