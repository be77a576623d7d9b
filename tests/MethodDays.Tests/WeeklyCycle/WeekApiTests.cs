using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>The week as schools, curators and the coordinator use it; bad input and wrong moments refused.</summary>
public sealed class WeekApiTests : IAsyncLifetime
{
    private const string Week = "2026-W47";
    private const string SchoolWeek = "/api/municipalities/north/schools/s1/weeks/" + Week;
    private readonly AppFactory _app = new();

    private static DateTimeOffset Utc(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        _app.Clock.SetUtcNow(Utc(16, 0));
        await Notices.SetSchoolDeadlinesAsync(_app);
        await Notices.PublishTopicAsync(_app, "coord-n", "north", Week);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SchoolSeesTheTopicOnlyOnceItIsPublished()
    {
        var admin = _app.ClientFor("admin-s1");
        var before = await (await admin.GetAsync(SchoolWeek)).ReadJsonAsync();
        Assert.Null(before["topic"]);
        Assert.Equal("pending", (string?)before["steps"]!.AsArray().Single(s => (string?)s!["id"] == "form")!["state"]);
        await (await admin.GetAsync($"/api/municipalities/north/weeks/{Week}/topic")).AssertProblemAsync(404);

        _app.Clock.SetUtcNow(Utc(18, 3)); // Wednesday 09:00 Omsk
        var after = await (await admin.GetAsync(SchoolWeek)).ReadJsonAsync();
        Assert.Equal("Формирующее оценивание на уроке", (string?)after["topic"]!["title"]);
        Assert.Equal("https://video.example/emd/47-1", (string?)after["topic"]!["videos"]![0]!["url"]);
        var form = after["steps"]!.AsArray().Single(s => (string?)s!["id"] == "form")!;
        Assert.Equal("due", (string?)form["state"]);
        Assert.Equal("пятница, 20 ноября, 10:00", (string?)form["localAt"]);
    }

    [Fact]
    public async Task DecisionForAWeekNotYetPublishedIsRefusedAndNothingIsStored()
    {
        var admin = _app.ClientFor("admin-s1");
        var problem = await (await admin.PostJsonAsync(SchoolWeek + "/steps/decision", new { text = "Решение" })).AssertProblemAsync(409);
        Assert.Contains("не опубликована", (string?)problem["detail"]);
        await (await admin.PostJsonAsync(SchoolWeek + "/questions", new { text = "Вопрос заранее" })).AssertProblemAsync(409);
        _app.Clock.SetUtcNow(Utc(18, 4));
        var view = await (await admin.GetAsync(SchoolWeek)).ReadJsonAsync();
        Assert.Empty(view["questions"]!.AsArray());
        Assert.Null(view["steps"]!.AsArray().Single(s => (string?)s!["id"] == "decision")!["doneAt"]);
    }

    [Fact]
    public async Task LateQuestionsAreAcceptedAndMarkedButAClosedWeekRefusesThem()
    {
        var admin = _app.ClientFor("admin-s1");
        _app.Clock.SetUtcNow(Utc(23, 6)); // Monday 12:00 Omsk: an hour after the questions deadline
        var late = await admin.PostJsonAsync(SchoolWeek + "/questions", new { text = "Можно ли использовать готовые рубрики?", topicQuestion = 0 });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var view = await late.ReadJsonAsync();
        Assert.True((bool)view["questions"]![0]!["late"]!);
        Assert.Equal("late", (string?)view["steps"]!.AsArray().Single(s => (string?)s!["id"] == "questions")!["state"]);

        _app.Clock.SetUtcNow(Utc(30, 0)); // Monday 06:00 Omsk two weeks on: the cycle of week 47 has closed
        var closed = await admin.PostJsonAsync(SchoolWeek + "/questions", new { text = "Ещё вопрос" });
        Assert.Contains("закрыт", (string?)(await closed.AssertProblemAsync(409))["detail"]);
    }

    [Fact]
    public async Task StepRulesAndTheRightPeople()
    {
        _app.Clock.SetUtcNow(Utc(18, 4));
        await (await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/steps/form", new { text = "" })).AssertProblemAsync(400, "text");
        await (await _app.ClientFor("admin-s2").PostJsonAsync(SchoolWeek + "/steps/form", new { text = "Чужая школа" })).AssertProblemAsync(403);
        await (await _app.ClientFor("teacher-s1").PostJsonAsync(SchoolWeek + "/steps/form", new { text = "Педагог" })).AssertProblemAsync(403);
        await (await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/steps/publish", new { text = "x" })).AssertProblemAsync(404);
        await (await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/questions", new { text = "Про вопрос 7", topicQuestion = 7 })).AssertProblemAsync(400, "topicQuestion");
        await (await _app.ClientFor("coord-s").GetAsync(SchoolWeek)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task BoardShowsTrafficLightsAndTheAgendaGroupsQuestionsWithAnswers()
    {
        _app.Clock.SetUtcNow(Utc(18, 4));
        await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/steps/form", new { text = "Мастер-класс" });
        await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/questions", new { text = "Как вести лист продвижения?", topicQuestion = 1 });
        await _app.ClientFor("admin-s2").PostJsonAsync("/api/municipalities/north/schools/s2/weeks/" + Week + "/questions", new { text = "Общий вопрос о графике" });

        _app.Clock.SetUtcNow(Utc(20, 5)); // after the form deadline
        var board = await (await _app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{Week}/board")).ReadJsonAsync();
        Assert.Equal(["s1", "s2", "s3"], board["rows"]!.AsArray().Select(r => (string)r!["schoolId"]!).Order().ToArray()); // every school takes part, the leading s3 too
        string Cell(string school, string step) => (string)board["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == school)!["cells"]!.AsArray().Single(c => (string?)c!["stepId"] == step)!["state"]!;
        Assert.Equal("done", Cell("s1", "form"));
        Assert.Equal("overdue", Cell("s2", "form"));
        Assert.Equal("done", Cell("s1", "questions"));
        Assert.Equal("due", Cell("s1", "decision"));

        var agenda = await (await _app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{Week}/agenda")).ReadJsonAsync();
        Assert.Equal(2, (int)agenda["unanswered"]!);
        var groups = agenda["groups"]!.AsArray();
        Assert.Equal("Какие приёмы обратной связи вы используете?", (string?)groups[0]!["title"]);
        Assert.Equal("Общие вопросы", (string?)groups[1]!["title"]);
        var questionId = (string)groups[0]!["schools"]![0]!["questions"]![0]!["id"]!;

        var answer = await _app.ClientFor("coord-n").PutJsonAsync($"/api/municipalities/north/weeks/{Week}/questions/{Uri.EscapeDataString(questionId)}/answer", new { answer = "Смотрите видеосеминар 2, с 12-й минуты." });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var schoolView = await (await _app.ClientFor("admin-s1").GetAsync(SchoolWeek)).ReadJsonAsync();
        Assert.Equal("Смотрите видеосеминар 2, с 12-й минуты.", (string?)schoolView["questions"]![0]!["answer"]);
        // Everyone reads the archive of questions and answers; only the coordinator and methodists answer.
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor("admin-s2").GetAsync($"/api/municipalities/north/weeks/{Week}/agenda")).StatusCode);
        await (await _app.ClientFor("admin-s2").PutJsonAsync($"/api/municipalities/north/weeks/{Week}/questions/{Uri.EscapeDataString(questionId)}/answer", new { answer = "Я тоже знаю" })).AssertProblemAsync(403);

        var curatorBoard = await (await _app.ClientFor("curator-n").GetAsync($"/api/municipalities/north/weeks/{Week}/board")).ReadJsonAsync();
        Assert.Equal(2, curatorBoard["rows"]!.AsArray().Count);
        await (await _app.ClientFor("admin-s1").GetAsync($"/api/municipalities/north/weeks/{Week}/board")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task NextCuratorMeetingOpensWithThePreviousTopicsDecision()
    {
        await _app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/cycle", new { preset = "ust-ishim" });
        _app.Clock.SetUtcNow(Utc(19, 5));
        await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/steps/decision", new { text = "Ввести взаимопосещение уроков" });
        await Notices.PublishTopicAsync(_app, "coord-n", "north", "2026-W48", title: "Индивидуальные маршруты");

        _app.Clock.SetUtcNow(Utc(26, 9));
        var curator = _app.ClientFor("curator-n");
        var week48 = await (await curator.GetAsync("/api/municipalities/north/schools/s1/weeks/2026-W48")).ReadJsonAsync();
        Assert.Equal("Ввести взаимопосещение уроков", (string?)week48["previousDecision"]!["text"]);
        Assert.Equal("Формирующее оценивание на уроке", (string?)week48["previousDecision"]!["topicTitle"]);
        Assert.True((bool)week48["can"]!["meet"]!);

        var met = await curator.PostJsonAsync("/api/municipalities/north/schools/s1/weeks/2026-W48/steps/curator-meeting", new { text = "Обсудили маршруты для 6 учеников" });
        Assert.Equal("done", (string?)(await met.ReadJsonAsync())["steps"]!.AsArray().Single(s => (string?)s!["id"] == "curator-meeting")!["state"]);
        await (await _app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/weeks/2026-W48/steps/curator-meeting", new { text = "Сами с собой" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task CoordinatorOfAnotherMunicipalityIsRefusedBeforeAnythingIsLookedUp()
    {
        var south = _app.ClientFor("coord-s");
        _app.Clock.SetUtcNow(Utc(18, 4));
        // Neither whether the school exists nor which steps the cycle has may leak across municipalities.
        await (await south.PostJsonAsync($"/api/municipalities/north/schools/no-such-school/weeks/{Week}/steps/form", new { text = "Чужой район" })).AssertProblemAsync(403);
        await (await south.PostJsonAsync(SchoolWeek + "/steps/no-such-step", new { text = "Чужой район" })).AssertProblemAsync(403);
        await (await south.PostJsonAsync(SchoolWeek + "/steps/curator-meeting", new { text = "Чужой район" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task BoardShowsCuratorsATopicsTitleOnlyOnceItIsPublished()
    {
        var board = $"/api/municipalities/north/weeks/{Week}/board";
        var before = await (await _app.ClientFor("curator-n").GetAsync(board)).ReadJsonAsync();
        Assert.Null(before["topicTitle"]);
        Assert.False((bool)before["published"]!);
        await (await _app.ClientFor("curator-n").GetAsync($"/api/municipalities/north/weeks/{Week}/topic")).AssertProblemAsync(404);
        var coordinators = await (await _app.ClientFor("coord-n").GetAsync(board)).ReadJsonAsync();
        Assert.Equal("Формирующее оценивание на уроке", (string?)coordinators["topicTitle"]);

        _app.Clock.SetUtcNow(Utc(18, 11)); // Wednesday 17:00 Omsk: published
        var after = await (await _app.ClientFor("curator-n").GetAsync(board)).ReadJsonAsync();
        Assert.Equal("Формирующее оценивание на уроке", (string?)after["topicTitle"]);
    }

    [Fact]
    public async Task AgendaShowsOtherSchoolsTheAskingSchoolNotThePerson()
    {
        _app.Clock.SetUtcNow(Utc(18, 4));
        await _app.ClientFor("admin-s1").PostJsonAsync(SchoolWeek + "/questions", new { text = "Как вести лист продвижения?", topicQuestion = 1 });
        var agenda = $"/api/municipalities/north/weeks/{Week}/agenda";
        static string AskedBy(JsonNode view) => (string)view["groups"]![0]!["schools"]![0]!["questions"]![0]!["askedByName"]!;

        Assert.Equal("Первая ООШ", AskedBy(await (await _app.ClientFor("admin-s2").GetAsync(agenda)).ReadJsonAsync()));
        Assert.Equal("Первая ООШ", AskedBy(await (await _app.ClientFor("admin-s3").GetAsync(agenda)).ReadJsonAsync()));
        Assert.Equal("Администратор Первой", AskedBy(await (await _app.ClientFor("admin-s1b").GetAsync(agenda)).ReadJsonAsync()));
        Assert.Equal("Администратор Первой", AskedBy(await (await _app.ClientFor("curator-n").GetAsync(agenda)).ReadJsonAsync()));
        Assert.Equal("Администратор Первой", AskedBy(await (await _app.ClientFor("coord-n").GetAsync(agenda)).ReadJsonAsync()));
    }

    [Fact]
    public async Task TopicListsAreStoredAsReadableLettersAndOlderEscapedRowsStillRead()
    {
        var table = _app.Service<TableServiceClient>().GetTableClient(_app.Service<StorageNames>().Table(CycleStore.TopicsTable));
        var row = (await table.GetEntityAsync<TableEntity>("north", Week, cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.Contains("Какие приёмы обратной связи вы используете?", row.GetString("Questions"));
        Assert.Contains("Видеосеминар 1", row.GetString("Videos"));

        // A row written before the one stored-JSON setting, with every letter escaped.
        row["Questions"] = JsonSerializer.Serialize(new[] { "Старый вопрос" });
        Assert.Contains("\\u0421", row.GetString("Questions"));
        await table.UpdateEntityAsync(row, row.ETag, cancellationToken: TestContext.Current.CancellationToken);
        var topic = await (await _app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{Week}/topic")).ReadJsonAsync();
        Assert.Equal("Старый вопрос", (string?)topic["questions"]![0]);
    }
}
