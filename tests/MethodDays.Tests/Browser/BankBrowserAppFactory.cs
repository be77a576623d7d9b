namespace MethodDays.Tests.Browser;

/// <summary>
/// Like <see cref="BrowserAppFactory"/> (the app on a real Kestrel port serving web/), with the local functions
/// driver on, so queued work such as the bank's zip export runs as it does in a standalone deployment.
/// </summary>
public sealed class BankBrowserAppFactory : BrowserAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Functions:LocalDriver:Enabled"] = "true",
        ["Functions:LocalDriver:RetryDelay"] = "00:00:01",
    };
}
