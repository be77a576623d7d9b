using Azure.Data.Tables;
using MethodDays.Features.Notifications;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>
/// Rules the seeds leave unsaid, on a fake clock in "north" (Asia/Omsk, UTC+6): s1 and s2 are ШНОР/ПРШ with a curator,
/// s3 is a leading school with neither flags nor curator.
/// </summary>
public sealed class CycleRulesTests
{
    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static async Task<AppFactory> StartAsync()
    {
        var app = new AppFactory();
        await app.InitializeAsync();
        app.Clock.SetUtcNow(Utc(11, 16, 0)); // Monday of 2026-W47
        return app;
    }

    /// <summary>Ticks hour by hour, running an action where one is due, and records every notice with its hour.</summary>
    private static async Task<List<string>> RunAsync(AppFactory app, DateTimeOffset from, DateTimeOffset to, Dictionary<DateTimeOffset, Func<Task>>? actions = null)
    {
        var sent = new List<string>();
        for (var at = from; at <= to; at = at.AddHours(1))
        {
            app.Clock.SetUtcNow(at);
            if (actions?.TryGetValue(at, out var act) == true)
            {
                await act();
            }

            await Notices.TickAsync(app);
            sent.AddRange((await Notices.DrainAsync(app)).Select(n => $"{at:MM-dd HH} {n.PersonId} {n.Kind} {n.Subject}"));
        }

        return sent;
    }

