using System.Net;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>A school fills, saves and submits its monthly progress sheet; revisions, last month's stages, conflicts, retries.</summary>
public sealed class ProgressApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SchoolAdminSavesADraftThenSubmitsAndTheSheetKeepsItsTemplateVersion()
    {
        var admin = app.ClientFor("admin-s1");
        var url = Url("s1", "2026-10");
        var draft = await admin.PutJsonAsync(url, new { days = new[] { new { date = "2026-10-01", form = "seminar" } }, teachers = new[] { new { personId = "teacher-s1" } } });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var saved = await draft.ReadJsonAsync();
        Assert.Equal("draft", (string?)saved["status"]);
        Assert.Equal("Педагог Первой", (string?)saved["sheet"]!["teachers"]![0]!["name"]);
        Assert.NotNull(draft.Headers.ETag);

        var body = Complete("2026-10", Member("teacher-s1", "trying"), Teacher("Иванова Анна Петровна", "studying", help: "Нужна консультация по критериям"));
        var submit = await admin.PostJsonAsync(url + "/submit", body, draft.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var sheet = await submit.ReadJsonAsync();
        Assert.Equal("submitted", (string?)sheet["status"]);
        Assert.Equal(1, (int)sheet["revision"]!);
        Assert.Equal("2026.1", (string?)sheet["templateVersion"]);
        Assert.Equal("Администратор Первой", (string?)sheet["submitted"]!["name"]);
        Assert.Equal(app.Clock.GetUtcNow(), (DateTimeOffset)sheet["submitted"]!["at"]!);
        Assert.Equal("2026-10-05", (string?)sheet["sheet"]!["days"]![0]!["date"]);
        Assert.Equal(2, sheet["sheet"]!["teachers"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)sheet["sheet"]!["requests"]![0]!["id"]));
        Assert.Equal(submit.Headers.ETag!.ToString(), (string?)sheet["eTag"]);

        // Storage: the sheet row carries the submission's figures, the revision row the version and the text.
        var rows = await RowsAsync(app, "s1", "2026-10");
        var row = rows.Single(r => r.RowKey == "sheet|s1");
        Assert.Equal(1, row.GetInt32("Revision"));
        Assert.Equal(1, row.GetInt32("Days"));
        Assert.Equal(2, row.GetInt32("Teachers"));
        Assert.Equal(80.0, row.GetDouble("AverageShare"));
        var revision = rows.Single(r => r.RowKey == "rev|s1|0001");
        Assert.Equal("2026.1", revision.GetString("TemplateVersion"));
        Assert.Contains("Иванова Анна Петровна", revision.GetString("Body0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingAfterSubmissionShowsChangedAndEveryRevisionStaysReadable()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Url("s2", "2026-09");
        var first = await admin.PostJsonAsync(url + "/submit", Complete("2026-09", Teacher("Иванова Анна Петровна", "studying")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var edited = await admin.PutJsonAsync(url, Complete("2026-09", Teacher("Иванова Анна Петровна", "trying")), first.Headers.ETag!.ToString());
        var changed = await edited.ReadJsonAsync();
        Assert.Equal("changed", (string?)changed["status"]);
        Assert.Equal(1, (int)changed["revision"]!);

        var second = await admin.PostJsonAsync(url + "/submit", Complete("2026-09", Teacher("Иванова Анна Петровна", "trying")), edited.Headers.ETag!.ToString());
        var now = await second.ReadJsonAsync();
        Assert.Equal("submitted", (string?)now["status"]);
        Assert.Equal(2, (int)now["revision"]!);
        Assert.Equal([2, 1], now["revisions"]!.AsArray().Select(r => (int)r!["number"]!).ToArray());

        var old = await (await admin.GetAsync(url + "/revisions/1")).ReadJsonAsync();
        Assert.Equal("studying", (string?)old["sheet"]!["teachers"]![0]!["stage"]);
        Assert.Equal("2026.1", (string?)old["templateVersion"]);
        var latest = await (await admin.GetAsync(url + "/revisions/2")).ReadJsonAsync();
        Assert.Equal("trying", (string?)latest["sheet"]!["teachers"]![0]!["stage"]);
        await (await admin.GetAsync(url + "/revisions/3")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task LastMonthsStagesAreShownBesideThisMonthsForComparison()
    {
        var admin = app.ClientFor("admin-s1");
        var july = await admin.PostJsonAsync(Url("s1", "2026-07") + "/submit", Complete("2026-07",
            Member("teacher-s1", "trying"), Teacher("Иванова Анна Петровна", "studying"), Teacher("Петров Пётр Ильич", "using")));
        Assert.Equal(HttpStatusCode.OK, july.StatusCode);

        // August: the member moved on, the typed-in name is written differently but is the same person, a newcomer joined.
        var august = await admin.PutJsonAsync(Url("s1", "2026-08"), Complete("2026-08",
            Member("teacher-s1", "using"), Teacher("иванова  анна петровна", "studying"), Teacher("Сидорова Елена", "studying")));
        var view = await august.ReadJsonAsync();
        Assert.Equal("2026-07", (string?)view["previousMonth"]);
        Assert.Equal(3, view["previousStages"]!.AsArray().Count);
        var changes = view["stageChanges"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
        Assert.Equal("up", (string?)changes["Педагог Первой"]["trend"]);
        Assert.Equal("trying", (string?)changes["Педагог Первой"]["previousStage"]);
        Assert.Equal("same", (string?)changes["иванова  анна петровна"]["trend"]);
        Assert.Equal("new", (string?)changes["Сидорова Елена"]["trend"]);
        Assert.Equal("gone", (string?)changes["Петров Пётр Ильич"]["trend"]);

        // No sheet the month before: nothing to compare with.
        var june = await (await admin.GetAsync(Url("s1", "2026-06"))).ReadJsonAsync();
        Assert.Null((string?)june["previousMonth"]);
        Assert.Empty(june["stageChanges"]!.AsArray());
    }

    [Fact]
    public async Task SecondSaveWithAStaleEtagIsAConflictAndTheFirstSaveIsKept()
    {
        var admin = app.ClientFor("admin-s1");
        var deputy = app.ClientFor("admin-s1b");
        var url = Url("s1", "2026-05");
        var created = await admin.PutJsonAsync(url, new { difficulties = "Начало" });
        var etag = created.Headers.ETag!.ToString();

        var mine = await admin.PutJsonAsync(url, new { difficulties = "Версия администратора" }, etag);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var theirs = await deputy.PutJsonAsync(url, new { difficulties = "Версия заместителя" }, etag);

        var problem = await theirs.AssertProblemAsync(409);
        Assert.Contains("Администратор Первой", (string?)problem["detail"]);
        Assert.Equal("Версия администратора", (string?)problem["current"]!["sheet"]!["difficulties"]);
        var stored = await (await admin.GetAsync(url)).ReadJsonAsync();
        Assert.Equal("Версия администратора", (string?)stored["sheet"]!["difficulties"]);
    }

    [Fact]
    public async Task CreatingASheetThatAlreadyExistsIsAConflictNotAnOverwrite()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Url("s2", "2026-06");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync(url, new { difficulties = "Первый" })).StatusCode);
        await (await admin.PutJsonAsync(url, new { difficulties = "Второй" })).AssertProblemAsync(409);
        Assert.Equal("Первый", (string?)(await (await admin.GetAsync(url)).ReadJsonAsync())["sheet"]!["difficulties"]);
    }

    [Fact]
    public async Task StaleSubmissionIsAConflictAndWritesNoRevision()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Url("s2", "2026-05");
        var first = await admin.PutJsonAsync(url, new { difficulties = "Черновик" });
        var second = await admin.PutJsonAsync(url, new { difficulties = "Черновик, правка" }, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        await (await admin.PostJsonAsync(url + "/submit", Complete("2026-05"), first.Headers.ETag!.ToString())).AssertProblemAsync(409);
        var rows = await RowsAsync(app, "s2", "2026-05");
        Assert.Equal(["sheet|s2"], rows.Select(r => r.RowKey).ToArray());
        Assert.Equal(0, rows[0].GetInt32("Revision"));
    }

    [Fact]
    public async Task RetriedSubmissionIsAnsweredOnceAndMakesOneRevision()
    {
        var admin = app.ClientFor("admin-s3");
        var url = Url("s3", "2026-05");
        var draft = await admin.PutJsonAsync(url, new { difficulties = "Черновик" });
        var etag = draft.Headers.ETag!.ToString();
        var body = Complete("2026-05", Teacher("Иванова Анна Петровна", "using"));

        var first = await admin.PostJsonAsync(url + "/submit", body, etag);
        var retry = await admin.PostJsonAsync(url + "/submit", body, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var view = await retry.ReadJsonAsync();
        Assert.Equal(1, (int)view["revision"]!);
        Assert.Single(view["revisions"]!.AsArray());
        Assert.Single(await RowsAsync(app, "s3", "2026-05"), r => r.RowKey.StartsWith("rev|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetriedFirstSubmissionWithoutAnEtagIsAnsweredButOtherContentIsAConflict()
    {
        var admin = app.ClientFor("admin-s3");
        var url = Url("s3", "2026-04");
        var body = new
        {
            days = new[] { Day("2026-04-09"), Day("2026-04-23", 65) },
            requests = new[] { new { id = "r-vpr", topic = "ВПР", text = "Разбор заданий ВПР по математике" } },
            teachers = new[] { Teacher("Иванова Анна Петровна", "using") },
        };

        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync(url + "/submit", body)).StatusCode);
        var retry = await admin.PostJsonAsync(url + "/submit", body);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (int)(await retry.ReadJsonAsync())["revision"]!);

        await (await admin.PostJsonAsync(url + "/submit", Complete("2026-04"))).AssertProblemAsync(409);
        Assert.Single(await RowsAsync(app, "s3", "2026-04"), r => r.RowKey.StartsWith("rev|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoMethodicalDayThisMonthIsAcceptedWithItsReason()
    {
        var admin = app.ClientFor("admin-s2");
        var response = await admin.PostJsonAsync(Url("s2", "2026-01") + "/submit", new
        {
            noDays = true,
            noDaysReason = "Карантин по гриппу с 12 по 31 января",
            teachers = new[] { Teacher("Иванова Анна Петровна", "studying") },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.ReadJsonAsync();
        Assert.True((bool)view["sheet"]!["noDays"]!);
        Assert.Empty(view["sheet"]!["days"]!.AsArray());
    }

    [Fact]
    public async Task CuratorAndCoordinatorCommentOnASubmittedSheetAndTheSchoolSeesIt()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Url("s2", "2026-04");
        await (await app.ClientFor("curator-n").PostJsonAsync(url + "/comments", new { text = "Ждём лист" })).AssertProblemAsync(409);
        await admin.PostJsonAsync(url + "/submit", Complete("2026-04"));

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("curator-n").PostJsonAsync(url + "/comments", new { text = "Запрос по оцениванию включу в план помощи." })).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").PostJsonAsync(url + "/comments", new { text = "Практикум проведём в декабре." })).StatusCode);

        var view = await (await admin.GetAsync(url)).ReadJsonAsync();
        var comments = view["comments"]!.AsArray();
        Assert.Equal(["Куратор Северный", "Методист Северный"], comments.Select(c => (string)c!["authorName"]!).ToArray());
        Assert.Equal("Methodist", (string?)comments[1]!["authorRole"]);
        Assert.False((bool)view["can"]!["comment"]!);
        await (await admin.PostJsonAsync(url + "/comments", new { text = "Сами себе" })).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").PostJsonAsync(url + "/comments", new { text = "" })).AssertProblemAsync(400, "text");
    }

    [Fact]
    public async Task TheSheetOffersTheSchoolsTeachersAndTheTemplateDescribesTheFieldsInRussian()
    {
        var view = await (await app.ClientFor("admin-s1").GetAsync(Url("s1", "2026-03"))).ReadJsonAsync();
        Assert.Equal("empty", (string?)view["status"]);
        Assert.Equal(["teacher-s1"], view["schoolTeachers"]!.AsArray().Select(t => (string)t!["personId"]!).ToArray());
        Assert.True((bool)view["can"]!["edit"]!);

        var template = await (await app.ClientFor("teacher-s1").GetAsync("/api/progress/templates/current")).ReadJsonAsync();
        Assert.Equal("2026.1", (string?)template["version"]);
        Assert.Equal(["Изучаю", "Апробирую", "Применяю", "Делюсь опытом"], template["stages"]!.AsArray().Select(s => (string)s!["label"]!).ToArray());
        Assert.Contains(template["forms"]!.AsArray(), f => (string?)f!["id"] == "other" && (string?)f["label"] == "Другое");
        var days = template["sections"]![0]!["fields"]![0]!;
        Assert.Equal("Единые методические дни, проведённые в этом месяце", (string?)days["label"]);
        await (await app.ClientFor("teacher-s1").GetAsync("/api/progress/templates/1999.1")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task OpenApiDescribesTheProgressAndHelpPlanRoutes()
    {
        var doc = await (await app.AnonymousClient().GetAsync("/api/openapi.json")).ReadJsonAsync();
        var paths = doc["paths"]!.AsObject();
        Assert.Equal("Отправить лист продвижения (новая редакция)",
            (string?)paths["/api/municipalities/{municipalityId}/schools/{schoolId}/progress/{month}/submit"]!["post"]!["summary"]);
        Assert.NotNull(paths["/api/municipalities/{municipalityId}/progress/{month}/summary"]);
        Assert.NotNull(paths["/api/municipalities/{municipalityId}/schools/{schoolId}/help-plan/{itemId}"]!["put"]);
        Assert.NotNull(paths["/api/municipalities/{municipalityId}/help-plan/overdue"]);
    }
}
