using MethodDays.Features.Notifications;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The week of the unified methodical day as people use it, in headless Chromium: the coordinator publishes the
/// week's topic; a school's admin team gets the notice, sends a question on a phone and reports its decision; the
/// coordinator's board shows the school's steps done and the question waits on the video call's agenda, where the
/// answer goes back to the school. The fake clock is Sunday 15 November 2026, 15:00 in Omsk: week 2026-W46 of
/// "north" (Poltava cycle), whose questions and decision are due next week.
/// </summary>
public sealed class WeeklyCycleJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string TopicTitle = "Смысловое чтение на уроках";
    private const string DiscussionQuestion = "Какие приёмы смыслового чтения уже используют ваши педагоги?";
    private const string SchoolQuestion = "Как организовать смысловое чтение в малокомплектных классах?";
    private const string Decision = "Ввести единые памятки по смысловому чтению в 5–7 классах с декабря.";

    [Fact]
    public async Task CoordinatorPublishesSchoolAsksAndDecidesThenTheBoardAndAgendaShowIt()
    {
        // The municipality has set the deadlines seed 001 leaves to it (the form, the decision).
        await WeeklyCycle.Notices.SetSchoolDeadlinesAsync(app);

        // 1. The coordinator prepares this week's topic and publishes it at once (wide screen).
        var desk = await DesktopPageAsync();
        await SignInAsync(desk, "Координатор Северный");
        await desk.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = "Темы" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Темы ЕМД по неделям" })).ToBeVisibleAsync();
        await Expect(desk.GetByLabel("Подготовить тему на неделю")).ToHaveValueAsync("2026-W46");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Открыть" }).ClickAsync();

        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Тема недели 9–15 ноября 2026" })).ToBeVisibleAsync();
        await Expect(desk.GetByText("Новая тема: ещё не сохранена.")).ToBeVisibleAsync();
        await desk.GetByLabel("Название темы").FillAsync(TopicTitle);
        await desk.GetByLabel("Видеосеминар 1: название").FillAsync("Видеосеминар. Приёмы смыслового чтения");
        await desk.GetByLabel("Видеосеминар 1: ссылка").FillAsync("не ссылка");
        await desk.GetByLabel("Вопрос 1", new() { Exact = true }).FillAsync(DiscussionQuestion);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Добавить вопрос" }).ClickAsync();
        await desk.GetByLabel("Вопрос 2", new() { Exact = true }).FillAsync("Как проверить понимание текста?");
        await desk.GetByLabel("Техническое задание для школ").FillAsync("Провести по одному уроку с приёмами смыслового чтения и обсудить их на ЕМД.");
        await desk.GetByLabel("Сейчас — школы увидят тему и получат уведомление сразу").CheckAsync();

        // A wrong link is refused by the server and shown at its field; the form keeps everything typed.
        await desk.GetByRole(AriaRole.Button, new() { Name = "Опубликовать сейчас" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Тема не сохранена" })).ToContainTextAsync("не похожа на адрес видео");
        await Expect(desk.GetByLabel("Видеосеминар 1: ссылка")).ToHaveAttributeAsync("aria-invalid", "true");
        await desk.GetByLabel("Видеосеминар 1: ссылка").FillAsync("https://video.example/emd/46-1");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Опубликовать сейчас" }).ClickAsync();
        // Before anyone is told, the page says how many will be and asks.
        var confirm = desk.GetByRole(AriaRole.Dialog, new() { Name = "Опубликовать тему сейчас?" });
        await Expect(confirm).ToContainTextAsync("Уведомление получат 3 школы, 7 человек", new() { Timeout = 30_000 });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Опубликовать" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status).Filter(new() { HasText = "Тема опубликована" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(desk.GetByText("Опубликована: 15 ноября в 15:00.", new() { Exact = false })).ToBeVisibleAsync();

        // The sender puts the queued notices into the feeds (as the queue function does).
        var store = app.Service<NotificationStore>();
        foreach (var queued in await Notices.DrainAsync(app))
        {
            await store.AddToFeedAsync(queued, TestContext.Current.CancellationToken);
        }

        // 2. The school's admin team, on a phone: the notice, the week, a question and the decision.
        var phone = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await phone.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await phone.GotoAsync("/");
        await SignInAsync(phone, "Администратор Первой");
        var bell = phone.Locator("#feed-link");
        // The topic's notice, and the reminder that questions are due within a day (Monday 11:00).
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Уведомления: 2 непрочитанных");
        await bell.ClickAsync();
        var notice = phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Новая тема ЕМД: {TopicTitle}" });
        await Expect(notice).ToContainTextAsync("Новое");
        await notice.GetByRole(AriaRole.Link, new() { Name = "Открыть" }).ClickAsync();

        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Неделя 9–15 ноября 2026" })).ToBeVisibleAsync();
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Уведомления: 1 непрочитанное");
        var topic = phone.GetByRole(AriaRole.Region, new() { Name = "Тема недели" });
        await Expect(topic).ToContainTextAsync(TopicTitle);
        await Expect(topic.GetByRole(AriaRole.Link, new() { Name = "Видеосеминар. Приёмы смыслового чтения" })).ToHaveAttributeAsync("href", "https://video.example/emd/46-1");

        var questions = phone.GetByRole(AriaRole.Region, new() { Name = "Вопросы школы" });
        await questions.GetByLabel("К какому вопросу темы").SelectOptionAsync(new SelectOptionValue { Label = $"1. {DiscussionQuestion}" });
        await questions.GetByLabel("Ваш вопрос").FillAsync(SchoolQuestion);
        await questions.GetByRole(AriaRole.Button, new() { Name = "Отправить вопрос" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status).Filter(new() { HasText = "Вопрос отправлен." })).ToBeVisibleAsync();
        var asked = phone.GetByRole(AriaRole.Region, new() { Name = "Вопросы школы" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = SchoolQuestion });
        await Expect(asked).ToContainTextAsync($"К вопросу 1: «{DiscussionQuestion}»");
        await Expect(asked).ToContainTextAsync("Ответа пока нет.");

        var steps = phone.GetByRole(AriaRole.Region, new() { Name = "Шаги недели" });
        var questionsStep = steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Вопросы по видеосеминарам муниципальному координатору" });
        await Expect(questionsStep).ToContainTextAsync("✓ выполнено");
        var decisionStep = steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Решение по итогам ЕМД направлено координатору" });
        await Expect(decisionStep).ToContainTextAsync("… срок идёт");
        await Expect(decisionStep).ToContainTextAsync("Срок: пятница, 20 ноября, 18:00");
        await decisionStep.GetByLabel("Управленческое решение по итогам ЕМД").FillAsync(Decision);
        await decisionStep.GetByRole(AriaRole.Button, new() { Name = "Сообщить решение" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status).Filter(new() { HasText = "Решение отправлено координатору." })).ToBeVisibleAsync();
        decisionStep = phone.GetByRole(AriaRole.Region, new() { Name = "Шаги недели" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Решение по итогам ЕМД направлено координатору" });
        await Expect(decisionStep).ToContainTextAsync("✓ выполнено");
        await Expect(decisionStep).ToContainTextAsync(Decision);
        await Expect(decisionStep.GetByRole(AriaRole.Button, new() { Name = "Изменить решение" })).ToBeVisibleAsync();

        // 3. The coordinator's board: the school's steps are done, the other school's decision is still due.
        await desk.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = "Неделя ЕМД" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Неделя 9–15 ноября 2026" })).ToBeVisibleAsync();
        var board = desk.GetByRole(AriaRole.Region, new() { Name = "Доска недели: школы по строкам, шаги по столбцам" });
        await Expect(board.GetByRole(AriaRole.Columnheader, new() { Name = "Школа", Exact = true })).ToBeVisibleAsync();
        var headers = (await board.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).ToList();
        var decisionColumn = headers.FindIndex(h => h.StartsWith("Решение", StringComparison.Ordinal)) - 1;
        var questionsColumn = headers.FindIndex(h => h.StartsWith("Вопросы", StringComparison.Ordinal)) - 1;
        var countColumn = headers.FindLastIndex(h => h.StartsWith("Вопросы", StringComparison.Ordinal)) - 1;
        Assert.True(decisionColumn >= 0 && questionsColumn >= 0 && countColumn > questionsColumn, string.Join(" | ", headers));
        var first = board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" });
        var second = board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Вторая СОШ" });
        await Expect(first.GetByRole(AriaRole.Cell).Nth(decisionColumn)).ToContainTextAsync("✓ выполнено");
        await Expect(first.GetByRole(AriaRole.Cell).Nth(questionsColumn)).ToContainTextAsync("✓ выполнено");
        await Expect(first.GetByRole(AriaRole.Cell).Nth(countColumn)).ToHaveTextAsync("1");
        await Expect(second.GetByRole(AriaRole.Cell).Nth(decisionColumn)).ToContainTextAsync("… срок идёт");
        var totals = board.GetByRole(AriaRole.Row).Filter(new() { Has = desk.GetByRole(AriaRole.Rowheader, new() { Name = "Выполнено", Exact = true }) });
        await Expect(totals.GetByRole(AriaRole.Cell).Nth(decisionColumn)).ToHaveTextAsync("1 из 3"); // every school takes part, the leading s3 too

        // Drill-down: the school's week with its decision.
        await first.GetByRole(AriaRole.Link, new() { Name = "Первая ООШ" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Region, new() { Name = "Шаги недели" })).ToContainTextAsync(Decision);
        await desk.GoBackAsync();

        // 4. The video call's agenda: the question under its discussion question; the answer reaches the school.
        await desk.GetByRole(AriaRole.Link, new() { Name = "Вопросы школ: 1 — повестка ВКС и ответы" }).ClickAsync();
        await Expect(desk.GetByText("Всего 1 вопрос, без ответа: 1.")).ToBeVisibleAsync();
        var group = desk.Locator("section.agenda-group").Filter(new() { Has = desk.GetByRole(AriaRole.Heading, new() { Name = $"Вопрос 1. {DiscussionQuestion}" }) });
        var item = group.GetByRole(AriaRole.Listitem).Filter(new() { HasText = SchoolQuestion });
        await Expect(group.GetByRole(AriaRole.Heading, new() { Name = "Первая ООШ" })).ToBeVisibleAsync();
        await item.GetByLabel("Ответ школе").FillAsync("Работайте в парах сменного состава: пример — во втором видеосеминаре.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Сохранить ответ" }).ClickAsync();
        await Expect(item).ToContainTextAsync("Работайте в парах сменного состава");
        await Expect(desk.GetByText("Всего 1 вопрос, без ответа: 0.")).ToBeVisibleAsync();

        await phone.ReloadAsync();
        await Expect(phone.GetByRole(AriaRole.Region, new() { Name = "Вопросы школы" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = SchoolQuestion }))
            .ToContainTextAsync("Работайте в парах сменного состава");

        // What the pages showed is what the server stored.
        var week = await (await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/schools/s1/weeks/2026-W46", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(Decision, (string?)week["steps"]!.AsArray().Single(s => (string?)s!["id"] == "decision")!["text"]);
        Assert.Equal(0, (int)week["questions"]![0]!["topicQuestion"]!);
    }

    private async Task<IPage> DesktopPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ru-RU",
            TimezoneId = "Europe/Moscow",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        return page;
    }

    private static async Task SignInAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
    }
}
