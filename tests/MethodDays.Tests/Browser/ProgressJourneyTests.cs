using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Progress;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The monthly progress sheet and the plan of targeted help as people use them, in headless Chromium: the school's
/// admin fills and submits November's sheet on a phone (a form given as «другое» without words is refused at its
/// field first); the curator, at a desk, finds the school's request for help in the month's summary, adds it to the
/// school's plan and comments on the sheet; the school sees the plan item, read-only, and the comment.
/// </summary>
public sealed class ProgressJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string RequestTopic = "Смысловое чтение";
    private const string PlanAction = "Семинар по приёмам смыслового чтения для учителей математики";
    private const string Comment = "Разберём запрос на встрече в четверг.";

    [Fact]
    public async Task AnUntouchedSheetShowsNoTeachersAsGoneAfterAFullLastMonth()
    {
        // October was submitted with two teachers; nobody has opened November's sheet yet.
        var october = await app.ClientFor("admin-s3").PostJsonAsync(ProgressSheets.Url("s3", "2026-10") + "/submit",
            ProgressSheets.Complete("2026-10", ProgressSheets.Teacher("Орлова Мария Ивановна", "trying"), ProgressSheets.Teacher("Зайцев Пётр Олегович", "studying")));
        Assert.True(october.IsSuccessStatusCode, await october.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await SignInAsync(page, "Администратор Третьей");
        await page.GotoAsync("/#/progress/s3/2026-11");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByText("В этом месяце педагоги ещё не указаны", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText("выбыли", new() { Exact = false })).ToHaveCountAsync(0);
        await Expect(page.GetByText("нет в этом месяце", new() { Exact = false })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SchoolSubmitsTheProgressSheetCuratorPlansHelpFromItsRequestAndTheSchoolSeesThePlan()
    {
        // 1. The school's admin, on a phone: November's sheet, empty.
        var phone = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await phone.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await phone.GotoAsync("/");
        await SignInAsync(phone, "Администратор Первой");
        await Menu(phone, "Лист продвижения").ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(phone.GetByText("не начат", new() { Exact = true })).ToBeVisibleAsync();

        // A methodical day held on the 12th, its form «другое» still without words.
        await phone.GetByRole(AriaRole.Button, new() { Name = "+ Добавить ЕМД" }).ClickAsync();
        var day = phone.GetByRole(AriaRole.Group, new() { Name = "ЕМД 1", Exact = true });
        await day.GetByLabel("Дата проведения").FillAsync("2026-11-12");
        await day.GetByLabel("Доля педагогов, принявших участие, %").FillAsync("80");
        await day.GetByLabel("Форма проведения", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Другое" });
        await day.GetByLabel("Тема ЕМД (необязательно)").FillAsync("Приёмы смыслового чтения");

        await phone.GetByRole(AriaRole.Button, new() { Name = "+ Добавить решение" }).ClickAsync();
        await phone.GetByLabel("Текст решения 1").FillAsync("Провести открытые уроки по смысловому чтению в 5–7 классах");

        await phone.GetByRole(AriaRole.Button, new() { Name = "+ Добавить запрос" }).ClickAsync();
        var request = phone.GetByRole(AriaRole.Group, new() { Name = "Запрос 1", Exact = true });
        await request.GetByLabel("Тема запроса").FillAsync(RequestTopic);
        await request.GetByLabel("В чём нужна помощь").FillAsync("Нужен семинар по приёмам смыслового чтения на уроках математики.");

        // Teachers: the school's member in MethodDays, and one typed in.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Добавить всех педагогов школы" }).ClickAsync();
        var first = phone.GetByRole(AriaRole.Group, new() { Name = "Педагог 1", Exact = true });
        await Expect(first.GetByLabel("Педагог", new() { Exact = true })).ToHaveValueAsync("teacher-s1");
        await first.GetByLabel("Практика, выбранная на учебный год").FillAsync("Читательский дневник на уроках математики");
        await first.GetByRole(AriaRole.Radio, new() { Name = "Апробирую" }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "+ Добавить педагога" }).ClickAsync();
        var second = phone.GetByRole(AriaRole.Group, new() { Name = "Педагог 2", Exact = true });
        await second.GetByLabel("Педагог", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Другой педагог (вписать ФИО)" });
        await second.GetByLabel("ФИО педагога").FillAsync("Иванова Мария Петровна");
        await second.GetByLabel("Практика, выбранная на учебный год").FillAsync("Кейс-метод на уроках истории");
        await second.GetByRole(AriaRole.Radio, new() { Name = "Изучаю" }).CheckAsync();

        // The server refuses the «другое» without words, and the page says so at that field.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Отправить лист продвижения" }).ClickAsync();
        var question = phone.GetByRole(AriaRole.Group, new() { Name = "Отправить лист продвижения за ноябрь 2026?", Exact = false });
        await Expect(question).ToContainTextAsync("Не заполнено 1 обязательное поле; после отправки изменения сохраняются как новая редакция.");
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, отправить" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Данные не прошли проверку" })).ToContainTextAsync("Ошибок: 1");
        var other = day.GetByLabel("Форма проведения словами");
        await Expect(other).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(day).ToContainTextAsync("Выбрано «другое»: опишите форму проведения словами.");
        await other.FillAsync("Педагогический квест");
        await Expect(other).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Отправить лист продвижения" }).ClickAsync();
        await Expect(question).ToContainTextAsync("Обязательные поля заполнены");
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, отправить" }).ClickAsync();
        await Expect(phone.GetByText("Лист продвижения отправлен: редакция №1")).ToBeVisibleAsync();
        await Expect(phone.GetByText("отправлен", new() { Exact = true })).ToBeVisibleAsync();

        // What the page showed is what the server stored.
        var admin = app.ClientFor("admin-s1");
        var stored = await (await admin.GetAsync("/api/municipalities/north/schools/s1/progress/2026-11", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("submitted", (string?)stored["status"]);
        Assert.Equal("Педагогический квест", (string?)stored["sheet"]!["days"]![0]!["formOther"]);
        Assert.Equal(80, (double)stored["sheet"]!["days"]![0]!["sharePercent"]!);
        Assert.Equal("trying", (string?)stored["sheet"]!["teachers"]![0]!["stage"]);
        Assert.Equal("Иванова Мария Петровна", (string?)stored["sheet"]!["teachers"]![1]!["name"]);
        var requestId = (string)stored["sheet"]!["requests"]![0]!["id"]!;

        // 2. The curator, at a desk: the month's summary, the request's shortcut into the school's plan.
        var desk = await DesktopPageAsync();
        await SignInAsync(desk, "Куратор Северный");
        await Menu(desk, "Лист продвижения").ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Листы продвижения за ноябрь 2026" })).ToBeVisibleAsync();
        var table = desk.GetByRole(AriaRole.Region, new() { Name = "Листы продвижения школ за месяц" });
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" })).ToContainTextAsync("отправлен");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Вторая СОШ" })).ToContainTextAsync("лист не отправлен");
        await desk.GetByRole(AriaRole.Link, new() { Name = $"Добавить в план: Первая ООШ, «{RequestTopic}»" }).ClickAsync();

        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Новый пункт плана" })).ToBeVisibleAsync();
        await Expect(desk.GetByText($"Основание: запрос «{RequestTopic}» из листа продвижения за ноябрь 2026")).ToBeVisibleAsync();
        await Expect(desk.GetByLabel("Мероприятие помощи")).ToHaveValueAsync(RequestTopic);
        await desk.GetByLabel("Мероприятие помощи").FillAsync(PlanAction);
        await desk.GetByLabel("Срок выполнения").FillAsync("2026-11-27");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Добавить в план" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status).Filter(new() { HasText = "добавлен в план" })).ToBeVisibleAsync();
        var item = desk.GetByRole(AriaRole.Listitem).Filter(new() { HasText = PlanAction });
        await Expect(item).ToContainTextAsync("Запланировано");
        await Expect(item).ToContainTextAsync("27 ноября 2026");

        var plan = await (await admin.GetAsync("/api/municipalities/north/schools/s1/help-plan", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(requestId, (string?)plan["items"]![0]!["source"]!["requestId"]);

        // The item leads to the sheet, where the curator reads the school's month and comments.
        await item.GetByRole(AriaRole.Link, new() { Name = $"запрос «{RequestTopic}» из листа продвижения за ноябрь 2026" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(desk.GetByRole(AriaRole.Region, new() { Name = "Педагоги" })).ToContainTextAsync("Иванова Мария Петровна");
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Отправить лист продвижения" })).ToHaveCountAsync(0);
        await desk.GetByLabel("Ваш комментарий к листу продвижения").FillAsync(Comment);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Отправить комментарий" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Comment })).ToContainTextAsync("Куратор Северный");

        // 3. The school: the plan read-only, and the comment on its sheet.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await SignInAsync(phone, "Администратор Первой");
        await Menu(phone, "План помощи").ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Первая ООШ" })).ToBeVisibleAsync();
        var seen = phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = PlanAction });
        await Expect(seen).ToContainTextAsync("Запланировано");
        await Expect(seen).ToContainTextAsync("Куратор Северный, куратор");
        await Expect(phone.GetByText("Здесь его можно только посмотреть.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Изменить" })).ToHaveCountAsync(0);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "+ Добавить пункт" })).ToBeHiddenAsync();

        await Menu(phone, "Лист продвижения").ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Comment })).ToContainTextAsync("Куратор Северный");
    }

    private static ILocator Menu(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private async Task<IPage> DesktopPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
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
        return page;
    }

    private static async Task SignInAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
    }
}
