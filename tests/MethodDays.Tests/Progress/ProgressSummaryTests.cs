using System.Net;
using System.Text.Json.Nodes;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>The coordinator's month of progress sheets: who submitted, methodical days, stages, open requests.</summary>
public sealed class ProgressSummaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Month = "2026-10";
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static readonly Dictionary<string, (string S1Request, string S2Planned, string S2Cancelled)> Requests = [];

    /// <summary>
    /// s1 held two ЕМД (80 % and 60 % of teachers) and asks for one thing; s2 held none (quarantine) and asks for two,
    /// one of them already in its help plan, the other in a plan item that was cancelled; s3 has only a draft.
    /// </summary>
    private async Task<(string S1Request, string S2Planned, string S2Cancelled)> SeedMonthAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (Requests.TryGetValue(app.Prefix, out var known))
            {
                return known;
            }

            var s1 = await (await app.ClientFor("admin-s1").PostJsonAsync(Url("s1", Month) + "/submit", new
            {
                days = new[] { Day("2026-10-01", 80), Day("2026-10-15", 60, "lesson-study") },
                requests = new[] { new { topic = "ВПР", text = "Разбор заданий ВПР по математике" } },
                teachers = new[] { Member("teacher-s1", "trying"), Teacher("Иванова Анна Петровна", "using") },
            })).ReadJsonAsync();
            var s2 = await (await app.ClientFor("admin-s2").PostJsonAsync(Url("s2", Month) + "/submit", new
            {
                noDays = true,
                noDaysReason = "Карантин",
                requests = new[]
                {
                    new { id = "r-ocenka", topic = "Формирующее оценивание", text = "Практикум для учителей начальных классов" },
                    new { id = "r-iom", topic = "ИОМ", text = "Помочь составить индивидуальные маршруты" },
                },
                teachers = new[] { Teacher("Белов К. Ю.", "studying"), Teacher("Григорьева Л. И.", "studying"), Teacher("Данилова О. В.", "sharing") },
            })).ReadJsonAsync();
            await app.ClientFor("admin-s3").PutJsonAsync(Url("s3", Month), new { difficulties = "Заполняем" });

            var curator = app.ClientFor("curator-n");
            await curator.PostJsonAsync(PlanUrl("s2"), new { action = "Практикум по оцениванию", responsible = "Методист ЦРО", dueDate = "2026-12-01", source = new { month = Month, requestId = "r-ocenka" } });
            var cancelled = await (await curator.PostJsonAsync(PlanUrl("s2"), new { action = "Консультация по ИОМ", responsible = "Куратор", dueDate = "2026-11-20", source = new { month = Month, requestId = "r-iom" } })).ReadJsonAsync();
            var update = await curator.PutJsonAsync($"{PlanUrl("s2")}/{cancelled["id"]}",
                new { action = "Консультация по ИОМ", responsible = "Куратор", dueDate = "2026-11-20", status = "cancelled", source = new { month = Month, requestId = "r-iom" } },
                (string)cancelled["eTag"]!);
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);

            known = ((string)s1["sheet"]!["requests"]![0]!["id"]!, "r-ocenka", "r-iom");
            Requests[app.Prefix] = known;
            Assert.Equal("submitted", (string?)s2["status"]);
            return known;
        }
        finally
        {
            Seeded.Release();
        }
    }

    [Fact]
    public async Task CoordinatorSeesWhoSubmittedTheirMethodicalDaysAndTeachersByStage()
    {
        await SeedMonthAsync();
        var summary = await (await app.ClientFor("coord-n").GetAsync(SummaryUrl(Month))).ReadJsonAsync();
        var schools = summary["schools"]!.AsArray().ToDictionary(s => (string)s!["schoolId"]!, s => s!);
        Assert.Equal(["s1", "s2", "s3"], schools.Keys.Order().ToArray());

        var s1 = schools["s1"];
        Assert.Equal("submitted", (string?)s1["status"]);
        Assert.Equal(2, (int)s1["days"]!);
        Assert.Equal(70.0, (double)s1["averageSharePercent"]!);
        Assert.Equal(2, (int)s1["teachers"]!);
        Assert.Equal("Администратор Первой", (string?)s1["submittedByName"]);
        Assert.Equal([0, 1, 1, 0], Counts(s1["stages"]!));

        var s2 = schools["s2"];
        Assert.Equal(0, (int)s2["days"]!);
        Assert.True((bool)s2["noDays"]!);
        Assert.Equal("Карантин", (string?)s2["noDaysReason"]);
        Assert.Null(s2["averageSharePercent"]);
        Assert.Equal("draft", (string?)schools["s3"]["status"]);
        Assert.Equal(["s3"], summary["notSubmitted"]!.AsArray().Select(s => (string)s!["id"]!).ToArray());

        var totals = summary["totals"]!;
        Assert.Equal(3, (int)totals["schools"]!);
        Assert.Equal(2, (int)totals["submitted"]!);
        Assert.Equal(2, (int)totals["days"]!);
        Assert.Equal(5, (int)totals["teachers"]!);
        Assert.Equal([2, 1, 1, 1], Counts(totals["stages"]!));
        Assert.Equal(["Изучаю", "Апробирую", "Применяю", "Делюсь опытом"], totals["stages"]!.AsArray().Select(s => (string)s!["label"]!).ToArray());
    }

    [Fact]
    public async Task RequestsStayOpenUntilAPlanItemAnswersThem()
    {
        var (s1Request, s2Planned, s2Cancelled) = await SeedMonthAsync();
        var summary = await (await app.ClientFor("methodist-n").GetAsync(SummaryUrl(Month))).ReadJsonAsync();
        var open = summary["openRequests"]!.AsArray();
        Assert.Equal(new[] { s1Request, s2Cancelled }.Order(StringComparer.Ordinal), open.Select(r => (string)r!["requestId"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(open, r => (string?)r!["requestId"] == s2Planned);
        Assert.Equal(1, (int)summary["answeredRequests"]!);

        var iom = open.Single(r => (string?)r!["requestId"] == s2Cancelled)!;
        Assert.Equal("Вторая СОШ", (string?)iom["schoolShortName"]);
        Assert.Equal("ИОМ", (string?)iom["topic"]);
        Assert.Equal("cancelled", (string?)iom["planItems"]![0]!["status"]);
        var vpr = open.Single(r => (string?)r!["requestId"] == s1Request)!;
        Assert.Equal("Разбор заданий ВПР по математике", (string?)vpr["text"]);
    }

    [Fact]
    public async Task EditingAfterSubmissionShowsChangedButTheSummaryKeepsTheSubmittedFigures()
    {
        const string september = "2026-09";
        var admin = app.ClientFor("admin-s2");
        var submitted = await admin.PostJsonAsync(Url("s2", september) + "/submit", new { days = new[] { Day("2026-09-03", 50), Day("2026-09-17", 70) }, teachers = new[] { Teacher("Белов К. Ю.", "trying") } });
        var edit = await admin.PutJsonAsync(Url("s2", september), new { days = new[] { Day("2026-09-03", 100) }, teachers = new[] { Teacher("Белов К. Ю.", "sharing") } }, submitted.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var summary = await (await app.ClientFor("coord-n").GetAsync(SummaryUrl(september))).ReadJsonAsync();
        var s2 = summary["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!;
        Assert.Equal("changed", (string?)s2["status"]);
        Assert.Equal(2, (int)s2["days"]!);
        Assert.Equal(60.0, (double)s2["averageSharePercent"]!);
        Assert.Equal([0, 1, 0, 0], Counts(s2["stages"]!));
    }

    [Fact]
    public async Task AMonthNobodyFilledListsEverySchoolAsNotSubmitted()
    {
        var summary = await (await app.ClientFor("coord-n").GetAsync(SummaryUrl("2025-12"))).ReadJsonAsync();
        Assert.Equal(["s1", "s2", "s3"], summary["notSubmitted"]!.AsArray().Select(s => (string)s!["id"]!).Order().ToArray());
        Assert.Equal(0, (int)summary["totals"]!["submitted"]!);
        Assert.Null(summary["totals"]!["averageSharePercent"]);
        await (await app.ClientFor("coord-n").GetAsync(SummaryUrl("2027-01"))).AssertProblemAsync(400, "month");
    }

    private static int[] Counts(JsonNode stages) => [.. stages.AsArray().Select(s => (int)s!["count"]!)];
}
