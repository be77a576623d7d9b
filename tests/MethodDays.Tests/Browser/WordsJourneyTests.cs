using System.Net;
using System.Text.RegularExpressions;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Notifications;
using MethodDays.Tests.SelfAssessment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// What people read on the page: times in the municipality's zone whatever the device's zone, said once; the board's
/// headers with the weekday after «до» in the genitive; schools' flags once; codes of new schools and people made
/// from their names when the coordinator leaves the code empty.
/// </summary>
public sealed class WordsJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    /// <summary>A device in Moscow (UTC+3) opening a sheet of a municipality in Omsk (UTC+6).</summary>
    private async Task<IPage> MoscowPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ru-RU",
            TimezoneId = "Europe/Moscow",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime); // 09:00 UTC: 15:00 in Omsk, 12:00 in Moscow
        await page.GotoAsync("/");
        return page;
    }

    [Fact]
    public async Task SheetStampsShowTheMunicipalitysHourOnADeviceInAnotherZone()
    {
        var template = app.Service<SheetTemplates>().Current;
        var first = template.Indicators[0].Id;
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PutJsonAsync(Sheets.Url("s1", "2026-11"), new { values = new Dictionary<string, string> { [first] = "1" } })).StatusCode);

        var page = await MoscowPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await Expect(page.GetByText("Последнее изменение:")).ToContainTextAsync(new Regex("15 ноября 2026 г\\.,? (в )?15:00\\."));
        await Expect(page.GetByText("Время указано по омскому времени (UTC+6).", new() { Exact = true })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Radio, new() { Name = "2 — полностью да" }).Nth(1).CheckAsync();
        await Expect(page.GetByText("Черновик сохранён на сервере в")).ToHaveTextAsync("Черновик сохранён на сервере в 15:00:00.");
        await Expect(page.GetByText("Последнее изменение:")).ToContainTextAsync("15:00");
        Assert.DoesNotContain("Asia/Omsk", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardHeadersSayUntilWithTheGenitive()
    {
        var page = await MoscowPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GotoAsync("/#/board/2026-W47");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Неделя 16–22 ноября 2026" })).ToBeVisibleAsync();
        await Expect(page.Locator("th.step-col .col-meta").First).ToBeVisibleAsync();
        // Where the week is, in words, not its ISO number (this week is 9–15 November).
        await Expect(page.GetByText("Следующая неделя", new() { Exact = true })).ToBeVisibleAsync();
        var headers = await page.Locator("th.step-col .col-meta").AllInnerTextsAsync();
        Assert.NotEmpty(headers);
        Assert.All(headers, h => Assert.Matches(new Regex("^до (понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья), \\d+ ноября, \\d\\d:\\d\\d$"), h));
        var body = await page.Locator("main").InnerTextAsync();
        NoticeWordingTests.AssertReadsWell("board", body);
    }

    [Fact]
    public async Task CoordinatorAddsASchoolAndAPersonWithoutInventingCodes()
    {
        var page = await MoscowPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Люди и школы" }).ClickAsync();
        // Each flag once, no dangling separators: «ООШ, ШНОР, ПРШ · МБОУ …».
        var first = page.Locator("li.people-item", new() { HasText = "МБОУ «Первая основная" });
        await Expect(first).ToContainTextAsync("Первая ООШ · ООШ, ШНОР, ПРШ · МБОУ «Первая основная общеобразовательная школа»");

        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить школу" }).ClickAsync();
        await Expect(page.GetByText("Можно не заполнять: код составится из краткого названия латиницей", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByLabel("Полное название").FillAsync("МБОУ «Кедровская средняя общеобразовательная школа»");
        await page.GetByLabel("Краткое название").FillAsync("Кедровская СОШ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить школу" }).ClickAsync();
        await Expect(page.Locator("li.people-item", new() { HasText = "Кедровская СОШ" })).ToContainTextAsync("Кедровская СОШ · СОШ · МБОУ «Кедровская");

        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" }).ClickAsync();
        await page.GetByLabel("ФИО").FillAsync("Петрова Ольга Ивановна");
        await page.GetByLabel("Электронная почта").FillAsync("petrova@kedr.example");
        await page.GetByLabel("Роль").SelectOptionAsync("Teacher");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Кедровская СОШ" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить участника" }).ClickAsync();
        await Expect(page.GetByText("petrova@kedr.example · Кедровская СОШ", new() { Exact = false })).ToBeVisibleAsync();

        var schools = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/schools")).ReadJsonAsync();
        Assert.Contains(schools.AsArray(), s => (string?)s!["id"] == "kedrovskaia-sosh");
        var members = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/members")).ReadJsonAsync();
        var saved = members.AsArray().Single(m => (string?)m!["personId"] == "petrova-olga-ivanovna")!;
        Assert.Equal(["kedrovskaia-sosh"], saved["schoolIds"]!.AsArray().Select(s => (string)s!).ToArray());
    }
}
