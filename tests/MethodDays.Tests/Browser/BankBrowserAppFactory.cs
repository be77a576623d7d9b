using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Like <see cref="BrowserAppFactory"/> (the app on a real Kestrel port serving web/), with the local functions
/// driver on, so queued work such as the bank's zip export runs as it does in a standalone deployment.
/// </summary>
public sealed class BankBrowserAppFactory : AppFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Web:Root"] = RepoPaths.Combine("web"),
        ["Functions:LocalDriver:Enabled"] = "true",
        ["Functions:LocalDriver:RetryDelay"] = "00:00:01",
    };

    public override async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }
}