    private static string[] Brief(IEnumerable<string> sent, string? kind = null) =>
        [.. sent.Select(s => string.Join(' ', s.Split(' ')[..4])).Where(s => kind is null || s.EndsWith(kind, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task UstIshimCuratorMeetingIsRemindedAndOverdueOnlyWhenNothingIsRecordedByTheEndOfFriday()
    {
        await using var app = await StartAsync();
        Assert.True((await app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/cycle", new { preset = "ust-ishim" })).IsSuccessStatusCode);
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47"); // Wednesday 16:00 Omsk = 10:00 UTC
        const string s2Week = "/api/municipalities/north/schools/s2/weeks/2026-W47";
        string? s2AtFour = null;

        var sent = await RunAsync(app, Utc(11, 18, 0), Utc(11, 22, 0), new()
        {
            // Thursday 16:00 Omsk: the curator records the meeting with s1; s2's meeting is not recorded.
            [Utc(11, 19, 10)] = async () =>
            {
                var done = await app.ClientFor("curator-n").PostJsonAsync("/api/municipalities/north/schools/s1/weeks/2026-W47/steps/curator-meeting", new { text = "Встреча в Zoom: обсудили техническое задание." });
                Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
                s2AtFour = (string?)(await (await app.ClientFor("curator-n").GetAsync(s2Week)).ReadJsonAsync())["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "CuratorMeeting")!["state"];
            },
        });

        // Thursday 15:00 Omsk (09:00 UTC) is when the meeting may start: nothing is overdue then.
        Assert.DoesNotContain(sent, s => s.StartsWith("11-19 09", StringComparison.Ordinal) && s.Contains("Срок прошёл", StringComparison.Ordinal));
        Assert.Equal("due", s2AtFour);
        Assert.Equal(
            [
                // Every school's staff hear of the topic, the leading s3 too.
                .. new[] { "admin-s1", "admin-s1b", "admin-s2", "admin-s3", "curator-n", "methodist-n", "teacher-s1" }.Select(p => $"11-18 10 {p} TopicPublished"),
                // Thursday 13:00 Omsk: the curator is reminded of both meetings (s3 has no curator, so no meeting).
                "11-19 07 curator-n Reminder", "11-19 07 curator-n Reminder",
                // Friday 23:59 Omsk passed with nothing recorded for s2: the curator is told, once.
                "11-20 18 curator-n Overdue",
            ],
            Brief(sent));
        Assert.Contains(sent, s => s.StartsWith("11-20 18 curator-n Overdue Срок прошёл", StringComparison.Ordinal) && s.EndsWith("(Вторая СОШ)", StringComparison.Ordinal));

        var s1 = await (await app.ClientFor("curator-n").GetAsync("/api/municipalities/north/schools/s1/weeks/2026-W47")).ReadJsonAsync();
        var meeting = s1["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "CuratorMeeting")!;
        Assert.Equal("done", (string?)meeting["state"]); // recorded after 15:00 on Thursday: not late
        Assert.False((bool)meeting["late"]!);
        var s2 = await (await app.ClientFor("curator-n").GetAsync(s2Week)).ReadJsonAsync();
        Assert.Equal("overdue", (string?)s2["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "CuratorMeeting")!["state"]);
        Assert.DoesNotContain(s2["steps"]!.AsArray(), s => (string?)s!["kind"] == "Questions"); // seed 003 gives schools no questions deadline
    }

    [Fact]
    public async Task PoltavaSendsNoOverdueNoticeForAStepWhoseHourTheSeedDoesNotGiveAndEverySchoolTakesPart()
    {
        await using var app = await StartAsync();
        var coordinator = app.ClientFor("coord-n");
        var view = await (await coordinator.GetAsync("/api/municipalities/north/cycle")).ReadJsonAsync();
        var steps = view["template"]!["steps"]!.AsArray();
        var form = steps.Single(s => (string?)s!["id"] == "form")!;
        Assert.Equal("municipality", (string?)form["source"]);
        Assert.Null(form["deadline"]);
        var questions = steps.Single(s => (string?)s!["id"] == "questions")!;
        Assert.Equal("seed", (string?)questions["source"]);
        Assert.Equal("seed", (string?)questions["deadline"]!["source"]);
        Assert.Equal("11:00", (string?)questions["deadline"]!["time"]);
        var meeting = view["presets"]!.AsArray().Single(p => (string?)p!["preset"] == "ust-ishim")!["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "CuratorMeeting")!;
        Assert.Equal(("seed", "15:00", "Friday", "23:59", "municipality", "withCurator"),
            ((string?)meeting["source"], (string?)meeting["time"], (string?)meeting["deadline"]!["weekday"], (string?)meeting["deadline"]!["time"], (string?)meeting["deadline"]!["source"], (string?)meeting["schools"]));

        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47"); // Wednesday 09:00 Omsk = 03:00 UTC
        var sent = await RunAsync(app, Utc(11, 18, 0), Utc(11, 23, 6));

        Assert.Equal(
            [
                .. new[] { "admin-s1", "admin-s1b", "admin-s2", "admin-s3", "curator-n", "methodist-n", "teacher-s1" }.Select(p => $"11-18 03 {p} TopicPublished"),
                // The form (Friday, no hour in seed 001) is neither reminded nor overdue. Questions by Monday 11:00 Omsk
                // are: every school is reminded a day before and told when late, s3 without flags too.
                .. new[] { "admin-s1", "admin-s1b", "admin-s2", "admin-s3" }.Select(p => $"11-22 05 {p} Reminder"),
                .. new[] { "admin-s1", "admin-s1b", "admin-s2", "admin-s3", "curator-n", "curator-n" }.Select(p => $"11-23 05 {p} Overdue"),
            ],
            Brief(sent));

        var board = await (await coordinator.GetAsync("/api/municipalities/north/weeks/2026-W47/board")).ReadJsonAsync();
        var rows = board["rows"]!.AsArray();
        var s3 = rows.Single(r => (string?)r!["schoolId"] == "s3")!;
        Assert.Equal((false, false, true, false), ((bool)s3["lowResults"]!, (bool)s3["improving"]!, (bool)s3["leader"]!, (bool)s3["hasCurator"]!));
        var s2 = rows.Single(r => (string?)r!["schoolId"] == "s2")!;
        Assert.Equal((true, true, true), ((bool)s2["lowResults"]!, (bool)s2["improving"]!, (bool)s2["hasCurator"]!));
        string Cell(string school, string step) => (string)rows.Single(r => (string?)r!["schoolId"] == school)!["cells"]!.AsArray().Single(c => (string?)c!["stepId"] == step)!["state"]!;
        Assert.Equal("info", Cell("s2", "form")); // its day has passed, but nothing was due
        Assert.Equal("overdue", Cell("s3", "questions"));

        // The coordinator sets the municipality's own deadlines: they are labelled as such.
        await Notices.SetSchoolDeadlinesAsync(app);
        var set = (await (await coordinator.GetAsync("/api/municipalities/north/cycle")).ReadJsonAsync())["template"]!["steps"]!.AsArray().Single(s => (string?)s!["id"] == "form")!;
        Assert.Equal(("Friday", "10:00", "municipality"), ((string?)set["deadline"]!["weekday"], (string?)set["deadline"]!["time"], (string?)set["deadline"]!["source"]));
    }

    [Fact]
    public async Task SelfAssessmentMonthEndRemindsAndTellsTheCuratorOnlyWhenTheMunicipalityChooses()
    {
        await using var app = await StartAsync();
        static bool IsSelfAssessment(string s) => s.Contains("ист оценки результативности", StringComparison.Ordinal);

        // 28 November 10:00 Omsk: the flagged schools are reminded (the sheet assesses ПРШ), not the leading s3.
        var november = await RunAsync(app, Utc(11, 28, 4), Utc(11, 28, 4));
        Assert.Equal(["11-28 04 admin-s1 MonthlySheet", "11-28 04 admin-s1b MonthlySheet", "11-28 04 admin-s2 MonthlySheet"], Brief(november.Where(IsSelfAssessment)));
        Assert.All(november.Where(IsSelfAssessment), s => Assert.Contains("рекомендуется заполнить", s, StringComparison.Ordinal));

        // 1 December 10:00 Omsk: by default nothing more about it; the progress sheet (due) still goes to the curator.
        var december = await RunAsync(app, Utc(12, 1, 4), Utc(12, 1, 4));
        Assert.DoesNotContain(december, IsSelfAssessment);
        Assert.Contains(december, s => s.StartsWith("12-01 04 curator-n MonthlySheet Не отправлен: лист продвижения", StringComparison.Ordinal));

        // The municipality chooses to tell the curator (the cycle's options; changing the preset keeps them).
        await app.Service<CycleStore>().SaveOptionsAsync("north", new CycleOptions(EscalateSelfAssessment: true), "Координатор Северный", Utc(12, 2, 0), CancellationToken.None);
        Assert.True((await app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/cycle", new { preset = "ust-ishim" })).IsSuccessStatusCode);

        // 1 January 10:00 Omsk: December's sheet missing — the schools and their curator are told, once.
        var january = await RunAsync(app, new DateTimeOffset(2027, 1, 1, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));
        var escalated = january.Where(IsSelfAssessment).ToList();
        Assert.Equal(["01-01 04 admin-s1 MonthlySheet", "01-01 04 admin-s1b MonthlySheet", "01-01 04 admin-s2 MonthlySheet", "01-01 04 curator-n MonthlySheet", "01-01 04 curator-n MonthlySheet"], Brief(escalated));
        Assert.Contains(escalated, s => s.Contains("curator-n MonthlySheet Не отправлен: лист оценки результативности за декабрь 2026 (Вторая СОШ)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyTheCoordinatorChoosesWhetherTheCuratorHearsOfAMissingSelfAssessment()
    {
        await using var app = await StartAsync();
        const string options = "/api/municipalities/north/cycle-options";
        var current = await (await app.ClientFor("curator-n").GetAsync(options)).ReadJsonAsync();
        Assert.True(current["escalateSelfAssessment"] is not null, current.ToJsonString());
        Assert.False((bool)current["escalateSelfAssessment"]!);
        await (await app.ClientFor("methodist-n").PutJsonAsync(options, new { escalateSelfAssessment = true })).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").PutJsonAsync(options, new { escalateSelfAssessment = true })).AssertProblemAsync(403);
        await (await app.ClientFor("coord-n").PutJsonAsync(options, new { })).AssertProblemAsync(400, "escalateSelfAssessment");
        Assert.True((await app.ClientFor("coord-n").PutJsonAsync(options, new { escalateSelfAssessment = true })).IsSuccessStatusCode);
        Assert.True((bool)(await (await app.ClientFor("admin-s1").GetAsync(options)).ReadJsonAsync())["escalateSelfAssessment"]!);
    }

    [Fact]
    public async Task ATemplateStoredBeforeDeadlinesWereSeparateStillWorks()
    {
        await using var app = await StartAsync();
        // The Ust-Ishim preset as stored before: a school questions deadline on Thursday 14:00, no "deadline", no "source".
        const string old = """
            {"preset":"ust-ishim","title":"Усть-Ишимские рекомендации","steps":[
            {"id":"publish","kind":"Publish","title":"Публикация видео по теме ЕМД","weekOffset":0,"weekday":"Wednesday","time":"16:00","actor":"Coordinator","remindBeforeHours":0,"overdueNotice":false},
            {"id":"questions","kind":"Questions","title":"Вопросы школы по содержанию ЕМД к встрече с куратором","weekOffset":0,"weekday":"Thursday","time":"14:00","actor":"School","remindBeforeHours":16,"overdueNotice":true},
            {"id":"method-day","kind":"MethodDay","title":"Обсуждение с учителями","weekOffset":0,"weekday":"Friday","time":"15:00","actor":"School","remindBeforeHours":0,"overdueNotice":false}]}
            """;
        var cycles = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(CycleStore.CyclesTable));
        await cycles.UpsertEntityAsync(new TableEntity("north", "template") { ["Body"] = old, ["UpdatedByName"] = "Координатор", ["UpdatedAt"] = Utc(11, 1, 0) });

        var view = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/cycle")).ReadJsonAsync();
        var questions = view["template"]!["steps"]!.AsArray().Single(s => (string?)s!["id"] == "questions")!;
        Assert.Equal(("municipality", "Thursday", "14:00", "municipality"),
            ((string?)questions["source"], (string?)questions["deadline"]!["weekday"], (string?)questions["deadline"]!["time"], (string?)questions["deadline"]!["source"]));
        Assert.Null(view["template"]!["steps"]!.AsArray().Single(s => (string?)s!["id"] == "method-day")!["deadline"]);

        // Its deadline works as before: Thursday 14:00 Omsk (08:00 UTC) passes, s2 is told with its curator.
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47");
        var sent = await RunAsync(app, Utc(11, 19, 8), Utc(11, 19, 8));
        Assert.Equal(["11-19 08 admin-s1 Overdue", "11-19 08 admin-s1b Overdue", "11-19 08 admin-s2 Overdue", "11-19 08 admin-s3 Overdue", "11-19 08 curator-n Overdue", "11-19 08 curator-n Overdue"],
            Brief(sent, "Overdue"));
    }
}
