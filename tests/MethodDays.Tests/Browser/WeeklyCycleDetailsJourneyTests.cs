using System.Net;
using MethodDays.Features.Notifications;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>Pages of the weekly cycle for these tests: a wide screen or a phone, signed in as a demo person.</summary>
internal static class CyclePages
{
    public static async Task<IPage> DesktopAsync(IBrowser browser, BrowserAppFactory app, string name)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ru-RU",
            TimezoneId = "Asia/Omsk",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await SignInAsync(page, name);
        return page;
    }

    public static async Task<IPage> PhoneAsync(IBrowser browser, BrowserAppFactory app, string name)
    {
        var page = await Chromium.NewPhonePageAsync(browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await SignInAsync(page, name);
        return page;
    }

    private static async Task SignInAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
    }

    /// <summary>Puts the queued notices into the feeds, as the queue function does, and returns them.</summary>
    public static async Task<List<NotificationMessage>> DeliverToFeedsAsync(AppFactory app)
    {
        var store = app.Service<NotificationStore>();
        var all = await Notices.DrainAsync(app);
        foreach (var queued in all)
        {
            await store.AddToFeedAsync(queued, TestContext.Current.CancellationToken);
        }

        return all;
    }

    /// <summary>The first look at a page, and a request that tells people: a loaded machine can take longer than the usual five seconds.</summary>
    public static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    public static readonly LocatorAssertionsToContainTextOptions SlowText = new() { Timeout = 30_000 };

    public static ILocator Board(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Доска недели: школы по строкам, шаги по столбцам" });
}

