using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>Cycle templates, topics and municipality settings: bad input gets field names; nothing half-written.</summary>
public sealed class CycleSettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Cycle = "/api/municipalities/north/cycle";

    [Fact]
    public async Task PresetsComeFromTheSeedsAndTheDefaultIsPoltava()
    {
        var view = await (await app.ClientFor("admin-s1").GetAsync(Cycle)).ReadJsonAsync();
        Assert.Equal("poltava", (string?)view["template"]!["preset"]);
        var presets = view["presets"]!.AsArray();
        var ustIshim = presets.Single(p => (string?)p!["preset"] == "ust-ishim")!;
        var publish = ustIshim["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "Publish")!;
        Assert.Equal("Wednesday", (string?)publish["weekday"]);
        Assert.Equal("16:00", (string?)publish["time"]);
        var questions = presets.Single(p => (string?)p!["preset"] == "poltava")!["steps"]!.AsArray().Single(s => (string?)s!["kind"] == "Questions")!;
        Assert.Equal("Monday", (string?)questions["weekday"]);
        Assert.Equal("11:00", (string?)questions["time"]);
        Assert.Equal(1, (int)questions["weekOffset"]!);
    }

    [Fact]
    public async Task OverlappingOrImpossibleStepsAreRefusedWithReasons()
    {
        var coordinator = app.ClientFor("coord-n");
        var steps = new object[]
        {
            new { id = "publish", kind = "Publish", title = "Публикация", weekOffset = 0, weekday = "Wednesday", time = "16:00", actor = "Coordinator", remindBeforeHours = 0, overdueNotice = false },
            new { id = "questions", kind = "Questions", title = "Вопросы", weekOffset = 0, weekday = "Tuesday", time = "11:00", actor = "School", remindBeforeHours = 24, overdueNotice = true },
            new { id = "decision", kind = "Decision", title = "Решение", weekOffset = 0, weekday = "Thursday", time = "10:00", actor = "School", remindBeforeHours = 2, overdueNotice = true },
            new { id = "day", kind = "MethodDay", title = "ЕМД", weekOffset = 0, weekday = "Thursday", time = "10:00", actor = "School", remindBeforeHours = 0, overdueNotice = false },
        };
        var problem = await (await coordinator.PutJsonAsync(Cycle, new { steps })).AssertProblemAsync(400);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("не позже публикации", (string?)errors["steps[1]"]![0]);
        Assert.Contains(errors["steps"]!.AsArray(), e => ((string?)e)!.Contains("одно и то же время", StringComparison.Ordinal));

        var badTime = new object[]
        {
            new { id = "publish", kind = "Publish", title = "Публикация", weekOffset = 0, weekday = "Wednesday", time = "25:00", actor = "Coordinator", remindBeforeHours = 0, overdueNotice = false },
            new { id = "decision", kind = "Decision", title = "Решение", weekOffset = 3, weekday = "Friday", time = "18:00", actor = "School", remindBeforeHours = 500, overdueNotice = true },
        };
        await (await coordinator.PutJsonAsync(Cycle, new { steps = badTime })).AssertProblemAsync(400, "steps[0].time", "steps[1].weekOffset", "steps[1].remindBeforeHours");
        await (await coordinator.PutJsonAsync(Cycle, new { preset = "moscow" })).AssertProblemAsync(400, "preset");

        var still = await (await coordinator.GetAsync(Cycle)).ReadJsonAsync();
        Assert.Equal("poltava", (string?)still["template"]!["preset"]);
    }

    [Fact]
    public async Task TopicLinksAndFieldsAreChecked()
    {
        var coordinator = app.ClientFor("coord-n");
        var response = await coordinator.PutJsonAsync("/api/municipalities/north/weeks/2026-W49/topic", new
        {
            title = "Т",
            videos = new[] { new { title = "Запись", url = "javascript:alert(1)" }, new { title = "", url = "видео на диске" } },
            questions = new[] { "" },
        });
        var problem = await response.AssertProblemAsync(400, "title", "videos[0].url", "videos[1].title", "videos[1].url", "questions[0]");
        Assert.Contains("https://", (string?)problem["errors"]!["videos[0].url"]![0]);
        await (await coordinator.GetAsync("/api/municipalities/north/weeks/2026-W49/topic")).AssertProblemAsync(404);

        await (await coordinator.PutJsonAsync("/api/municipalities/north/weeks/2026-W40/topic", new { title = "Прошлая неделя" })).AssertProblemAsync(400, "week");
        await (await coordinator.PutJsonAsync("/api/municipalities/north/weeks/47/topic", new { title = "Неделя без года" })).AssertProblemAsync(400, "week");
        await (await app.ClientFor("methodist-n").PutJsonAsync("/api/municipalities/north/weeks/2026-W49/topic", new { title = "Не координатор" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task SecondCoordinatorEditingAStaleTopicGetsAConflict()
    {
        var coordinator = app.ClientFor("coord-n");
        var created = await coordinator.PutJsonAsync("/api/municipalities/north/weeks/2026-W50/topic", new { title = "Читательская грамотность", publish = "Draft" });
        var etag = created.Headers.ETag!.ToString();
        Assert.Equal("draft", (string?)(await created.ReadJsonAsync())["state"]);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/weeks/2026-W50/topic", new { title = "Читательская грамотность на уроках", publish = "Draft" }, etag)).StatusCode);
        await (await coordinator.PutJsonAsync("/api/municipalities/north/weeks/2026-W50/topic", new { title = "Устаревшая правка", publish = "Draft" }, etag)).AssertProblemAsync(409);
        await (await coordinator.PutJsonAsync("/api/municipalities/north/weeks/2026-W50/topic", new { title = "Без версии", publish = "Draft" })).AssertProblemAsync(409);
        var topic = await (await coordinator.GetAsync("/api/municipalities/north/weeks/2026-W50/topic")).ReadJsonAsync();
        Assert.Equal("Читательская грамотность на уроках", (string?)topic["title"]);
    }

    [Fact]
    public async Task UnknownTimeZoneIsRefused()
    {
        var coordinator = app.ClientFor("coord-n");
        var problem = await (await coordinator.PutJsonAsync("/api/municipalities/north/settings", new { name = "Северный район", timeZone = "Omsk/Center" })).AssertProblemAsync(400, "timeZone");
        Assert.Contains("Asia/Omsk", (string?)problem["errors"]!["timeZone"]![0]);
        var ok = await coordinator.PutJsonAsync("/api/municipalities/north/settings", new { name = "Северный муниципальный район", timeZone = "Asia/Omsk" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
