using System.Net;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.Observations;
using MethodDays.Features.Progress;
using MethodDays.Features.Visits;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>
/// A small school year 2025–2026 of «north» written straight into the tables: s1 visited on 1 September 2025 and again
/// in March (a repeat visit; ШНОР until 2025–2026, so it left the list), s2 on 31 August 2026 (still ШНОР); s3's visits
/// on 31 August 2025 and 1 September 2026 lie outside the year, its cancelled one does not count. The clock is
/// 15 November 2026.
/// </summary>
internal static class VisitYearSeed
{
    public const string Year = "2025-2026";

    public static async Task SeedAsync(AppFactory app)
    {
        var store = app.Service<VisitYearStore>();
        const string m = TestWorld.North;
        static VisitEntity Visit(string id, string school, string date, string status = VisitRules.Planned, int lessons = 3) => new()
        {
            PartitionKey = m, RowKey = VisitStore.VisitKey(id), SchoolId = school, Date = date, Status = status, Purpose = "Адресная помощь",
            Lessons = StoredJson.Write(Enumerable.Range(1, lessons).Select(n => new Lesson($"t{n}", $"Педагог {n}", "Математика", "7А", n, "09:00", "09:40", null, ["coord-n"], $"L{n}"))),
            Team = "[]", Directions = "[]",
        };
        await store.WriteBatchAsync(VisitStore.VisitsTable,
        [
            Visit("yv1", "s1", "2025-09-01"), Visit("yv2", "s1", "2026-03-10"), Visit("yv3", "s2", "2026-08-31"),
            Visit("yv4", "s3", "2025-08-31"), Visit("yv5", "s3", "2026-09-01"), Visit("yv6", "s3", "2026-01-10", VisitRules.Cancelled),
            new VisitRequestEntity { PartitionKey = m, RowKey = VisitStore.RequestKey("s1", "2025-09"), SchoolId = "s1", Month = "2025-09", Reason = "Помощь", Status = VisitRules.Agreed },
            new VisitRequestEntity { PartitionKey = m, RowKey = VisitStore.RequestKey("s2", "2026-08"), SchoolId = "s2", Month = "2026-08", Reason = "Помощь", Status = VisitRules.Pending },
            new VisitRequestEntity { PartitionKey = m, RowKey = VisitStore.RequestKey("s3", "2025-08"), SchoolId = "s3", Month = "2025-08", Reason = "Помощь", Status = VisitRules.Agreed },
        ], default);

        await app.Service<VisitStore>().WriteResultsAsync(
        [
            (new ShnorEntity { PartitionKey = m, RowKey = VisitStore.ShnorKey("s1"), SchoolId = "s1", From = "2021-2022", To = Year }, false),
            (new ShnorEntity { PartitionKey = m, RowKey = VisitStore.ShnorKey("s2"), SchoolId = "s2", From = "2022-2023" }, false),
            (new ShnorEntity { PartitionKey = m, RowKey = VisitStore.ShnorKey("s3"), SchoolId = "s3", From = "2019-2020", To = "2021-2022" }, false),
        ], default);

        static ProtocolEntity Protocol(string school, string visit, string lesson, string observer, Dictionary<string, string> marks) => new()
        {
            PartitionKey = Keys.Partition(m, school, visit), RowKey = Keys.Protocol(lesson, observer), MunicipalityId = m, SchoolId = school, VisitId = visit,
            LessonId = lesson, ObserverId = observer, ObserverName = observer, TemplateVersion = "2026.1",
            Content = StoredJson.Write(new ProtocolContent(marks, [], "", "", "")),
        };

        // goal.1 is on 0–2, formative.2 on 1–4: yv1 = (50 + 0 + 100 + 100 + 0) / 5 = 50 %; yv2 = (100 + 66.7) / 2 = 83.3 %; yv3 = 50 %.
        await store.WriteBatchAsync(ProtocolStore.Table,
        [
            Protocol("s1", "yv1", "L1", "coord-n", new() { ["goal.1"] = "1", ["formative.2"] = "1", ["formative.5"] = "" }),
            Protocol("s1", "yv1", "L1", "methodist-n", new() { ["goal.1"] = "2", ["formative.2"] = "4" }),
            Protocol("s1", "yv1", "L2", "coord-n", new() { ["goal.1"] = "0" }),
            Protocol("s1", "yv2", "L1", "coord-n", new() { ["goal.1"] = "2", ["formative.2"] = "3" }),
            Protocol("s2", "yv3", "L1", "coord-n", new() { ["goal.1"] = "1" }),
            Protocol("s3", "yv4", "L1", "coord-n", new() { ["goal.1"] = "2" }),
        ], default);

        static HelpItemEntity Item(string school, string id, string due, string status) => new()
        {
            PartitionKey = m, RowKey = HelpPlanStore.ItemKey(school, id), SchoolId = school, ItemId = id, Action = "Пункт", Responsible = "Завуч",
            DueDate = due, Status = status, Open = HelpPlanRules.IsOpen(status),
        };
        await store.WriteBatchAsync(HelpPlanStore.Table,
        [
            Item("s1", "item-done", "2025-10-01", "done"), Item("s1", "item-late", "2026-05-01", "planned"), Item("s1", "item-next", "2026-12-01", "planned"),
            Item("s2", "item-late2", "2026-08-31", "inProgress"), Item("s3", "item-s3", "2026-01-01", "done"),
        ], default);
    }
}