/// <summary>
/// «Опубликовать сейчас» tells every school, curator and methodist: the coordinator first sees how many people (counted
/// by the server) and confirms in a dialog on the page; cancelling sends nothing. A published topic can be corrected:
/// the correction reaches the same people as «Исправление: …», and the text schools saw is kept as a revision.
/// </summary>
public sealed class TopicPublishConfirmJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Title = "Функциональная грамотность на уроках математики";

    [Fact]
    public async Task PublishingAsksFirstCancelSendsNothingAndACorrectionReachesTheSchools()
    {
        var ct = TestContext.Current.CancellationToken;
        var desk = await CyclePages.DesktopAsync(Browser, app, "Координатор Северный");
        await desk.GotoAsync("/#/topic/2026-W46");
        await desk.GetByLabel("Название темы").FillAsync(Title);
        await desk.GetByLabel("Видеосеминар 1: название").FillAsync("Видеосеминар. Задачи с практическим содержанием");
        await desk.GetByLabel("Видеосеминар 1: ссылка").FillAsync("https://video.example/emd/46-math");
        await desk.GetByLabel("Вопрос 1", new() { Exact = true }).FillAsync("Какие задачи с практическим содержанием вы уже используете?");
        await desk.GetByLabel("Техническое задание для школ").FillAsync("Подобрать три задачи для 7 класса.");
        await desk.GetByLabel("Сейчас — школы увидят тему и получат уведомление сразу").CheckAsync();

        // The dialog says how many people will be told: 3 schools' staff (5 people), the curator, the methodist.
        await desk.GetByRole(AriaRole.Button, new() { Name = "Опубликовать сейчас" }).ClickAsync();
        var dialog = desk.GetByRole(AriaRole.Dialog, new() { Name = "Опубликовать тему сейчас?" });
        await Expect(dialog).ToBeVisibleAsync(CyclePages.Slow);
        await Expect(dialog).ToContainTextAsync("Уведомление получат 3 школы, 7 человек: администрации и педагоги школ — 5, кураторы — 1, методисты — 1.");

        // Cancel: nothing is stored, nobody is told, the form keeps the text.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(desk.GetByRole(AriaRole.Status).Filter(new() { HasText = "Ничего не отправлено" })).ToBeVisibleAsync();
        await Expect(desk.GetByLabel("Название темы")).ToHaveValueAsync(Title);
        Assert.Empty(await Notices.DrainAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/weeks/2026-W46/topic", ct)).StatusCode);

        // Confirm: published, and the notice goes to the seven.
        await desk.GetByRole(AriaRole.Button, new() { Name = "Опубликовать сейчас" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Опубликовать" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status).Filter(new() { HasText = "Тема опубликована" })).ToBeVisibleAsync(CyclePages.Slow);
        var published = (await CyclePages.DeliverToFeedsAsync(app)).Where(m => m.Subject == $"Новая тема ЕМД: {Title}").ToList();
        Assert.Equal(7, published.Count);

        // A correction after publishing: the dialog names what changed; the same seven are told «Исправление: …».
        await desk.GetByLabel("Техническое задание для школ").FillAsync("Подобрать три задачи для 7 класса и одну для 9 класса.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Сохранить исправления" }).ClickAsync();
        var correction = desk.GetByRole(AriaRole.Dialog, new() { Name = "Сохранить исправление и сообщить о нём?" });
        await Expect(correction).ToContainTextAsync("Исправление получат 3 школы, 7 человек", CyclePages.SlowText);
        await Expect(correction).ToContainTextAsync("Изменено: техническое задание");
        await correction.GetByRole(AriaRole.Button, new() { Name = "Сохранить и сообщить" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status).Filter(new() { HasText = "Исправление сохранено" })).ToBeVisibleAsync(CyclePages.Slow);
        var corrections = (await CyclePages.DeliverToFeedsAsync(app)).Where(m => m.Subject == $"Исправление: {Title}").ToList();
        Assert.Equal(published.Select(m => m.PersonId).Order(), corrections.Select(m => m.PersonId).Order());

        // The school's admin team finds the correction in its feed and opens the corrected topic.
        var phone = await CyclePages.PhoneAsync(Browser, app, "Администратор Второй");
        await phone.Locator("#feed-link").ClickAsync();
        var notice = phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Исправление: {Title}" });
        await Expect(notice).ToContainTextAsync("Изменено: техническое задание", CyclePages.SlowText);
        await notice.GetByRole(AriaRole.Link, new() { Name = "Открыть" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Region, new() { Name = "Тема недели" })).ToContainTextAsync("и одну для 9 класса", CyclePages.SlowText);

        // The text schools first saw is kept.
        var revisions = (await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/weeks/2026-W46/topic/revisions", ct)).ReadJsonAsync()).AsArray();
        Assert.Equal("Подобрать три задачи для 7 класса.", (string?)Assert.Single(revisions)!["assignment"]);
    }
}

/// <summary>
/// The week board lists every mark it can show in its legend («○ впереди» too), shows each school's ШНОР / ПРШ flags
/// and filters by them: «Все школы / ШНОР / ПРШ».
/// </summary>
public sealed class WeekBoardFilterJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task LegendListsEveryMarkAndTheFilterShowsOnlyTheChosenSchools()
    {
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W46", "Now", "Смысловое чтение");
        var desk = await CyclePages.DesktopAsync(Browser, app, "Координатор Северный");
        await desk.GotoAsync("/#/board/2026-W46");
        var board = CyclePages.Board(desk);

        // The method day is next Thursday: «○ впереди» on the board, and in the legend with every other mark.
        var first = board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" });
        await Expect(first).ToContainTextAsync("○ впереди", CyclePages.SlowText);
        var legend = desk.GetByRole(AriaRole.List, new() { Name = "Условные обозначения" });
        foreach (var mark in new[] { "! просрочено", "… срок идёт", "✓ с опозданием", "✓ выполнено", "○ впереди", "i по расписанию", "– не требуется", "○ ждёт темы", "– пропущена" })
        {
            await Expect(legend).ToContainTextAsync(mark);
        }

        // Flags by the school's name; the filter keeps the header and totals rows.
        await Expect(first.GetByRole(AriaRole.Rowheader)).ToContainTextAsync("ШНОР · ПРШ");
        await Expect(board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Третья СОШ" }).GetByRole(AriaRole.Rowheader)).ToContainTextAsync("школа-лидер");
        await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await desk.GetByLabel("Показать").SelectOptionAsync(new SelectOptionValue { Label = "ШНОР (2)" });
        await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Expect(board).Not.ToContainTextAsync("Третья СОШ");
        await Expect(desk.Locator(".board-summary")).ToContainTextAsync("2 школы");
        await desk.GetByLabel("Показать").SelectOptionAsync(new SelectOptionValue { Label = "ПРШ (2)" });
        await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await desk.GetByLabel("Показать").SelectOptionAsync(new SelectOptionValue { Label = "Все школы (3)" });
        await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
    }
}

/// <summary>
/// The previous topic's decision not yet reported reads «Решение пока не сообщено» (not red) while no deadline has
/// passed — Poltava's decision has none in the seed — and turns red only after a deadline the municipality set.
/// </summary>
public sealed class PreviousDecisionJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task MissingDecisionIsNeutralUntilADeadlineSetByTheMunicipalityHasPassed()
    {
        var ct = TestContext.Current.CancellationToken;
        var lastWeek = new DateTimeOffset(2026, 11, 4, 3, 0, 0, TimeSpan.Zero); // Wednesday of W45, 09:00 Omsk
        Assert.True(await app.Service<CycleStore>().SaveTopicAsync(new TopicEntity
        {
            PartitionKey = "north",
            RowKey = "2026-W45",
            Title = "Работа со слабоуспевающими",
            Questions = "[\"Как вы ведёте учёт слабоуспевающих?\"]",
            PublishedAt = lastWeek,
            UpdatedByName = "Координатор Северный",
            UpdatedAt = lastWeek,
        }, null, ct));

        // The Poltava seed gives the decision no deadline: nothing is overdue.
        var phone = await CyclePages.PhoneAsync(Browser, app, "Администратор Первой");
        await phone.GotoAsync("/#/week/2026-W46");
        var previous = phone.GetByRole(AriaRole.Region, new() { Name = "Решение по прошлой теме" });
        await Expect(previous).ToContainTextAsync("Решение пока не сообщено.", CyclePages.SlowText);
        await Expect(previous).ToContainTextAsync("Срока у этого шага нет");
        await Expect(previous).Not.ToContainTextAsync("не сообщила");
        await Expect(previous.Locator(".missing")).ToHaveCountAsync(0);

        // The municipality sets the decision's deadline (Friday of the next week, 18:00): 13 November has passed.
        await Notices.SetSchoolDeadlinesAsync(app);
        await phone.ReloadAsync();
        previous = phone.GetByRole(AriaRole.Region, new() { Name = "Решение по прошлой теме" });
        await Expect(previous.Locator(".missing")).ToHaveTextAsync("Школа не сообщила решение по этой теме: срок прошёл (пятница, 13 ноября, 18:00).", new() { Timeout = 30_000 });
    }
}

/// <summary>
/// The cycle settings show, for each step, whether its hour and deadline are the seed's or the municipality's own;
/// a deadline the seed does not give is off until the coordinator sets one, and setting it keeps the seed's hours.
/// </summary>
public sealed class CycleSettingsJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task StepsShowTheSeedsHoursAndDeadlinesAgainstTheMunicipalitysOwn()
    {
        var desk = await CyclePages.DesktopAsync(Browser, app, "Координатор Северный");
        await desk.GotoAsync("/#/cycle");
        var steps = desk.GetByRole(AriaRole.Region, new() { Name = "Шаги цикла" });
        var questions = steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Вопросы по видеосеминарам" });
        await Expect(questions).ToContainTextAsync("следующая неделя, понедельник 11:00 — по регламенту", CyclePages.SlowText);
        await Expect(questions).ToContainTextAsync("Срок: следующая неделя, понедельник 11:00 — по регламенту");
        var form = steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Школа выбирает форму проведения ЕМД" });
        await Expect(form).ToContainTextAsync("неделя темы, пятница 10:00 — по умолчанию, муниципалитет может изменить");
        await Expect(form).ToContainTextAsync("Срок: не задан — в регламенте его нет; выключен, пока координатор его не задаст");

        // The coordinator gives the form a deadline; the questions' hour stays the seed's.
        await steps.GetByRole(AriaRole.Button, new() { Name = "Изменить шаги" }).ClickAsync();
        var row = steps.Locator("li.cycle-step").Filter(new() { Has = desk.Locator("[data-ref=\"kind\"] option[value=\"Form\"]:checked") });
        await row.GetByLabel("Срок шага").CheckAsync();
        await row.GetByLabel("Срок: время (местное)").FillAsync("12:00");
        await steps.GetByRole(AriaRole.Button, new() { Name = "Сохранить шаги" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status).Filter(new() { HasText = "Шаги цикла сохранены" })).ToBeVisibleAsync(CyclePages.Slow);

        steps = desk.GetByRole(AriaRole.Region, new() { Name = "Шаги цикла" });
        form = steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Школа выбирает форму проведения ЕМД" });
        await Expect(form).ToContainTextAsync("Срок: неделя темы, пятница 12:00 — настройка муниципалитета");
        await Expect(steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Вопросы по видеосеминарам" }))
            .ToContainTextAsync("Срок: следующая неделя, понедельник 11:00 — по регламенту");

        var cycle = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/cycle", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var saved = cycle["template"]!["steps"]!.AsArray();
        Assert.Equal("seed", (string?)saved.Single(s => (string?)s!["kind"] == "Questions")!["deadline"]!["source"]);
        Assert.Equal("12:00", (string?)saved.Single(s => (string?)s!["kind"] == "Form")!["deadline"]!["time"]);
        Assert.Null(saved.Single(s => (string?)s!["kind"] == "Decision")!["deadline"]);
    }
}

/// <summary>
/// The same question asked by two schools gets one answer from the agenda; each asking school's administration is
/// told through the notices.
/// </summary>
public sealed class CommonAnswerJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Week = "2026-W46";

    [Fact]
    public async Task CoordinatorAnswersTheSameQuestionOfTwoSchoolsAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await Notices.PublishTopicAsync(app, "coord-n", "north", Week, "Now");
        foreach (var (person, school) in new[] { ("admin-s1", "s1"), ("admin-s2", "s2") })
        {
            var asked = await app.ClientFor(person).PostJsonAsync($"/api/municipalities/north/schools/{school}/weeks/{Week}/questions", new { text = "Где взять шаблон листа самооценки?" });
            Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        }

        await Notices.DrainAsync(app);

        var desk = await CyclePages.DesktopAsync(Browser, app, "Координатор Северный");
        await desk.GotoAsync($"/#/agenda/{Week}");
        await Expect(desk.GetByText("Всего 2 вопроса, без ответа: 2.")).ToBeVisibleAsync(CyclePages.Slow);
        await desk.GetByRole(AriaRole.Checkbox, new() { Name = "Выбрать для общего ответа: Первая ООШ" }).CheckAsync();
        await desk.GetByRole(AriaRole.Checkbox, new() { Name = "Выбрать для общего ответа: Вторая СОШ" }).CheckAsync();
        var common = desk.GetByRole(AriaRole.Region, new() { Name = "Общий ответ на несколько вопросов" });
        await Expect(common).ToContainTextAsync("Выбрано 2 вопроса от 2 школ: Первая ООШ, Вторая СОШ.");
        await common.GetByLabel("Общий ответ на выбранные вопросы").FillAsync("Шаблон — в разделе «Лист оценки», кнопка «Скачать».");
        await common.GetByRole(AriaRole.Button, new() { Name = "Ответить на выбранные (2)" }).ClickAsync();
        await Expect(common).ToContainTextAsync("Ответ сохранён для 2 вопросов; уведомление получат администрации школ: Первая ООШ, Вторая СОШ.", CyclePages.SlowText);
        await Expect(desk.GetByText("Всего 2 вопроса, без ответа: 0.")).ToBeVisibleAsync();
        await Expect(desk.Locator("li.question").Filter(new() { HasText = "Шаблон — в разделе «Лист оценки»" })).ToHaveCountAsync(2);

        // Each asking school's administration is told, in the feed (and by e-mail unless turned off).
        var told = await CyclePages.DeliverToFeedsAsync(app);
        Assert.Equal(["admin-s1", "admin-s1b"], told.Where(m => m.Subject == "Ответ на вопрос школы «Первая ООШ»").Select(m => m.PersonId).Order().ToArray());
        Assert.Equal(["admin-s2"], told.Where(m => m.Subject == "Ответ на вопрос школы «Вторая СОШ»").Select(m => m.PersonId).ToArray());
        var phone = await CyclePages.PhoneAsync(Browser, app, "Администратор Второй");
        await phone.GotoAsync($"/#/week/{Week}");
        await Expect(phone.GetByRole(AriaRole.Region, new() { Name = "Вопросы школы" })).ToContainTextAsync("Шаблон — в разделе «Лист оценки»", CyclePages.SlowText);
        var feed = await (await app.ClientFor("admin-s2").GetAsync("/api/feed", ct)).ReadJsonAsync();
        Assert.Contains(feed["items"]!.AsArray(), i => (string?)i!["subject"] == "Ответ на вопрос школы «Вторая СОШ»");
    }
}
