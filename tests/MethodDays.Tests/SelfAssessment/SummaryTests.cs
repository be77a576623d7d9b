using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>The coordinator's month: every school side by side, who has not submitted, the Excel file, the trend.</summary>
public sealed class SummaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Month = "2026-10";
    private static readonly string SummaryUrl = $"/api/municipalities/{TestWorld.North}/self-assessment/{Month}/summary";
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static readonly HashSet<string> SeededPrefixes = [];

    private SheetTemplate Template => app.Service<SheetTemplates>().Current;

    /// <summary>s1 submits 105 of 140 (exactly 75 %: high), s2 submits 56 (40 %: low), s3 only has a draft.</summary>
    private async Task SeedMonthAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (!SeededPrefixes.Add(app.Prefix))
            {
                return;
            }

            await app.ClientFor("admin-s1").PostJsonAsync(Sheets.Url("s1", Month) + "/submit", new { values = Sheets.Scoring(Template, 105) });
            await app.ClientFor("admin-s2").PostJsonAsync(Sheets.Url("s2", Month) + "/submit", new { values = Sheets.Scoring(Template, 56) });
            await app.ClientFor("admin-s3").PutJsonAsync(Sheets.Url("s3", Month), new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } });
        }
        finally
        {
            Seeded.Release();
        }
    }

    [Fact]
    public async Task CoordinatorSeesEverySchoolSideBySideAndWhoHasNotSubmitted()
    {
        await SeedMonthAsync();
        var summary = await (await app.ClientFor("coord-n").GetAsync(SummaryUrl)).ReadJsonAsync();
        var schools = summary["schools"]!.AsArray();
        Assert.Equal(["s1", "s2", "s3"], schools.Select(s => (string)s!["schoolId"]!).Order().ToArray());
        var s1 = schools.Single(s => (string?)s!["schoolId"] == "s1")!;
        Assert.Equal(105, (int)s1["total"]!);
        Assert.Equal(75.0, (double)s1["percent"]!);
        Assert.Equal("high", (string?)s1["cluster"]);
        Assert.Equal("2", (string?)s1["values"]!["1.1.1"]);
        var s2 = schools.Single(s => (string?)s!["schoolId"] == "s2")!;
        Assert.Equal("low", (string?)s2["cluster"]);
        Assert.Equal(["s3"], summary["notSubmitted"]!.AsArray().Select(s => (string)s!["id"]!).ToArray());
        Assert.Equal(1, (int)summary["clusters"]!["high"]!);
        Assert.Equal(1, (int)summary["clusters"]!["low"]!);
    }

    [Fact]
    public async Task CuratorSeesOnlyAssignedSchoolsAndSchoolsCannotSeeTheSummary()
    {
        await SeedMonthAsync();
        var summary = await (await app.ClientFor("curator-n").GetAsync(SummaryUrl)).ReadJsonAsync();
        Assert.Equal(["s1", "s2"], summary["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!).Order().ToArray());
        await (await app.ClientFor("admin-s1").GetAsync(SummaryUrl)).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(SummaryUrl)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task SummaryDownloadsAsAnExcelFileLaidOutLikeTheSeedsTable()
    {
        await SeedMonthAsync();
        var response = await app.ClientFor("methodist-n").GetAsync(SummaryUrl + "/xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var cells = Workbook.ReadCells(stream, "Лист оценки");

        // Header row: schools as columns after area, criterion and indicator.
        var header = Workbook.Row(cells, 3);
        Assert.Equal("Область происходящих изменений", header["A"]);
        var s1Column = header.Single(kv => kv.Value == "Первая ООШ").Key;
        var s3Column = header.Single(kv => kv.Value == "Третья СОШ").Key;
        Assert.Equal("ООШ, ШНОР", cells[$"{s1Column}4"]);

        var firstIndicator = Workbook.FindRow(cells, "C", "Обновлены локальные НПА, регламентирующие организацию деятельности методической службы ОО;");
        Assert.Equal("2", cells[$"{s1Column}{firstIndicator}"]);
        var area1 = Workbook.FindRow(cells, "A", "Итого баллов за п.1.");
        Assert.Equal("Максимум баллов: 26", cells[$"B{area1}"]);
        Assert.Equal("26", cells[$"{s1Column}{area1}"]);
        var total = Workbook.FindRow(cells, "A", "Всего баллов за пп.1-4");
        Assert.Equal("105", cells[$"{s1Column}{total}"]);
        Assert.Equal("не отправлен", cells[$"{s3Column}{total}"]);
        var cluster = Workbook.FindRow(cells, "A", "Кластер");
        Assert.Equal("высокий", cells[$"{s1Column}{cluster}"]);

        var missing = Workbook.ReadCells(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "Не отправили");
        Assert.Equal("Третья СОШ", missing["A2"]);

        // A file Excel opens without repairs: valid against the schema, colour-coded, merged and frozen as laid out.
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var invalid = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
        var main = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Descendants<Sheet>().First().Id!);
        var fills = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var clusterCell = main.Worksheet.Descendants<Cell>().Single(c => c.CellReference == $"{s1Column}{cluster}");
        Assert.NotEqual(0u, fills[(int)clusterCell.StyleIndex!.Value].FillId!.Value);
        Assert.Contains(main.Worksheet.Descendants<MergeCell>(), m => m.Reference == $"A5:A{area1 - 1}");
        Assert.Equal("D5", main.Worksheet.Descendants<Pane>().Single().TopLeftCell!.Value);
    }

    [Fact]
    public async Task OneSchoolsSheetDownloadsAsExcelForThoseWhoMayReadIt()
    {
        await SeedMonthAsync();
        var response = await app.ClientFor("admin-s1").GetAsync(Sheets.Url("s1", Month) + "/xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = Workbook.ReadCells(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "Лист оценки");
        Assert.Equal("Первая ООШ", cells["D3"]);
        Assert.False(cells.ContainsKey("E3"));

        // The school's own file has its sheet only: the summary's «Не отправили» list is no part of it.
        using (var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Equal(["Лист оценки"], document.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => (string)s.Name!.Value!).ToArray());
            Assert.DoesNotContain(document.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()), c => c.InnerText.Contains("отправили", StringComparison.Ordinal));
        }

        await (await app.ClientFor("admin-s2").GetAsync(Sheets.Url("s1", Month) + "/xlsx")).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s3").GetAsync(Sheets.Url("s3", Month) + "/xlsx")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task NightlyTimerRecomputesTheMunicipalityTrend()
    {
        await SeedMonthAsync();
        var timer = new InvocationRequest
        {
            Data = new() { ["timer"] = System.Text.Json.JsonDocument.Parse("""{"Schedule":{"AdjustForDST":false},"ScheduleStatus":null,"IsPastDue":false}""").RootElement },
        };
        // Clock: mid-November, so the timer covers October (previous) and November.
        var outcome = await app.Service<FunctionInvoker>().InvokeAsync(MonthlyStatsTimer.Name, timer, null, CancellationToken.None);
        Assert.True(outcome.Succeeded);

        var trend = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/{TestWorld.North}/self-assessment/trend")).ReadJsonAsync();
        var october = trend["months"]!.AsArray().Single(m => (string?)m!["month"] == Month)!;
        Assert.Equal(3, (int)october["schools"]!);
        Assert.Equal(2, (int)october["submitted"]!);
        Assert.Equal(1, (int)october["high"]!);
        Assert.Equal(1, (int)october["low"]!);
        Assert.Equal(57.5, (double)october["averagePercent"]!);
    }
}

/// <summary>Reads cells of an .xlsx as text, keyed by reference ("C12").</summary>
internal static class Workbook
{
    public static Dictionary<string, string> ReadCells(Stream stream, string sheetName)
    {
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!);
        var shared = doc.WorkbookPart.SharedStringTablePart?.SharedStringTable;
        var cells = new Dictionary<string, string>();
        foreach (var cell in part.Worksheet.Descendants<Cell>())
        {
            var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText
                : cell.DataType?.Value == CellValues.SharedString ? shared!.ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
                : cell.CellValue?.Text;
            cells[cell.CellReference!.Value!] = text ?? "";
        }

        return cells;
    }

    public static Dictionary<string, string> Row(Dictionary<string, string> cells, int row) =>
        cells.Where(kv => RowOf(kv.Key) == row).ToDictionary(kv => new string(kv.Key.TakeWhile(char.IsLetter).ToArray()), kv => kv.Value);

    public static int FindRow(Dictionary<string, string> cells, string column, string text) =>
        RowOf(cells.Single(kv => kv.Key.StartsWith(column, StringComparison.Ordinal) && char.IsDigit(kv.Key[column.Length]) && kv.Value == text).Key);

    private static int RowOf(string reference) => int.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
}
