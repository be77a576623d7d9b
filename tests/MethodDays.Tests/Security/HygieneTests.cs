using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MethodDays.Tests.Security;

/// <summary>Captures every log line the app writes, to check what it says.</summary>
public sealed class LogCaptureFactory : AppFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["RateLimits:SignInPerMinute"] = "5",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CaptureProvider(Lines)));
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(lines, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Capture(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var text = state is IEnumerable<KeyValuePair<string, object>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : state.ToString();
            lines.Enqueue($"{category} scope: {text}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Requests are limited where abuse is cheap, and logs carry no tokens or personal data.</summary>
public sealed partial class HygieneTests(LogCaptureFactory app) : IClassFixture<LogCaptureFactory>
{
    [Fact]
    public async Task RepeatedSignInFromOneAddressIsSlowedDownWithAClearAnswer()
    {
        var client = app.AnonymousClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await client.PostJsonAsync("/api/dev/sign-in", new { municipalityId = "north", personId = "admin-s1" });
        }

        var problem = await last!.AssertProblemAsync(429);
        Assert.Contains("Повторите через", (string?)problem["detail"]);
        Assert.NotNull(last!.Headers.RetryAfter);
    }

    [Fact]
    public async Task LogsCarryNeitherTokensNorPersonalData()
    {
        var admin = app.ClientFor("admin-s1");
        var token = admin.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("no token");
        await admin.GetAsync("/api/me");
        await admin.PutJsonAsync("/api/municipalities/north/schools/s1/self-assessment/2026-10", new { values = new { } });
        await admin.PostJsonAsync("/api/municipalities/north/schools/s2/self-assessment/2026-10/submit", new { values = new { } });
        await admin.GetAsync("/api/nothing-here");
        await app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/members/log-check", new { displayName = "Секретова Мария", email = "secret.person@north.example", role = "Teacher", schoolIds = new[] { "s1" } });

        var all = string.Join("\n", app.Lines);
        Assert.NotEmpty(app.Lines);
        Assert.DoesNotContain(token, all);
        Assert.DoesNotMatch(Jwt(), all);
        Assert.DoesNotContain("admin@s1.example", all);
        Assert.DoesNotContain("secret.person@north.example", all);
        Assert.DoesNotContain("Секретова", all);
        Assert.Contains("TraceId", all);
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.")]
    private static partial Regex Jwt();
}
