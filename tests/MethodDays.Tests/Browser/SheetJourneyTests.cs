using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The sheet as people use it, in headless Chromium: a school admin fills and submits the month's sheet on a phone,
/// the coordinator finds the school in the month's summary and downloads it as Excel.
/// </summary>
public sealed class SheetJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task SchoolAdminSubmitsTheSheetThenTheCoordinatorSeesItInTheSummaryAndItsExcel()
    {
        var template = app.Service<SheetTemplates>().Current;

        // s3 never submits here (the other test submits s2's sheet). s1 is an ООШ: the two lines about grades 10–11 are not applicable; 30 lines "2", 20 lines "1", the rest "0".
        var answers = new Dictionary<string, string>();
        var scored = 0;
        foreach (var item in template.Indicators)
        {
            answers[item.Id] = item.SeniorGradesOnly ? "na" : scored++ < 30 ? "2" : scored <= 50 ? "1" : "0";
        }

        Assert.Equal(2, answers.Values.Count(v => v == "na"));
        const int ExpectedTotal = 30 * 2 + 20; // of 68 applicable lines × 2 = 136; 80/136 = 58.8 % → medium
        const string Skipped = "3.1.4";

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        // The browser's "today" must agree with the server's fake clock (the month chooser has no future months).
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByText("не начат", new() { Exact = true })).ToBeVisibleAsync();

        foreach (var item in template.Indicators.Where(i => i.Id != Skipped))
        {
            await Indicator(page, item).GetByRole(AriaRole.Radio, new() { Name = Choice(answers[item.Id]) }).CheckAsync();
        }

        var score = page.GetByRole(AriaRole.Region, new() { Name = "Итог" });
        await Expect(score).ToContainTextAsync("Заполнено 69 из 70");
        // How clusters are counted, in words made from the template's thresholds.
        await score.GetByText("Как считаются кластеры").ClickAsync();
        await Expect(score).ToContainTextAsync("высокий — 75 % и выше; средний — от 50 % до 75 % (не включая 75 %); низкий — ниже 50 %");

        // The page asks first, in its own words; «Отмена» sends nothing.
        var admin = app.ClientFor("admin-s1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить лист" }).ClickAsync();
        var question = page.GetByRole(AriaRole.Group, new() { Name = "Отправить лист за ноябрь 2026?", Exact = false });
        await Expect(question).ToContainTextAsync("Отправить лист за ноябрь 2026? Заполнено 69 из 70; после отправки изменения сохраняются как новая редакция.");
        await question.GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Отправить лист" })).ToBeFocusedAsync();
        var notSent = await (await admin.GetAsync("/api/municipalities/north/schools/s1/self-assessment/2026-11", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(0, (int)notSent["revision"]!);

        // Submitting with one line unanswered: the server refuses and the page points at the line.
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить лист" }).ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, отправить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("без оценки 1 из 70");
        var skipped = Indicator(page, template.ById[Skipped]);
        await Expect(skipped).ToContainTextAsync("Поставьте оценку");

        await skipped.GetByRole(AriaRole.Radio, new() { Name = Choice(answers[Skipped]) }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить лист" }).ClickAsync();
        await Expect(question).ToContainTextAsync("Заполнено 70 из 70");
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, отправить" }).ClickAsync();

        await Expect(page.GetByText("Лист отправлен: редакция №1")).ToBeVisibleAsync();
        await Expect(page.GetByText("отправлен", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(score).ToContainTextAsync($"{ExpectedTotal} из 136 баллов");
        await Expect(score).ToContainTextAsync("58,8 %");
        await Expect(score).ToContainTextAsync("средний потенциал");
        await Expect(score).ToContainTextAsync("Сырой балл: 80 из 140");

        // What the page showed is what the server stored.
        var stored = await (await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/schools/s1/self-assessment/2026-11", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("submitted", (string?)stored["status"]);
        Assert.Equal(ExpectedTotal, (int)stored["score"]!["total"]!);
        Assert.Equal(answers, stored["values"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!));

        // The coordinator signs in on the same device.
        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await Expect(page.GetByText("Сводная таблица", new() { Exact = true }).First).ToBeVisibleAsync();

        var table = page.GetByRole(AriaRole.Region, new() { Name = "Сводная таблица: показатели по строкам, школы по столбцам" });
        var header = table.GetByRole(AriaRole.Columnheader).Filter(new() { HasText = "Первая ООШ" });
        await Expect(header).ToContainTextAsync("ред. 1");
        // Schools are columns: find "Первая ООШ"'s (the first header is the indicator column).
        var names = await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync();
        var column = names.ToList().FindIndex(n => n.Contains("Первая ООШ", StringComparison.Ordinal)) - 1;
        var other = names.ToList().FindIndex(n => n.Contains("Третья СОШ", StringComparison.Ordinal)) - 1;
        Assert.True(column >= 0 && other >= 0, string.Join(" | ", names));
        var totalRow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Всего баллов (макс. 140)" });
        await Expect(totalRow.GetByRole(AriaRole.Cell).Nth(column)).ToHaveTextAsync(ExpectedTotal.ToString(CultureInfo.InvariantCulture));
        await Expect(totalRow.GetByRole(AriaRole.Cell).Nth(other)).ToHaveTextAsync("не отправлен");
        var clusterRow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Кластер" });
        await Expect(clusterRow.GetByRole(AriaRole.Cell).Nth(column)).ToHaveTextAsync("средний");

        var missing = page.GetByRole(AriaRole.Region, new() { Name = "Не отправили лист" });
        await Expect(missing).ToContainTextAsync("Третья СОШ");
        await Expect(missing).Not.ToContainTextAsync("Первая ООШ");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Скачать сводную таблицу (.xlsx)" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"{app.Prefix}-summary.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            var cells = ReadMainSheet(file);
            var s1 = ColumnOf(cells, row: 3, "Первая ООШ");
            Assert.Equal("ООШ, ШНОР", cells[$"{s1}4"]);
            Assert.Equal(ExpectedTotal.ToString(CultureInfo.InvariantCulture), cells[$"{s1}{RowOf(cells, "Всего баллов за пп.1-4")}"]);
            Assert.Equal("136", cells[$"{s1}{RowOf(cells, "Применимый максимум")}"]);
            Assert.Equal("средний", cells[$"{s1}{RowOf(cells, "Кластер")}"]);
            Assert.Equal("не отправлен", cells[$"{ColumnOf(cells, row: 3, "Третья СОШ")}{RowOf(cells, "Всего баллов за пп.1-4")}"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ReviewerOpensTheSchoolsSheetReadOnlyAndComments()
    {
        var admin = app.ClientFor("admin-s2");
        var values = app.Service<SheetTemplates>().Current.Indicators.ToDictionary(i => i.Id, _ => (object)"1");
        var submitted = await admin.PostJsonAsync("/api/municipalities/north/schools/s2/self-assessment/2026-11/submit", new { values });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Куратор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Вторая СОШ" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Итог" })).ToContainTextAsync("70 из 140 баллов");
        var first = page.GetByRole(AriaRole.Radio, new() { Name = "1 — частично да" }).First;
        await Expect(first).ToBeCheckedAsync();
        await Expect(first).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Отправить лист" })).ToBeHiddenAsync();

        await page.GetByLabel("Ваш комментарий к листу").FillAsync("Обсудим раздел 3 на встрече в четверг.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить комментарий" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Обсудим раздел 3 на встрече в четверг." })).ToContainTextAsync("Куратор Северный");

        var stored = await (await admin.GetAsync("/api/municipalities/north/schools/s2/self-assessment/2026-11", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("Обсудим раздел 3 на встрече в четверг.", (string?)stored["comments"]![0]!["text"]);
    }

    [Fact]
    public async Task AScreenReaderIsGivenEveryIndicatorAndItsChoicesOnAPhone()
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Третьей" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Итог" })).ToBeVisibleAsync();

        // What assistive technology is handed (Chromium's accessibility tree), not only what is on the screen: every
        // indicator, far below the first screen too, is there with its four named choices.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Accessibility.enable");
        var tree = await cdp.SendAsync("Accessibility.getFullAXTree");
        static string Value(System.Text.Json.JsonElement node, string property) =>
            node.TryGetProperty(property, out var p) && p.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "";
        var radios = tree!.Value.GetProperty("nodes").EnumerateArray()
            .Where(n => Value(n, "role") == "radio" && !(n.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean()))
            .Select(n => Value(n, "name"))
            .ToList();
        var indicators = app.Service<SheetTemplates>().Current.Indicators.Count;
        Assert.Equal(indicators * 4, radios.Count);
        Assert.Equal(indicators, radios.Count(name => name == "1 — частично да"));
    }

    [Fact]
    public async Task TheMonthChooserStartsAtTheProgrammeStartAndATeacherStartsInTheBank()
    {
        var admin = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await admin.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await admin.GotoAsync("/");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Администратор Второй" }).ClickAsync();
        var months = admin.GetByLabel("Месяц").Locator("option");
        await Expect(months.First).ToHaveAttributeAsync("value", "2026-11");
        // The programme started in September 2025: nothing earlier is offered.
        await Expect(months.Last).ToHaveAttributeAsync("value", Municipality.DefaultProgrammeStart);

        var teacher = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await teacher.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await teacher.GotoAsync("/");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Педагог Первой" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Банк практик", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("#/bank", teacher.Url, StringComparison.Ordinal);
        await Expect(teacher.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "Лист школы" })).ToHaveAttributeAsync("href", "#/sheet/s1");
    }

    private static ILocator Indicator(IPage page, TemplateItem item) =>
        page.GetByRole(AriaRole.Group, new() { Name = $"{item.Id} {item.Text}", Exact = true });

    private static string Choice(string value) => value switch
    {
        "2" => "2 — полностью да",
        "1" => "1 — частично да",
        "0" => "0 — нет",
        _ => "н/п — не применимо",
    };

    /// <summary>Every non-empty cell of the workbook's main sheet by reference ("D3" → "Первая ООШ").</summary>
    private static Dictionary<string, string> ReadMainSheet(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Лист оценки");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
    }

    private static string ColumnOf(Dictionary<string, string> cells, int row, string text)
    {
        var suffix = row.ToString(CultureInfo.InvariantCulture);
        var reference = cells.Single(kv => kv.Value == text && kv.Key.EndsWith(suffix, StringComparison.Ordinal) && char.IsLetter(kv.Key[^(suffix.Length + 1)])).Key;
        return reference[..^suffix.Length];
    }

    private static int RowOf(Dictionary<string, string> cells, string firstColumnText) =>
        int.Parse(cells.Single(kv => kv.Key.StartsWith('A') && char.IsDigit(kv.Key[1]) && kv.Value == firstColumnText).Key[1..], CultureInfo.InvariantCulture);
}
