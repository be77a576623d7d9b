using Microsoft.Playwright;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Headless Chromium from the operating system (never a downloaded browser build), driven by Playwright.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <param name="extraFlags">Flags a test needs beyond the usual ones (e.g. a certificate to trust).</param>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(params string[] extraFlags)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath} (Debian package `chromium`).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = [.. Flags, .. extraFlags],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A phone-sized page (the people who fill sheets often do it on a phone), Russian locale. A test that intercepts
    /// requests blocks the service worker, whose requests the interception would not see.
    /// </summary>
    public static async Task<IPage> NewPhonePageAsync(IBrowser browser, Uri baseAddress, bool blockServiceWorkers = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "ru-RU",
            TimezoneId = "Asia/Omsk",
            AcceptDownloads = true,
            ServiceWorkers = blockServiceWorkers ? ServiceWorkerPolicy.Block : ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }
}
