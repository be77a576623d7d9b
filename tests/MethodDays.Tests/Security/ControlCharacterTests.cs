using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.Security;

/// <summary>
/// Invisible control characters never reach storage: every text of every request body is checked once, and the
/// answer names the field (as a JSON path) a form can highlight. Names and titles are one line; long texts keep
/// their line breaks.
/// </summary>
public sealed class ControlCharacterTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Schools = "/api/municipalities/north/schools";

    [Fact]
    public async Task SchoolNameWithAControlCharacterIsRefusedAndTheSchoolKeepsItsName()
    {
        var coordinator = app.ClientFor("coord-n");

        var problem = await (await coordinator.PutJsonAsync($"{Schools}/s1", new { name = "МБОУ «Первая\u0001 школа»", shortName = "Первая ООШ", kind = "Basic" }))
            .AssertProblemAsync(400, "name");
        Assert.Contains("управляющие символы", (string?)problem["errors"]!["name"]![0]);

        // A line break in a one-line name is refused too, and so is a C1 control in the short name.
        await (await coordinator.PutJsonAsync($"{Schools}/s1", new { name = "МБОУ «Первая\nшкола»", shortName = "Первая\u0085ООШ", kind = "Basic" }))
            .AssertProblemAsync(400, "name", "shortName");
        await (await coordinator.PutJsonAsync($"{Schools}/s9", new { name = "Новая\u0000школа", shortName = "Новая", kind = "Basic" }))
            .AssertProblemAsync(400, "name");

        var schools = (await (await coordinator.GetAsync(Schools)).ReadJsonAsync()).AsArray();
        Assert.Equal("МБОУ «Первая основная общеобразовательная школа»", (string?)schools.Single(s => (string?)s!["id"] == "s1")!["name"]);
        Assert.DoesNotContain(schools, s => (string?)s!["id"] == "s9");
    }

    [Fact]
    public async Task TopicTitleOrNestedTextWithAControlCharacterIsRefusedWithItsPathAndNothingIsSaved()
    {
        var coordinator = app.ClientFor("coord-n");
        const string topic = "/api/municipalities/north/weeks/2026-W50/topic";

        var problem = await (await coordinator.PutJsonAsync(topic, new
        {
            title = "Формирующее\u0001 оценивание",
            videos = new[] { new { title = "Видео", url = "https://video.example/1" }, new { title = "Видео\t2", url = "https://video.example/2" } },
            questions = new[] { "Как ученики участвуют в выработке критериев?\nИ почему?", "Какие приёмы\u001b обратной связи?" },
            assignment = "Провести урок.\r\nОбсудить\tего на ЕМД.",
            publish = "Now",
        })).AssertProblemAsync(400, "title", "videos[1].title", "questions[1]");
        Assert.Contains("одной строкой", (string?)problem["errors"]!["videos[1].title"]![0]);

        await (await coordinator.GetAsync(topic)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task CommentWithAControlCharacterIsRefusedWhileLineBreaksInItAreKept()
    {
        var admin = app.ClientFor("admin-s2");
        var url = Sheets.Url("s2", "2026-09");
        var template = app.Service<SheetTemplates>().Current;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync(url + "/submit", new { values = Sheets.Full(template, "1") })).StatusCode);
        var curator = app.ClientFor("curator-n");

        await (await curator.PostJsonAsync(url + "/comments", new { text = "Обсудим\u0001 показатель 2.9" })).AssertProblemAsync(400, "text");
        Assert.Empty((await (await admin.GetAsync(url)).ReadJsonAsync())["comments"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await curator.PostJsonAsync(url + "/comments", new { text = "Обсудим показатель 2.9.\nВ четверг,\tв 15:00." })).StatusCode);
        var comments = (await (await admin.GetAsync(url)).ReadJsonAsync())["comments"]!.AsArray();
        Assert.Equal("Обсудим показатель 2.9.\nВ четверг,\tв 15:00.", (string?)Assert.Single(comments)!["text"]);
    }

    [Fact]
    public async Task MemberNameStepTitleAndSheetValueAreCheckedByTheSameRule()
    {
        var coordinator = app.ClientFor("coord-n");

        await (await coordinator.PutJsonAsync("/api/municipalities/north/members/new-teacher", new
        {
            displayName = "Новый\u007f Педагог",
            email = "new@s1.example",
            role = "Teacher",
            schoolIds = new[] { "s1" },
        })).AssertProblemAsync(400, "displayName");
        var members = (await (await coordinator.GetAsync("/api/municipalities/north/members")).ReadJsonAsync()).AsArray();
        Assert.DoesNotContain(members, m => (string?)m!["personId"] == "new-teacher");

        var steps = new object[]
        {
            new { id = "publish", kind = "Publish", title = "Публикация", weekOffset = 0, weekday = "Wednesday", time = "16:00", actor = "Coordinator", remindBeforeHours = 0, overdueNotice = false },
            new { id = "questions", kind = "Questions", title = "Вопросы", weekOffset = 1, weekday = "Monday", time = "11:00", actor = "School", remindBeforeHours = 24, overdueNotice = true },
            new { id = "decision", kind = "Decision", title = "Реше\u0002ние", weekOffset = 1, weekday = "Friday", time = "10:00", actor = "School", remindBeforeHours = 2, overdueNotice = true },
        };
        await (await coordinator.PutJsonAsync("/api/municipalities/north/cycle", new { steps })).AssertProblemAsync(400, "steps[2].title");

        await (await app.ClientFor("admin-s1").PutJsonAsync(Sheets.Url("s1", "2026-10"), new { values = new Dictionary<string, object> { ["1.1.1"] = "2\u0001" } }))
            .AssertProblemAsync(400, "values.1.1.1");
    }
}
