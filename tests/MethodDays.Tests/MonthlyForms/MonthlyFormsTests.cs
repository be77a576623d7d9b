using System.Net;
using Azure.Data.Tables;
using MethodDays.Features.Progress;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Progress;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.MonthlyForms;

/// <summary>
/// Drafts, submissions, revisions, comments and conflicts behave the same on every monthly form: each test runs over
/// the self-assessment sheet and the progress sheet, which share one code path.
/// </summary>
public sealed class MonthlyFormsTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Forms => ["self-assessment", "progress"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task DraftThenSubmissionThenEditKeepsEveryRevisionReadable(string form)
    {
        var f = Form(form);
        var admin = app.ClientFor("admin-s1");
        var url = f.Url("s1", "2026-03");

        var draft = await admin.PutJsonAsync(url, f.Draft("2026-03"));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("draft", (string?)(await draft.ReadJsonAsync())["status"]);

        // A second "first" save (no ETag) would overwrite the draft: it is a conflict instead.
        await (await admin.PutJsonAsync(url, f.Draft("2026-03"))).AssertProblemAsync(409);

        var submitted = await admin.PostJsonAsync(url + "/submit", f.Complete("2026-03", 0), draft.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var sheet = await submitted.ReadJsonAsync();
        Assert.Equal("submitted", (string?)sheet["status"]);
        Assert.Equal(1, (int)sheet["revision"]!);

        var edited = await admin.PutJsonAsync(url, f.Complete("2026-03", 1), submitted.Headers.ETag!.ToString());
        Assert.Equal("changed", (string?)(await edited.ReadJsonAsync())["status"]);
        var second = await admin.PostJsonAsync(url + "/submit", f.Complete("2026-03", 1), edited.Headers.ETag!.ToString());
        var now = await second.ReadJsonAsync();
        Assert.Equal(2, (int)now["revision"]!);
        Assert.Equal([2, 1], now["revisions"]!.AsArray().Select(r => (int)r!["number"]!).ToArray());

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url + "/revisions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url + "/revisions/2")).StatusCode);
        await (await admin.GetAsync(url + "/revisions/3")).AssertProblemAsync(404);
        Assert.Equal(2, await RevisionRowsAsync(f, "s1", "2026-03"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AStaleETagIsAConflictThatShowsTheSheetAsItIsNow(string form)
    {
        var f = Form(form);
        var url = f.Url("s1", "2026-04");
        var first = await app.ClientFor("admin-s1").PutJsonAsync(url, f.Draft("2026-04"));
        var etag = first.Headers.ETag!.ToString();

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1b").PutJsonAsync(url, f.Complete("2026-04", 0), etag)).StatusCode);
        var stale = await app.ClientFor("admin-s1").PutJsonAsync(url, f.Complete("2026-04", 1), etag);
        var problem = await stale.AssertProblemAsync(409);
        Assert.Contains("Заместитель Первой", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal("Заместитель Первой", (string?)problem["current"]!["updated"]!["name"]);

        // A stale submission writes nothing either.
        await (await app.ClientFor("admin-s1").PostJsonAsync(url + "/submit", f.Complete("2026-04", 1), etag)).AssertProblemAsync(409);
        Assert.Equal(0, await RevisionRowsAsync(f, "s1", "2026-04"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task IdenticalSubmissionsArrivingTogetherAreAllAnsweredWithOneRevision(string form)
    {
        var f = Form(form);
        var admin = app.ClientFor("admin-s2");

        // Against a saved draft (same ETag) …
        var url = f.Url("s2", "2026-05");
        var draft = await admin.PutJsonAsync(url, f.Draft("2026-05"));
        var etag = draft.Headers.ETag!.ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostJsonAsync(url + "/submit", f.Complete("2026-05", 0), etag)));
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(1, (int)(await answer.ReadJsonAsync())["revision"]!);
        }

        Assert.Equal(1, await RevisionRowsAsync(f, "s2", "2026-05"));

        // … and as a first submission, with no draft and no ETag.
        var fresh = f.Url("s2", "2026-06");
        var firsts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostJsonAsync(fresh + "/submit", f.Complete("2026-06", 0))));
        Assert.All(firsts, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await RevisionRowsAsync(f, "s2", "2026-06"));

        // Different content made against the same ETag is a conflict, not a retry.
        await (await admin.PostJsonAsync(url + "/submit", f.Complete("2026-05", 1), etag)).AssertProblemAsync(409);
        Assert.Equal(1, await RevisionRowsAsync(f, "s2", "2026-05"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task ReviewersCommentOnASubmittedSheetAgainstItsRevision(string form)
    {
        var f = Form(form);
        var url = f.Url("s1", "2026-07");
        var curator = app.ClientFor("curator-n");
        await (await curator.PostJsonAsync(url + "/comments", new { text = "Рано" })).AssertProblemAsync(409);

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PostJsonAsync(url + "/submit", f.Complete("2026-07", 0))).StatusCode);
        await (await app.ClientFor("admin-s1").PostJsonAsync(url + "/comments", new { text = "Сама себе" })).AssertProblemAsync(403);
        await (await curator.PostJsonAsync(url + "/comments", new { text = "  " })).AssertProblemAsync(400, "text");
        await (await app.ClientFor("curator-n").PostJsonAsync(f.Url("s3", "2026-07") + "/comments", new { text = "Чужая школа" })).AssertProblemAsync(403);

        var comment = await curator.PostJsonAsync(url + "/comments", new { text = "Хорошо, обсудим на встрече." });
        Assert.Equal(HttpStatusCode.OK, comment.StatusCode);
        var sheet = await (await app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync();
        var shown = sheet["comments"]!.AsArray().Single()!;
        Assert.Equal("Хорошо, обсудим на встрече.", (string?)shown["text"]);
        Assert.Equal("Куратор Северный", (string?)shown["authorName"]);
        Assert.Equal(1, (int)shown["revision"]!);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AFutureMonthIsRefusedWithTheFormsName(string form)
    {
        var f = Form(form);
        var problem = await (await app.ClientFor("admin-s1").PutJsonAsync(f.Url("s1", "2026-12"), f.Draft("2026-12"))).AssertProblemAsync(400, "month");
        Assert.Contains($"Нельзя заполнить {f.Noun} за будущий месяц", problem["errors"]!["month"]![0]!.ToString(), StringComparison.Ordinal);
    }

    private sealed record FormCase(string Table, string Noun, Func<string, string, string> Url, Func<string, object> Draft, Func<string, int, object> Complete);

    /// <summary>Each form's requests; <c>Complete(month, variant)</c> gives different content for different variants.</summary>
    private FormCase Form(string form)
    {
        if (form == "self-assessment")
        {
            var template = app.Service<SheetTemplates>().Current;
            return new(SheetStore.SheetsTable, "лист", (school, month) => Sheets.Url(school, month),
                _ => new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } },
                (_, variant) => new { values = Sheets.Full(template, variant == 0 ? "2" : "1") });
        }

        return new(ProgressStore.Table, "лист продвижения", (school, month) => ProgressSheets.Url(school, month),
            _ => new { difficulties = "Черновик: заполним к концу месяца." },
            (month, variant) => ProgressSheets.Complete(month, ProgressSheets.Teacher("Иванова Анна Петровна", variant == 0 ? "studying" : "trying")));
    }

    private async Task<int> RevisionRowsAsync(FormCase f, string school, string month)
    {
        var table = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(f.Table));
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{TestWorld.North}|{month}'", select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith($"rev|{school}|", StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
