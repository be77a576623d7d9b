using Microsoft.Playwright;

namespace MethodDays.Tests.Browser;

/// <summary>A test class with its own headless Chromium, started before its tests and closed after them.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>Chromium flags a test class needs beyond the usual ones.</summary>
    protected virtual string[] ExtraFlags => [];

    public async ValueTask InitializeAsync() => (_playwright, Browser) = await Chromium.LaunchAsync(ExtraFlags);

    public virtual async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        GC.SuppressFinalize(this);
    }
}
