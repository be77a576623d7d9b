using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The page with no network: a school admin who opened the sheet once reopens it with the connection gone, and the
/// sheet opens with the answer they gave offline still chosen.
/// </summary>
public sealed class OfflineJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task TheSheetAndItsLocalDraftOpenWithNoNetwork()
    {
        var admin = app.ClientFor("admin-s1");
        var template = app.Service<SheetTemplates>().Current;
        var first = template.Indicators.First(i => i.Scored && !i.SeniorGradesOnly);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync("/api/municipalities/north/schools/s1/self-assessment/2026-11",
            new { values = new Dictionary<string, string> { [first.Id] = "2" } })).StatusCode);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        var score = page.GetByRole(AriaRole.Region, new() { Name = "Итог" });
        await Expect(score).ToContainTextAsync($"Заполнено 1 из {template.Indicators.Count(i => i.Scored)}");
        // The service worker has kept the page once it controls it.
        await page.EvaluateAsync<bool>("""
            async () => {
                await navigator.serviceWorker.ready;
                if (!navigator.serviceWorker.controller) await new Promise(r => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
                return true;
            }
            """);

        await page.Context.SetOfflineAsync(true);
        var indicator = page.GetByRole(AriaRole.Group, new() { Name = first.Text, Exact = false }).First;
        await indicator.GetByRole(AriaRole.Radio, new() { Name = "0 — нет" }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Нет связи" }).First).ToBeVisibleAsync();

        await page.ReloadAsync();

        await Expect(score).ToContainTextAsync($"Заполнено 1 из {template.Indicators.Count(i => i.Scored)}");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = first.Text, Exact = false }).First
            .GetByRole(AriaRole.Radio, new() { Name = "0 — нет" })).ToBeCheckedAsync();
        await Expect(page.Locator("#connection")).ToBeVisibleAsync();

        // Back online, the answer given offline reaches the server.
        await page.Context.SetOfflineAsync(false);
        await Expect(page.GetByText("Черновик сохранён", new() { Exact = false }).First).ToBeVisibleAsync();
        var stored = await (await admin.GetAsync("/api/municipalities/north/schools/s1/self-assessment/2026-11")).Content.ReadAsStringAsync();
        Assert.Contains($"\"{first.Id}\":\"0\"", stored, StringComparison.Ordinal);
    }
}
