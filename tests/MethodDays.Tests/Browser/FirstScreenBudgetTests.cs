using System.Globalization;
using System.Net;
using System.Text.Json;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The first screen of the sheet ≤ 90 KB transferred with every feature of the page present (DESIGN.md allows 150 KB;
/// the page keeps to 90 so a rural line opens it within seconds). Counted as Chromium sees it (bytes on the
/// wire, compressed, headers included) from an empty cache through sign-in until the filled sheet is on screen and
/// the network is idle (so the history chart's request counts too).
/// </summary>
public sealed class FirstScreenBudgetTests(BrowserAppFactory app, ITestOutputHelper output) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const int BudgetBytes = 90 * 1024;

    [Fact]
    public async Task FirstScreenOfAFilledSheetStaysWithin90KB()
    {
        // A realistic screen: two submitted months behind a fully filled draft for this month.
        var admin = app.ClientFor("admin-s1");
        var template = app.Service<SheetTemplates>().Current;
        var values = template.Indicators.ToDictionary(i => i.Id, i => (object)(i.SeniorGradesOnly ? "na" : i.Id.Length % 3 == 0 ? "1" : "2"));
        foreach (var month in new[] { "2026-09", "2026-10" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/municipalities/north/schools/s1/self-assessment/{month}/submit", new { values })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync("/api/municipalities/north/schools/s1/self-assessment/2026-11", new { values })).StatusCode);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var urls = new Dictionary<string, string>();
        var encodings = new Dictionary<string, string>();
        var bytes = new Dictionary<string, double>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            var response = e!.Value.GetProperty("response");
            var id = e.Value.GetProperty("requestId").GetString()!;
            lock (urls)
            {
                urls[id] = response.GetProperty("url").GetString()!;
                encodings[id] = Header(response.GetProperty("headers"), "content-encoding") ?? "-";
            }
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            lock (urls)
            {
                bytes[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("encodedDataLength").GetDouble();
            }
        };
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Итог" })).ToContainTextAsync("Заполнено 70 из 70");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "2 — полностью да" })).ToHaveCountAsync(template.Indicators.Count);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        double total;
        lock (urls)
        {
            total = bytes.Values.Sum();
            foreach (var (id, size) in bytes.OrderByDescending(kv => kv.Value))
            {
                var url = urls.GetValueOrDefault(id, "?");
                output.WriteLine($"{size,8:0} B  {encodings.GetValueOrDefault(id, "-"),-5} {new Uri(url).PathAndQuery}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total: {total:0} B = {total / 1024:0.0} KB in {bytes.Count} responses"));
        Assert.True(total <= BudgetBytes, $"First screen of the sheet: {total / 1024:0.0} KB transferred, budget 90 KB.");
    }

    private static string? Header(JsonElement headers, string name) =>
        headers.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v
            ? v.GetString()
            : null;
}
