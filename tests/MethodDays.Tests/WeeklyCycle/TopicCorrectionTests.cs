using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>
/// Before a topic is saved the server says what the save would do and whom it would tell; a published topic's
/// correction is told to the same people and its old text kept; one answer goes to several questions.
/// </summary>
public sealed class TopicCorrectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static object Topic(string publish, string assignment = "Провести пробный урок.") => new
    {
        title = "Формирующее оценивание",
        videos = new[] { new { title = "Видеосеминар 1", url = "https://video.example/1" } },
        questions = new[] { "Как ученики участвуют в выработке критериев?" },
        assignment,
        publish,
    };

    [Fact]
    public async Task PreviewCountsWhoIsToldAndStoresNothing()
    {
        var coordinator = app.ClientFor("coord-n");
        const string url = "/api/municipalities/north/weeks/2026-W48/topic";

        var draft = await (await coordinator.PostJsonAsync($"{url}/preview", Topic("Draft"))).ReadJsonAsync();
        Assert.Equal("draft", (string?)draft["effect"]);
        Assert.False((bool)draft["notifies"]!);

        var now = await (await coordinator.PostJsonAsync($"{url}/preview", Topic("Now"))).ReadJsonAsync();
        Assert.Equal("publish", (string?)now["effect"]);
        Assert.True((bool)now["notifies"]!);
        Assert.Equal(3, (int)now["schools"]!);
        Assert.Equal(7, (int)now["people"]!);
        Assert.Equal(7, (int)now["emails"]!);
        Assert.StartsWith("Уведомление получат 3 школы, 7 человек: администрации и педагоги школ — 5, кураторы — 1, методисты — 1.", (string?)now["message"]);

        // Nothing was stored; bad input is refused as the save refuses it; only the coordinator may ask.
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(url)).StatusCode);
        await (await coordinator.PostJsonAsync($"{url}/preview", new { title = "x", publish = "Now" })).AssertProblemAsync(400, "title");
        await (await app.ClientFor("admin-s1").PostJsonAsync($"{url}/preview", Topic("Now"))).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").PostJsonAsync($"{url}/preview", Topic("Now"))).AssertProblemAsync(403);
    }

    [Fact]
    public async Task CorrectionIsToldToTheSameReadersAndTheOldTextIsKept()
    {
        var coordinator = app.ClientFor("coord-n");
        const string url = "/api/municipalities/north/weeks/2026-W49/topic";
        var saved = await coordinator.PutJsonAsync(url, Topic("Now"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var etag = saved.Headers.ETag!.ToString();
        var first = (await Notices.DrainAsync(app)).Where(m => m.Subject == "Новая тема ЕМД: Формирующее оценивание").Select(m => m.PersonId).Order().ToList();
        Assert.Equal(7, first.Count);

        // Saved as it was: nothing to tell.
        var same = await (await coordinator.PostJsonAsync($"{url}/preview", Topic("Now"), etag)).ReadJsonAsync();
        Assert.Equal("unchanged", (string?)same["effect"]);
        Assert.False((bool)same["notifies"]!);

        var preview = await (await coordinator.PostJsonAsync($"{url}/preview", Topic("Now", "Провести два пробных урока."), etag)).ReadJsonAsync();
        Assert.Equal("correction", (string?)preview["effect"]);
        Assert.Equal(["техническое задание"], preview["changes"]!.AsArray().Select(c => (string?)c));

        // An older version is refused before anything is told.
        await (await coordinator.PostJsonAsync($"{url}/preview", Topic("Now", "Другое."), "W/\"old\"")).AssertProblemAsync(409);

        var corrected = await coordinator.PutJsonAsync(url, Topic("Now", "Провести два пробных урока."), etag);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var told = (await Notices.DrainAsync(app)).Where(m => m.Subject == "Исправление: Формирующее оценивание").ToList();
        Assert.Equal(first, told.Select(m => m.PersonId).Order().ToList());
        Assert.Contains("Изменено: техническое задание", told[0].Text);

        var revisions = (await (await coordinator.GetAsync($"{url}/revisions")).ReadJsonAsync()).AsArray();
        Assert.Equal("Провести пробный урок.", (string?)Assert.Single(revisions)!["assignment"]);
        await (await app.ClientFor("admin-s1").GetAsync($"{url}/revisions")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task OneAnswerGoesToEveryChosenQuestionOrToNone()
    {
        const string week = "2026-W46";
        await Notices.PublishTopicAsync(app, "coord-n", "north", week, publish: "Now");
        foreach (var school in new[] { "s1", "s2" })
        {
            var asked = await app.ClientFor($"admin-{school}").PostJsonAsync($"/api/municipalities/north/schools/{school}/weeks/{week}/questions", new { text = "Где шаблон листа?" });
            Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        }

        await Notices.DrainAsync(app);
        var agenda = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{week}/agenda")).ReadJsonAsync();
        var ids = agenda["groups"]![0]!["schools"]!.AsArray().Select(s => (string)s!["questions"]![0]!["id"]!).ToArray();
        Assert.Equal(2, ids.Length);
        var url = $"/api/municipalities/north/weeks/{week}/answers";

        await (await app.ClientFor("coord-n").PutJsonAsync(url, new { questionIds = Array.Empty<string>(), answer = "" })).AssertProblemAsync(400, "questionIds", "answer");
        await (await app.ClientFor("coord-n").PutJsonAsync(url, new { questionIds = new[] { ids[0], "question|s1|nope" }, answer = "Ответ" })).AssertProblemAsync(404);
        await (await app.ClientFor("admin-s1").PutJsonAsync(url, new { questionIds = ids, answer = "Ответ" })).AssertProblemAsync(403);
        var untouched = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{week}/agenda")).ReadJsonAsync();
        Assert.Equal(2, (int)untouched["unanswered"]!);

        var answered = await (await app.ClientFor("methodist-n").PutJsonAsync(url, new { questionIds = ids, answer = "В разделе «Лист оценки»." })).ReadJsonAsync();
        Assert.Equal(2, answered["answered"]!.AsArray().Count);
        var after = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/north/weeks/{week}/agenda")).ReadJsonAsync();
        Assert.Equal(0, (int)after["unanswered"]!);
        var told = await Notices.DrainAsync(app);
        Assert.Equal(["admin-s1", "admin-s1b", "admin-s2"], told.Where(m => m.Subject.StartsWith("Ответ на вопрос школы", StringComparison.Ordinal)).Select(m => m.PersonId).Order().ToArray());
    }
}
