using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>A school fills, saves and submits its monthly sheet; revisions, conflicts and retries.</summary>
public sealed class SheetApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private SheetTemplate Template => app.Service<SheetTemplates>().Current;

    [Fact]
    public async Task SchoolAdminSavesPartialDraftThenSubmitsAndSeesScoreAndCluster()
    {
        var admin = app.ClientFor("admin-s1");
        var now = app.Clock.GetUtcNow();
        var draft = await admin.PutJsonAsync(Sheets.Url("s1", "2026-10"), new { values = new Dictionary<string, object> { ["1.1.1"] = 2, ["1.1.2"] = "1" } });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var saved = await draft.ReadJsonAsync();
        Assert.Equal("draft", (string?)saved["status"]);
        Assert.Equal(3, (int)saved["score"]!["total"]!);
        Assert.Equal(2, (int)saved["score"]!["answered"]!);

        var submit = await admin.PostJsonAsync(Sheets.Url("s1", "2026-10") + "/submit", new { templateVersion = "2021.1", values = Sheets.Scoring(Template, 68) }, draft.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var sheet = await submit.ReadJsonAsync();
        Assert.Equal("submitted", (string?)sheet["status"]);
        Assert.Equal(1, (int)sheet["revision"]!);
        Assert.Equal(68, (int)sheet["score"]!["total"]!);
        Assert.Equal(140, (int)sheet["score"]!["applicableMax"]!);
        Assert.Equal(48.6, (double)sheet["score"]!["percent"]!);
        Assert.Equal("low", (string?)sheet["score"]!["cluster"]);
        Assert.Equal("2021.1", (string?)sheet["templateVersion"]);
        Assert.Equal("Администратор Первой", (string?)sheet["submitted"]!["name"]);
        Assert.Equal(now, (DateTimeOffset)sheet["submitted"]!["at"]!);
    }

    [Fact]
    public async Task ResubmittingKeepsEveryRevisionViewable()
    {
        var admin = app.ClientFor("admin-s1");
        var url = Sheets.Url("s1", "2026-09");
        var first = await admin.PostJsonAsync(url + "/submit", new { values = Sheets.Scoring(Template, 100) });
        var firstAt = app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(1));
        var deputy = app.ClientFor("admin-s1b");
        var second = await deputy.PostJsonAsync(url + "/submit", new { values = Sheets.Scoring(Template, 110) }, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var now = await second.ReadJsonAsync();
        Assert.Equal(2, (int)now["revision"]!);
        Assert.Equal("high", (string?)now["score"]!["cluster"]);
        Assert.Equal(2, now["revisions"]!.AsArray().Count);

        var old = await (await admin.GetAsync(url + "/revisions/1")).ReadJsonAsync();
        Assert.Equal(100, (int)old["score"]!["total"]!);
        Assert.Equal("medium", (string?)old["score"]!["cluster"]);
        Assert.Equal("Администратор Первой", (string?)old["submitted"]!["name"]);
        var latest = await (await admin.GetAsync(url + "/revisions/2")).ReadJsonAsync();
        Assert.Equal("Заместитель Первой", (string?)latest["submitted"]!["name"]);
        Assert.Equal(firstAt.AddDays(1), (DateTimeOffset)latest["submitted"]!["at"]!);
    }

    [Fact]
    public async Task EditingAfterSubmissionShowsChangedUntilResubmitted()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Sheets.Url("s2", "2026-08");
        var submitted = await admin.PostJsonAsync(url + "/submit", new { values = Sheets.Full(Template, "1") });
        var values = Sheets.Full(Template, "1");
        values["2.1.1"] = "2";
        var edited = await admin.PutJsonAsync(url, new { values }, submitted.Headers.ETag!.ToString());
        var view = await edited.ReadJsonAsync();
        Assert.Equal("changed", (string?)view["status"]);
        Assert.Equal(71, (int)view["score"]!["total"]!);
        Assert.Equal(70, (int)view["submittedScore"]!["total"]!);
        Assert.Equal(1, (int)view["revision"]!);
    }

    [Fact]
    public async Task SecondSaveWithStaleEtagGetsConflictAndFirstSaveIsKept()
    {
        var admin = app.ClientFor("admin-s1");
        var deputy = app.ClientFor("admin-s1b");
        var url = Sheets.Url("s1", "2026-07");
        var created = await admin.PutJsonAsync(url, new { values = new { } });
        var etag = created.Headers.ETag!.ToString();

        var mine = await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } }, etag);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var theirs = await deputy.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "0" } }, etag);

        var problem = await theirs.AssertProblemAsync(409);
        Assert.Contains("Администратор Первой", (string?)problem["detail"]);
        Assert.Equal("2", (string?)problem["current"]!["values"]!["1.1.1"]);
        var stored = await (await admin.GetAsync(url)).ReadJsonAsync();
        Assert.Equal("2", (string?)stored["values"]!["1.1.1"]);
    }

    [Fact]
    public async Task CreatingASheetThatAlreadyExistsIsAConflictNotAnOverwrite()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Sheets.Url("s2", "2026-07");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } })).StatusCode);
        var again = await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "0" } });
        await again.AssertProblemAsync(409);
        Assert.Equal("2", (string?)(await (await admin.GetAsync(url)).ReadJsonAsync())["values"]!["1.1.1"]);
    }

    [Fact]
    public async Task RetriedSubmissionIsAnsweredOnceAndMakesOneRevision()
    {
        var admin = app.ClientFor("admin-s3");
        var url = Sheets.Url("s3", "2026-06");
        var draft = await admin.PutJsonAsync(url, new { values = new { } });
        var etag = draft.Headers.ETag!.ToString();
        var body = new { values = Sheets.Full(Template, "2") };

        var first = await admin.PostJsonAsync(url + "/submit", body, etag);
        var retry = await admin.PostJsonAsync(url + "/submit", body, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var view = await retry.ReadJsonAsync();
        Assert.Equal(1, (int)view["revision"]!);
        Assert.Single(view["revisions"]!.AsArray());
    }

    [Fact]
    public async Task NotApplicableLinesLeaveTheMaximumAndTheRawScoreStaysBeside()
    {
        var admin = app.ClientFor("admin-s1");
        var values = Sheets.Full(Template, "2");
        values["4.1.3"] = "na"; // grades 10–11: an ООШ has none
        values["4.1.6"] = "na"; // ЕГЭ
        var view = await (await admin.PostJsonAsync(Sheets.Url("s1", "2026-05") + "/submit", new { values })).ReadJsonAsync();
        var score = view["score"]!;
        Assert.Equal(136, (int)score["total"]!);
        Assert.Equal(136, (int)score["applicableMax"]!);
        Assert.Equal(140, (int)score["maxTotal"]!);
        Assert.Equal(100.0, (double)score["percent"]!);
        Assert.Equal(2, (int)score["notApplicable"]!);
        Assert.Equal(30, (int)score["areas"]![3]!["applicableMax"]!);
    }

    [Fact]
    public async Task NewMonthStartsFromTheLastSubmittedSheet()
    {
        var admin = app.ClientFor("admin-s3");
        await admin.PostJsonAsync(Sheets.Url("s3", "2026-02") + "/submit", new { values = Sheets.Scoring(Template, 90) });
        var started = await admin.PostAsync(Sheets.Url("s3", "2026-04") + "/start-from-previous", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var view = await started.ReadJsonAsync();
        Assert.Equal("draft", (string?)view["status"]);
        Assert.Equal(90, (int)view["score"]!["total"]!);

        var again = await admin.PostAsync(Sheets.Url("s3", "2026-04") + "/start-from-previous", null);
        await again.AssertProblemAsync(409);
    }

    [Fact]
    public async Task HistoryChartsMonthsAndChangesAreListedIndicatorByIndicator()
    {
        var admin = app.ClientFor("admin-s2");
        await admin.PostJsonAsync(Sheets.Url("s2", "2026-01") + "/submit", new { values = Sheets.Full(Template, "1") });
        var feb = Sheets.Full(Template, "1");
        feb["1.2.2"] = "2"; // Lesson Study introduced
        feb["3.1.1"] = "0";
        await admin.PostJsonAsync(Sheets.Url("s2", "2026-02") + "/submit", new { values = feb });

        var view = await (await admin.GetAsync(Sheets.Url("s2", "2026-02"))).ReadJsonAsync();
        Assert.Equal("2026-01", (string?)view["previousMonth"]);
        var changes = view["changesSincePrevious"]!.AsArray();
        Assert.Equal(["1.2.2", "3.1.1"], changes.Select(c => (string)c!["id"]!).Order().ToArray());
        var lessonStudy = changes.Single(c => (string?)c!["id"] == "1.2.2")!;
        Assert.Equal("В систему методической работы внедряется технология Lesson Study", (string?)lessonStudy["text"]);
        Assert.Equal("1", (string?)lessonStudy["before"]);
        Assert.Equal("2", (string?)lessonStudy["after"]);

        var history = await (await admin.GetAsync(Sheets.Url("s2"))).ReadJsonAsync();
        var months = history["months"]!.AsArray().Select(m => (string)m!["month"]!).ToList();
        Assert.Contains("2026-01", months);
        Assert.Contains("2026-02", months);
        Assert.True(months.SequenceEqual(months.Order(StringComparer.Ordinal)));
        var jan = history["months"]!.AsArray().Single(m => (string?)m!["month"] == "2026-01")!;
        Assert.Equal(50.0, (double)jan["percent"]!);
        Assert.Equal(4, jan["areas"]!.AsArray().Count);
    }

    [Fact]
    public async Task CuratorCommentsOnASubmittedSheetAndTheSchoolSeesIt()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Sheets.Url("s2", "2026-03");
        await admin.PostJsonAsync(url + "/submit", new { values = Sheets.Full(Template, "1") });

        var curator = app.ClientFor("curator-n");
        var comment = await curator.PostJsonAsync(url + "/comments", new { text = "Обсудим показатель 2.9 в четверг." });
        Assert.Equal(HttpStatusCode.OK, comment.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var coordinator = app.ClientFor("coord-n");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostJsonAsync(url + "/comments", new { text = "Согласна с куратором." })).StatusCode);

        var view = await (await admin.GetAsync(url)).ReadJsonAsync();
        var comments = view["comments"]!.AsArray();
        Assert.Equal(2, comments.Count);
        Assert.Equal("Куратор Северный", (string?)comments[0]!["authorName"]);
        Assert.Equal("Обсудим показатель 2.9 в четверг.", (string?)comments[0]!["text"]);
        Assert.False((bool)view["can"]!["comment"]!);

        await (await admin.PostJsonAsync(url + "/comments", new { text = "Сами себе" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task CommentOnASheetNotYetSubmittedIsRefused()
    {
        var curator = app.ClientFor("curator-n");
        var response = await curator.PostJsonAsync(Sheets.Url("s1", "2025-12") + "/comments", new { text = "Ждём лист" });
        await response.AssertProblemAsync(409);
    }
}