/// <summary>The municipality's figures for a school year: counted right, as an Excel file, and only for the municipality's planners.</summary>
public sealed class VisitYearTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string Path = "/api/municipalities/north/visits/years/" + VisitYearSeed.Year;

    public async ValueTask InitializeAsync() => await VisitYearSeed.SeedAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TheYearsFiguresAreCountedFromSeptemberToAugust()
    {
        var year = await (await app.ClientFor("methodist-n").GetAsync(Path)).ReadJsonAsync();
        var t = year["totals"]!;
        Assert.Equal("2025/2026 учебный год", (string?)year["yearLabel"]);
        Assert.Equal(3, (int)t["visits"]!);
        Assert.Equal(2, (int)t["schools"]!);
        Assert.Equal(4, (int)t["lessonsObserved"]!); // yv1: L1 and L2 (L3 has no protocol), yv2: L1, yv3: L1
        Assert.Equal(5, (int)t["protocols"]!);
        Assert.Equal(2, (int)t["shnorSchools"]!);
        Assert.Equal(1, (int)t["shnorLeft"]!);
        Assert.Equal(1, (int)t["repeatVisits"]!);
        Assert.Equal(3, (int)t["helpItems"]!);
        Assert.Equal(1, (int)t["helpDone"]!);
        Assert.Equal(2, (int)t["helpOverdue"]!);
        Assert.Equal(1, (int)t["requestsAnswered"]!);
        Assert.Equal(1, (int)t["requestsPending"]!);
        Assert.Equal(0, (int)t["plannedAhead"]!);

        var s1 = year["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s1")!;
        Assert.True((bool)s1["shnor"]! && (bool)s1["leftShnor"]!);
        Assert.Equal(["2025-09-01", "2026-03-10"], s1["visits"]!.AsArray().Select(v => (string?)v!["date"]));
        Assert.Equal(50.0, (double)s1["firstMark"]!);
        Assert.Equal(83.3, (double)s1["lastMark"]!);
        Assert.Equal(33.3, (double)s1["markChange"]!);
        var s2 = year["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!;
        Assert.True((bool)s2["shnor"]! && !(bool)s2["leftShnor"]!);
        Assert.Null(s2["lastMark"]);
        Assert.DoesNotContain(year["schools"]!.AsArray(), s => (string?)s!["schoolId"] == "s3");
        var months = year["months"]!.AsArray();
        Assert.Equal("2025-09", (string?)months[0]!["month"]);
        Assert.Equal(2, (int)months[0]!["lessonsObserved"]!);
        Assert.Equal(1, (int)months[11]!["visits"]!);

        // The year before holds s3's visit of 31 August 2025 alone.
        var before = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/visits/years/2024-2025")).ReadJsonAsync();
        Assert.Equal(1, (int)before["totals"]!["visits"]!);
        Assert.Equal(1, (int)before["totals"]!["lessonsObserved"]!);
        Assert.Contains("2025-2026", before["years"]!.AsArray().Select(y => (string?)y));
    }

    [Fact]
    public async Task TheWorkbookHoldsTheSameFiguresCellByCell()
    {
        var response = await app.ClientFor("coord-n").GetAsync(Path + ".xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var totals = Sheet(document, "Итоги");
        Assert.StartsWith("Итоги «Методических дней» за 2025/2026 учебный год", totals["A1"]);
        Assert.Equal("Посещений («Методических дней»)", totals["A3"]);
        Assert.Equal("3", totals["B3"]);
        Assert.Equal("Школ посещено", totals["A4"]);
        Assert.Equal("2", totals["B4"]);
        Assert.Equal("4", totals["B5"]);
        Assert.Equal("ШНОР среди посещённых школ", totals["A7"]);
        Assert.Equal("2", totals["B7"]);
        Assert.Equal("1", totals["B8"]);
        Assert.Equal("1", totals["B10"]);
        Assert.Equal("2", totals["B13"]);

        var schools = Sheet(document, "Школы");
        Assert.Equal("Школа", schools["A1"]);
        Assert.Equal("Вторая СОШ", schools["A2"]);
        Assert.Equal("в списке", schools["B2"]);
        Assert.Equal("Первая ООШ", schools["A3"]);
        Assert.Equal("вышла из списка", schools["B3"]);
        Assert.Equal("2", schools["C3"]);
        Assert.Equal("3", schools["D3"]);
        Assert.Equal("50", schools["E3"]);
        Assert.Equal("83.3", schools["F3"]);
        Assert.Equal("33.3", schools["G3"]);
        Assert.Equal("1", schools["H3"]);
        Assert.Equal("1", schools["I3"]);

        var visits = Sheet(document, "Посещения");
        Assert.Equal(["01.09.2025", "10.03.2026", "31.08.2026"], new[] { visits["B2"], visits["B3"], visits["B4"] });
        Assert.False(visits.ContainsKey("A5"));
    }

    [Fact]
    public async Task OnlyTheMunicipalitysPlannersSeeTheYear()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").GetAsync(Path)).StatusCode);
        await (await app.ClientFor("admin-s1").GetAsync(Path)).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").GetAsync(Path + ".xlsx")).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(Path)).AssertProblemAsync(403);
        await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/visits/years/2025-2027")).AssertProblemAsync(400, "year");
    }

    private static Dictionary<string, string> Sheet(SpreadsheetDocument document, string name)
    {
        var wb = document.WorkbookPart!;
        var sheet = wb.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
    }
}
