using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.Progress;
using MethodDays.Tests.WeeklyCycle;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// What a school meets on its monthly sheets and its plan of help: a month not yet submitted can start again from the
/// last submitted sheet or be cleared, and the page asks first, saying how many answers go («Отмена» changes nothing);
/// a help-plan item says whom the help is for — the school's leadership or a teacher of its staff list.
/// </summary>
public sealed class SheetToolsJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Sheet = "/api/municipalities/north/schools/s1/self-assessment";

    /// <summary>A section opened for the first time loads its modules; on a busy test machine that can take more than the usual 5 s.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FirstOpen = new() { Timeout = 30_000 };

    [Fact]
    public async Task ADraftSelfAssessmentStartsAgainFromOctoberAndIsClearedOnlyAfterAsking()
    {
        var admin = app.ClientFor("admin-s1");
        var template = app.Service<SheetTemplates>().Current;
        var october = template.Indicators.ToDictionary(i => i.Id, i => i.SeniorGradesOnly ? "na" : "2");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Sheet}/2026-10/submit", new { values = october })).StatusCode);
        var three = template.Indicators.Take(3).ToDictionary(i => i.Id, _ => "0");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"{Sheet}/2026-11", new { values = three })).StatusCode);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync(FirstOpen);
        var score = page.GetByRole(AriaRole.Region, new() { Name = "Итог" });
        await Expect(score).ToContainTextAsync("Заполнено 3 из 70");

        // Three answers would be replaced: the page says so, and «Отмена» keeps them.
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Начать с прошлого месяца" });
        await start.ClickAsync();
        var question = page.GetByRole(AriaRole.Group, new() { Name = "Взять ответы из последнего отправленного листа?", Exact = false });
        await Expect(question).ToContainTextAsync("3 ответа этого листа будут заменены.");
        await question.GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        Assert.Equal(3, (await ValuesAsync(admin)).Count);

        await start.ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, заменить" }).ClickAsync();
        await Expect(score).ToContainTextAsync("Заполнено 70 из 70");
        await Expect(page.GetByText("Черновик заполнен ответами из последнего отправленного листа", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal(october, (await ValuesAsync(admin)).ToDictionary(kv => kv.Key, kv => (string)kv.Value!));

        // Clearing: asked with the count, then the empty draft reaches the server.
        var clear = page.GetByRole(AriaRole.Button, new() { Name = "Очистить лист" });
        await clear.ClickAsync();
        var clearing = page.GetByRole(AriaRole.Group, new() { Name = "Очистить лист?", Exact = false });
        await Expect(clearing).ToContainTextAsync("70 ответов будет удалено.");
        await clearing.GetByRole(AriaRole.Button, new() { Name = "Да, очистить" }).ClickAsync();
        await Expect(score).ToContainTextAsync("Заполнено 0 из 70");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Черновик сохранён на сервере" })).ToBeVisibleAsync();
        Assert.Empty(await ValuesAsync(admin));

        // Once the month is submitted neither is offered: its changes become a new revision.
        var full = template.Indicators.ToDictionary(i => i.Id, i => i.SeniorGradesOnly ? "na" : "1");
        var etag = (string?)(await (await admin.GetAsync($"{Sheet}/2026-11", TestContext.Current.CancellationToken)).ReadJsonAsync())["eTag"];
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Sheet}/2026-11/submit", new { values = full }, etag)).StatusCode);
        await page.ReloadAsync();
        await Expect(score).ToContainTextAsync("Заполнено 70 из 70");
        await Expect(start).ToBeHiddenAsync();
        await Expect(clear).ToBeHiddenAsync();
        var refused = await admin.PostAsync($"{Sheet}/2026-11/start-from-previous", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task ADraftProgressSheetTakesLastMonthsTeachersAndIsClearedOnlyAfterAsking()
    {
        var admin = app.ClientFor("admin-s3");
        var october = await admin.PostJsonAsync(ProgressSheets.Url("s3", "2026-10") + "/submit",
            ProgressSheets.Complete("2026-10", ProgressSheets.Teacher("Орлова Мария Ивановна", "trying"), ProgressSheets.Teacher("Зайцев Пётр Олегович", "studying")));
        Assert.True(october.IsSuccessStatusCode, await october.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True((await admin.PutJsonAsync(ProgressSheets.Url("s3", "2026-11"),
            ProgressSheets.Complete("2026-11", ProgressSheets.Teacher("Новикова Ольга Сергеевна", "studying")))).IsSuccessStatusCode);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Третьей" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/progress/s3/2026-11");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync(FirstOpen);

        var start = page.GetByRole(AriaRole.Button, new() { Name = "Начать с прошлого месяца" });
        await start.ClickAsync();
        var question = page.GetByRole(AriaRole.Group, new() { Name = "Взять педагогов и их практики из листа за октябрь 2026?", Exact = false });
        await Expect(question).ToContainTextAsync("1 педагог этого листа будет заменён.");
        await question.GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Педагог 2", Exact = true })).ToHaveCountAsync(0);

        await start.ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, заменить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Педагог 2", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Педагог 1", Exact = true }).GetByLabel("ФИО педагога")).ToHaveValueAsync("Орлова Мария Ивановна");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Черновик сохранён на сервере" })).ToBeVisibleAsync();
        var sheet = (await (await admin.GetAsync(ProgressSheets.Url("s3", "2026-11"), TestContext.Current.CancellationToken)).ReadJsonAsync())["sheet"]!;
        Assert.Equal(["Орлова Мария Ивановна", "Зайцев Пётр Олегович"], sheet["teachers"]!.AsArray().Select(t => (string)t!["name"]!).ToArray());
        Assert.Single(sheet["days"]!.AsArray());

        var clear = page.GetByRole(AriaRole.Button, new() { Name = "Очистить лист" });
        await clear.ClickAsync();
        var clearing = page.GetByRole(AriaRole.Group, new() { Name = "Очистить лист продвижения?", Exact = false });
        await Expect(clearing).ToContainTextAsync("Будет удалено: ЕМД: 1, решений: 1, описание затруднений, запросов: 1, педагогов: 2.");
        await clearing.GetByRole(AriaRole.Button, new() { Name = "Да, очистить" }).ClickAsync();
        await Expect(page.GetByText("Лист очищен.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Педагог 1", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Черновик сохранён на сервере" })).ToBeVisibleAsync();
        var cleared = (await (await admin.GetAsync(ProgressSheets.Url("s3", "2026-11"), TestContext.Current.CancellationToken)).ReadJsonAsync())["sheet"]!;
        Assert.Empty(cleared["teachers"]!.AsArray());
        Assert.Empty(cleared["days"]!.AsArray());
        Assert.Empty(cleared["requests"]!.AsArray());
    }

    [Fact]
    public async Task AHelpPlanItemIsForANamedTeacherOfTheSchoolsStaffList()
    {
        var admin = app.ClientFor("admin-s1");
        var added = await admin.PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Орлова Мария Ивановна", subjects = new[] { "математика" }, category = "highest", position = "учитель" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var teacherId = (string)(await added.ReadJsonAsync())["id"]!;
        var elsewhere = await app.ClientFor("admin-s2").PostJsonAsync("/api/municipalities/north/schools/s2/staff",
            new { fullName = "Петров Илья Андреевич", subjects = new[] { "физика" }, category = "first", position = "учитель" });
        var otherId = (string)(await elsewhere.ReadJsonAsync())["id"]!;

        // A teacher of another school is refused, in words, at the field.
        var curator = app.ClientFor("curator-n");
        var wrong = await curator.PostJsonAsync(ProgressSheets.PlanUrl("s1"),
            new { action = "Открытый урок с разбором", responsible = "Куратор", dueDate = "2026-11-30", recipient = new { kind = "teacher", teacherId = otherId } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("нет в списке педагогов этой школы", (string)(await wrong.ReadJsonAsync())["errors"]!["recipient.teacherId"]![0]!);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Куратор Северный" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/help-plan/s1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "+ Добавить пункт" })).ToBeVisibleAsync(FirstOpen);
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Добавить пункт" }).ClickAsync();
        var whom = page.GetByLabel("Кому адресована помощь");
        await Expect(whom).ToHaveValueAsync("leadership");
        await whom.SelectOptionAsync(new SelectOptionValue { Label = "Педагог: Орлова Мария Ивановна" });
        await page.GetByLabel("Мероприятие помощи").FillAsync("Взаимопосещение уроков математики с разбором");
        await page.GetByLabel("Срок выполнения").FillAsync("2026-11-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить в план" }).ClickAsync();
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Взаимопосещение уроков математики" });
        await Expect(item).ToContainTextAsync("КомуПедагог: Орлова Мария Ивановна");

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Добавить пункт" }).ClickAsync();
        await page.GetByLabel("Мероприятие помощи").FillAsync("Семинар для администрации по управлению изменениями");
        await page.GetByLabel("Срок выполнения").FillAsync("2026-12-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить в план" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Семинар для администрации" })).ToContainTextAsync("КомуРуководители школы");

        var plan = await (await admin.GetAsync(ProgressSheets.PlanUrl("s1"), TestContext.Current.CancellationToken)).ReadJsonAsync();
        var forTeacher = plan["items"]!.AsArray().Single(i => ((string)i!["action"]!).StartsWith("Взаимопосещение", StringComparison.Ordinal))!;
        Assert.Equal("teacher", (string?)forTeacher["recipient"]!["kind"]);
        Assert.Equal(teacherId, (string?)forTeacher["recipient"]!["teacherId"]);
    }

    [Fact]
    public async Task AProgressSheetLinksItsPracticeToTheBankAndItsDayToTheWeeksTopicAndOldTextStaysReadable()
    {
        var practiceId = await Practices.AcceptedAsync(app);
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W46", publish: "Now");
        var admin = app.ClientFor("admin-s2");
        var sheet = new
        {
            days = new[] { new { date = "2026-11-05", form = "workshop", sharePercent = 80, topic = "Старая тема словами" } },
            decisions = new[] { "Ввести лист самооценки в 5–7 классах" },
            requests = Array.Empty<object>(),
            teachers = new[] { ProgressSheets.Teacher("Орлова Мария Ивановна", "trying", "Кейс-метод"), ProgressSheets.Teacher("Зайцев Пётр Олегович", "studying", "Проектная задача") },
        };
        Assert.True((await admin.PutJsonAsync(ProgressSheets.Url("s2", "2026-11"), sheet)).IsSuccessStatusCode);

        // A practice that is not in the bank is refused at its field.
        var refused = await admin.PutJsonAsync(ProgressSheets.Url("s2", "2026-10"), new
        {
            teachers = new[] { new { name = "Орлова Мария Ивановна", practice = "", practiceId = "no-such-practice", stage = "trying" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Такой практики в банке нет", (string)(await refused.ReadJsonAsync())["errors"]!["teachers[0].practice"]![0]!);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Второй" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/progress/s2/2026-11");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync(FirstOpen);

        // The old text is there, as «другая практика» / «другая тема»; now both are picked from the lists.
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Педагог 1", Exact = true });
        await Expect(first.GetByLabel("Практика словами (не из банка)")).ToHaveValueAsync("Кейс-метод", new() { Timeout = 30_000 });
        await first.GetByLabel("Практика, выбранная на учебный год").SelectOptionAsync(new SelectOptionValue { Label = "Лист самооценки на уроке математики" });
        await Expect(first.GetByLabel("Практика словами (не из банка)")).ToBeHiddenAsync();
        var day = page.GetByRole(AriaRole.Group, new() { Name = "ЕМД 1", Exact = true });
        await Expect(day.GetByLabel("Тема словами")).ToHaveValueAsync("Старая тема словами");
        await day.GetByLabel("Тема ЕМД (необязательно)").SelectOptionAsync("2026-W46");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить лист продвижения" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Да, отправить" }).ClickAsync();
        await Expect(page.GetByText("Лист продвижения отправлен: редакция №1")).ToBeVisibleAsync();

        var stored = (await (await admin.GetAsync(ProgressSheets.Url("s2", "2026-11"), TestContext.Current.CancellationToken)).ReadJsonAsync())["sheet"]!;
        Assert.Equal(practiceId, (string?)stored["teachers"]![0]!["practiceId"]);
        Assert.Equal("Лист самооценки на уроке математики", (string?)stored["teachers"]![0]!["practice"]);
        Assert.Null((string?)stored["teachers"]![1]!["practiceId"]);
        Assert.Equal("2026-W46", (string?)stored["days"]![0]!["topicWeek"]);
        Assert.Equal("Формирующее оценивание на уроке", (string?)stored["days"]![0]!["topic"]);

        // Read: the linked practice and topic are links; the typed practice is its text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Куратор Северный" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/progress/s2/2026-11");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Лист самооценки на уроке математики" })).ToHaveAttributeAsync("href", $"#/practice/{practiceId}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Формирующее оценивание на уроке" })).ToHaveAttributeAsync("href", "#/week/2026-W46");
        await Expect(page.GetByText("Проектная задача", new() { Exact = true })).ToBeVisibleAsync();
    }

    private async Task<IDictionary<string, System.Text.Json.Nodes.JsonNode?>> ValuesAsync(HttpClient admin)
    {
        var sheet = await (await admin.GetAsync($"{Sheet}/2026-11", TestContext.Current.CancellationToken)).ReadJsonAsync();
        return sheet["values"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
