using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>The browser app, reaching Table Storage through a gate the test closes and opens.</summary>
public sealed class OutageBrowserAppFactory : BrowserAppFactory
{
    public TcpGate Gate { get; private set; } = null!;

    protected override async Task<Azurite> GetStorageAsync()
    {
        var azurite = await Azurite.Shared;
        Gate = new TcpGate(azurite.TablePort);
        return azurite;
    }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = Storage.ConnectionString.Replace($":{Storage.TablePort}/", $":{Gate.Port}/", StringComparison.Ordinal),
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }
}

/// <summary>
/// Storage goes away — refusing, or hanging without a word — while a school fills its sheet: the page keeps the
/// answers and sends them once it is back.
/// </summary>
public sealed class StorageOutageJourneyTests(OutageBrowserAppFactory app) : BrowserTest, IClassFixture<OutageBrowserAppFactory>
{
    [Fact]
    public async Task AnswersGivenDuringAnOutageStayOnThePhoneAndReachTheServerWhenStorageReturns()
    {
        var first = app.Service<SheetTemplates>().Current.Indicators[0];
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        // The page's own timers (autosave, retry) run on a clock the test moves, so nothing waits for real.
        await page.Clock.InstallAsync(new() { TimeDate = AppFactory.DefaultNow.UtcDateTime });
        await page.GotoAsync("/");
        await page.Clock.RunForAsync(1000);
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        var sync = page.Locator(".sticky-sync");

        app.Gate.Close();
        await page.GetByRole(AriaRole.Group, new() { Name = $"{first.Id} {first.Text}", Exact = true })
            .GetByRole(AriaRole.Radio, new() { Name = "2 — полностью да" }).CheckAsync();
        await page.Clock.RunForAsync(2000);
        await Expect(sync).ToHaveTextAsync("не сохранено на сервере — сохранено на устройстве", new() { Timeout = 60_000 });

        // Nothing reached storage, and the answer is on the phone.
        app.Gate.Open();
        var stored = await (await app.ClientFor("admin-s1").GetAsync(Sheets.Url("s1", "2026-11"))).ReadJsonAsync();
        Assert.Equal("empty", (string?)stored["status"]);
        var local = await page.EvaluateAsync<string>("() => Object.keys(localStorage).filter(k => k.startsWith('methoddays:sheet-draft:')).map(k => localStorage.getItem(k)).join()");
        Assert.Contains($"\"{first.Id}\":\"2\"", local);

        // Storage is back: the page's retry sends the answer without the person doing anything.
        await page.Clock.RunForAsync(31_000);
        await Expect(sync).ToHaveTextAsync("сохранено на сервере");
        var saved = await (await app.ClientFor("admin-s1").GetAsync(Sheets.Url("s1", "2026-11"))).ReadJsonAsync();
        Assert.Equal("2", (string?)saved["values"]![first.Id]);
    }

    [Fact]
    public async Task AnswersGivenWhileStorageHangsAreKeptOnThePhoneAndSavedWhenItAnswersAgain()
    {
        var first = app.Service<SheetTemplates>().Current.Indicators[0];
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.InstallAsync(new() { TimeDate = AppFactory.DefaultNow.UtcDateTime });
        await page.GotoAsync("/");
        await page.Clock.RunForAsync(1000);
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Второй" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        var sync = page.Locator(".sticky-sync");

        // Storage freezes: it takes the connection and the request and never answers.
        app.Gate.Hang();
        try
        {
            await page.GetByRole(AriaRole.Group, new() { Name = $"{first.Id} {first.Text}", Exact = true })
                .GetByRole(AriaRole.Radio, new() { Name = "2 — полностью да" }).CheckAsync();
            await page.Clock.RunForAsync(2000);
            // The page's own 45 s limit runs on the test's clock, so what ends the wait is the server's 503, which
            // comes within its storage budget; 15 s is the bound for it, not a pause.
            await Expect(sync).ToHaveTextAsync("не сохранено на сервере — сохранено на устройстве", new() { Timeout = 15_000 });
            Assert.True(app.Gate.Swallowed.IsCompleted, "the save reached the frozen storage");
        }
        finally
        {
            app.Gate.Open();
        }

        // Nothing reached storage, and the answer is on the phone.
        var stored = await (await app.ClientFor("admin-s2").GetAsync(Sheets.Url("s2", "2026-11"))).ReadJsonAsync();
        Assert.Equal("empty", (string?)stored["status"]);
        var local = await page.EvaluateAsync<string>("() => Object.keys(localStorage).filter(k => k.startsWith('methoddays:sheet-draft:')).map(k => localStorage.getItem(k)).join()");
        Assert.Contains($"\"{first.Id}\":\"2\"", local);

        // Storage answers again: the page's retry saves the answer without the person doing anything.
        await page.Clock.RunForAsync(31_000);
        await Expect(sync).ToHaveTextAsync("сохранено на сервере");
        var saved = await (await app.ClientFor("admin-s2").GetAsync(Sheets.Url("s2", "2026-11"))).ReadJsonAsync();
        Assert.Equal("2", (string?)saved["values"]![first.Id]);
    }
}
