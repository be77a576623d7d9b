using System.Net;
using System.Text.Json.Nodes;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Progress;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.MonthlyForms;

/// <summary>
/// Two people of one school fill the same month's sheet at once: what each changed is kept, and only a field both
/// changed differently asks the second of them to choose.
/// </summary>
public sealed class ConcurrentEditTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task DifferentIndicatorsFromTheSameStartAreBothKept()
    {
        var url = Sheets.Url("s1", "2025-09");
        var start = await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } });
        var etag = start.Headers.ETag!.ToString();

        var first = await app.ClientFor("admin-s1").PutJsonAsync(url, Answer("1.5.1", "2", null), etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // The deputy started from the same version and answered another indicator: no conflict, nothing lost.
        var second = await app.ClientFor("admin-s1b").PutJsonAsync(url, Answer("1.5.2", "1", null), etag);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var merged = (await second.ReadJsonAsync())["values"]!;
        Assert.Equal("2", (string?)merged["1.1.1"]);
        Assert.Equal("2", (string?)merged["1.5.1"]);
        Assert.Equal("1", (string?)merged["1.5.2"]);

        var stored = (await (await app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync())["values"]!;
        Assert.Equal("2", (string?)stored["1.5.1"]);
        Assert.Equal("1", (string?)stored["1.5.2"]);
    }

    [Fact]
    public async Task TheSameIndicatorChangedDifferentlyIsAChoiceNamingTheOtherPerson()
    {
        var url = Sheets.Url("s1", "2025-10");
        var start = await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } });
        var etag = start.Headers.ETag!.ToString();

        var mine = new { values = new Dictionary<string, object> { ["1.1.1"] = "2", ["1.5.3"] = "2", ["1.4.1"] = "0" }, @base = new Dictionary<string, object?> { ["1.5.3"] = null, ["1.4.1"] = null } };
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PutJsonAsync(url, mine, etag)).StatusCode);

        // The deputy gives 1.5.3 another answer, and 1.4.1 the same one: only 1.5.3 needs a choice.
        var theirs = new { values = new Dictionary<string, object> { ["1.1.1"] = "2", ["1.5.3"] = "1", ["1.4.1"] = "0", ["1.4.2"] = "2" }, @base = new Dictionary<string, object?> { ["1.5.3"] = null, ["1.4.1"] = null, ["1.4.2"] = null } };
        var problem = await (await app.ClientFor("admin-s1b").PutJsonAsync(url, theirs, etag)).AssertProblemAsync(409);
        var conflicts = problem["conflicts"]!.AsArray();
        var conflict = Assert.Single(conflicts)!;
        Assert.Equal("1.5.3", (string?)conflict["key"]);
        Assert.Equal("1", (string?)conflict["yours"]);
        Assert.Equal("2", (string?)conflict["theirs"]);
        Assert.Equal("Администратор Первой", (string?)conflict["changedBy"]!["name"]);
        Assert.Contains("Администратор Первой", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("Заместитель Первой", (string?)problem["detail"], StringComparison.Ordinal);

        // Nothing of the refused write is stored: 1.4.2 waits for the choice with the rest.
        var now = (await (await app.ClientFor("admin-s1").GetAsync(url)).ReadJsonAsync())["values"]!;
        Assert.Equal("2", (string?)now["1.5.3"]);
        Assert.Null(now["1.4.2"]);

        // «Мой» for 1.5.3: the retry starts from the current version, so its starting point is their answer.
        var current = (string?)problem["etag"];
        var keepMine = new { values = new Dictionary<string, object> { ["1.1.1"] = "2", ["1.5.3"] = "1", ["1.4.1"] = "0", ["1.4.2"] = "2" }, @base = new Dictionary<string, object?> { ["1.5.3"] = "2", ["1.4.2"] = null } };
        var resolved = await app.ClientFor("admin-s1b").PutJsonAsync(url, keepMine, current);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var values = (await resolved.ReadJsonAsync())["values"]!;
        Assert.Equal("1", (string?)values["1.5.3"]);
        Assert.Equal("0", (string?)values["1.4.1"]);
        Assert.Equal("2", (string?)values["1.4.2"]);
    }

    [Fact]
    public async Task ChoosingTheirAnswerKeepsItAndStillSavesTheOtherChanges()
    {
        var url = Sheets.Url("s1", "2025-11");
        var etag = (await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } })).Headers.ETag!.ToString();
        var afterFirst = await app.ClientFor("admin-s1").PutJsonAsync(url, Answer("1.5.3", "2", null), etag);
        Assert.Equal(HttpStatusCode.OK, afterFirst.StatusCode);

        var theirs = new { values = new Dictionary<string, object> { ["1.1.1"] = "2", ["1.5.3"] = "0", ["2.1.1"] = "1" }, @base = new Dictionary<string, object?> { ["1.5.3"] = null, ["2.1.1"] = null } };
        var problem = await (await app.ClientFor("admin-s1b").PutJsonAsync(url, theirs, etag)).AssertProblemAsync(409);
        Assert.Equal(["1.5.3"], problem["conflicts"]!.AsArray().Select(c => (string)c!["key"]!).ToArray());

        // «Их» for 1.5.3: the retry leaves it out of the changed fields; 2.1.1 is still the deputy's.
        var keepTheirs = new { values = new Dictionary<string, object> { ["1.1.1"] = "2", ["1.5.3"] = "2", ["2.1.1"] = "1" }, @base = new Dictionary<string, object?> { ["2.1.1"] = null } };
        var resolved = await app.ClientFor("admin-s1b").PutJsonAsync(url, keepTheirs, (string?)problem["etag"]);
        var values = (await resolved.ReadJsonAsync())["values"]!;
        Assert.Equal("2", (string?)values["1.5.3"]);
        Assert.Equal("1", (string?)values["2.1.1"]);
    }

    [Fact]
    public async Task ASubmissionMadeAgainstAnOlderVersionSubmitsTheMergedSheet()
    {
        var template = app.Service<MethodDays.Features.SelfAssessment.SheetTemplates>().Current;
        var url = Sheets.Url("s1", "2025-12");
        var full = Sheets.Full(template, "2");
        var etag = (await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = full })).Headers.ETag!.ToString();

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = With(full, "1.5.1", "0"), @base = new Dictionary<string, object?> { ["1.5.1"] = "2" } }, etag)).StatusCode);
        var submitted = await app.ClientFor("admin-s1b").PostJsonAsync(url + "/submit", new { values = With(full, "1.5.2", "1"), @base = new Dictionary<string, object?> { ["1.5.2"] = "2" } }, etag);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var sheet = await submitted.ReadJsonAsync();
        Assert.Equal("submitted", (string?)sheet["status"]);
        Assert.Equal("0", (string?)sheet["values"]!["1.5.1"]);
        Assert.Equal("1", (string?)sheet["values"]!["1.5.2"]);
    }

    [Fact]
    public async Task AStartingAnswerForAnUnknownIndicatorIsRefusedWithItsField()
    {
        var url = Sheets.Url("s1", "2026-01");
        await (await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = new Dictionary<string, object>(), @base = new Dictionary<string, object?> { ["9.9.9"] = null } }))
            .AssertProblemAsync(400, "base.9.9.9");
    }

    [Fact]
    public async Task ProgressSheetPartsMergeAndTheSamePartChangedDifferentlyIsAChoice()
    {
        var url = ProgressSheets.Url("s1", "2025-09");
        var start = await app.ClientFor("admin-s1").PutJsonAsync(url, new { difficulties = "Пока нет." });
        var etag = start.Headers.ETag!.ToString();
        var loaded = (await start.ReadJsonAsync())["sheet"]!;

        var first = await app.ClientFor("admin-s1").PutJsonAsync(url,
            new { difficulties = "Пока нет.", decisions = new[] { "Ввести лист самооценки в 5–7 классах" }, @base = new { decisions = loaded["decisions"] } }, etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // Different parts from the same start: both kept.
        var second = await app.ClientFor("admin-s1b").PutJsonAsync(url,
            new { difficulties = "Не все успевают посмотреть видеосеминары.", @base = new { difficulties = loaded["difficulties"] } }, etag);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var sheet = (await second.ReadJsonAsync())["sheet"]!;
        Assert.Equal("Ввести лист самооценки в 5–7 классах", (string?)sheet["decisions"]![0]);
        Assert.Equal("Не все успевают посмотреть видеосеминары.", (string?)sheet["difficulties"]);

        // The same part changed differently from the same start: a choice naming the other person.
        var problem = await (await app.ClientFor("admin-s1").PutJsonAsync(url,
            new { difficulties = "Нужен практикум.", decisions = new[] { "Ввести лист самооценки в 5–7 классах" }, @base = new { difficulties = loaded["difficulties"] } },
            first.Headers.ETag!.ToString())).AssertProblemAsync(409);
        var conflict = Assert.Single(problem["conflicts"]!.AsArray())!;
        Assert.Equal("difficulties", (string?)conflict["key"]);
        Assert.Equal("Нужен практикум.", (string?)conflict["yours"]);
        Assert.Equal("Заместитель Первой", (string?)conflict["changedBy"]!["name"]);

        // «Мой»: retried from the current version.
        var resolved = await app.ClientFor("admin-s1").PutJsonAsync(url,
            new { difficulties = "Нужен практикум.", decisions = new[] { "Ввести лист самооценки в 5–7 классах" }, @base = new { difficulties = conflict["theirs"] } },
            (string?)problem["etag"]);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("Нужен практикум.", (string?)(await resolved.ReadJsonAsync())["sheet"]!["difficulties"]);
    }

    private static object Answer(string id, string value, string? startedFrom) => new
    {
        values = new Dictionary<string, object> { ["1.1.1"] = "2", [id] = value },
        @base = new Dictionary<string, object?> { [id] = startedFrom },
    };

    private static Dictionary<string, object> With(Dictionary<string, object> values, string id, string value) => new(values) { [id] = value };
}
