using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The app on a real Kestrel socket (Chromium needs one), serving the repository's web/ folder as it is now,
/// with the same Azurite, fake clock and <see cref="TestWorld"/> as the API tests.
/// </summary>
public class BrowserAppFactory : AppFactory
{
    /// <summary>The server's root address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(ExtraSettings)
    {
        ["Web:Root"] = RepoPaths.Combine("web"),
    };

    /// <summary>What a derived fixture adds to the browser setup.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>Plain HTTP/1.1 on a port the system picks; a derived fixture may serve otherwise (TLS and HTTP/2).</summary>
    protected virtual void UseServer() => UseKestrel(0);

    public override async ValueTask InitializeAsync()
    {
        // The base class picks the storage first, then starts the host.
        UseServer();
        await base.InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }
}
