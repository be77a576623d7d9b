using System.Net;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// A subscription module as an item of a teacher's route, on the phone: the school drafts the route and picks a module
/// of its complex route, which fills the item; the coordinator edits the module (its lead's member stays) and records
/// attendance; the teacher's route shows that very item done with the attendance. The coordinator and a curator follow
/// the schools' routes in numbers; a school's administration gets no such overview.
/// </summary>
public sealed class RouteModuleJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Subscription = "/api/municipalities/north/subscription";

    [Fact]
    public async Task TheSchoolPicksAModuleTheCoordinatorRecordsAttendanceAndTheTeachersRouteShowsTheItemDone()
    {
        // The school is in the project; its teacher (with an account) has no route yet; a module is planned for it.
        var admin = app.ClientFor("admin-s1");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/municipalities/north/schools/s1/subscription/applications",
            new { year = "2026-2027", criteria = new[] { "request" }, justification = "Педагоги просят помощи с формирующим оцениванием." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-n").PostJsonAsync($"{Subscription}/applications/2026-2027.s1/answer", new { decision = "agreed" })).StatusCode);
        var staff = await admin.PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Абонементова Мария Ильинична", subjects = new[] { "Математика" }, category = "first", position = "учитель", personId = "teacher-s1" });
        var teacher = (string)(await staff.ReadJsonAsync())["id"]!;
        var created = await app.ClientFor("methodist-n").PostJsonAsync($"{Subscription}/modules", new
        {
            year = "2026-2027", form = "practicum", topic = "Формирующее оценивание на уроке", competence = "methodical", leadKind = "specialist",
            leadName = "Методист Северный", leadMemberId = "methodist-n", hours = 6, startDate = "2026-11-02", endDate = "2026-12-18",
            place = "Первая ООШ, кабинет 12", schools = new[] { "s1" }, needIds = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var module = (string)(await created.ReadJsonAsync())["id"]!;

        // The working group drafts the route by hand and picks the module for its item.
        var page = await SignInAsync("Администратор Первой");
        await page.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Абонементова Мария Ильинична" }).GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Составить вручную" }).ClickAsync();
        await page.GetByLabel("Тьютор (наставник)").FillAsync("Иванова Ольга Петровна");
        var item = page.GetByRole(AriaRole.Group, new() { Name = "Мероприятие 1" });
        await item.GetByLabel("Форма").SelectOptionAsync("subscription");
        var picker = item.GetByLabel("Модуль методического абонемента");
        await Expect(picker.Locator("optgroup[label='Комплексный маршрут школы'] option")).ToContainTextAsync("практикум «Формирующее оценивание на уроке» · 6 ч");
        await picker.SelectOptionAsync(module);
        await Expect(item.GetByLabel("Содержание")).ToHaveValueAsync("Модуль методического абонемента: практикум «Формирующее оценивание на уроке»");
        await Expect(item.GetByLabel("Часы")).ToHaveValueAsync("6");
        await Expect(item.GetByLabel("Начало")).ToHaveValueAsync("2026-11-02");
        await Expect(item.GetByLabel("Окончание")).ToHaveValueAsync("2026-12-18");
        await Expect(item.GetByLabel("Ответственный")).ToHaveValueAsync("Методист Северный");
        await Expect(item.GetByText("Ведущий: Методист Северный; место: Первая ООШ, кабинет 12.", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить маршрут" }).ClickAsync();
        await Expect(page.GetByText("Маршрут сохранён.")).ToBeVisibleAsync();
        var card = page.Locator("article.route-item").Filter(new() { HasText = "Формирующее оценивание на уроке" });
        await Expect(card.GetByText("Модуль методического абонемента: посещение занятия отмечает это мероприятие.")).ToBeVisibleAsync();

        // The coordinator changes the module's place (its lead stays linked) and records the session's attendance.
        var coordinator = await SignInAsync("Координатор Северный");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Методический абонемент" }).ClickAsync();
        var listed = coordinator.GetByRole(AriaRole.Listitem, new() { Name = "Модуль: Формирующее оценивание на уроке" });
        await listed.GetByRole(AriaRole.Button, new() { Name = "Изменить модуль: Формирующее оценивание на уроке" }).ClickAsync();
        await coordinator.GetByLabel("Место проведения").FillAsync("Первая ООШ, актовый зал");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Сохранить модуль" }).ClickAsync();
        listed = coordinator.GetByRole(AriaRole.Listitem, new() { Name = "Модуль: Формирующее оценивание на уроке" });
        await Expect(listed).ToContainTextAsync("Первая ООШ, актовый зал");
        var stored = await (await app.ClientFor("coord-n").GetAsync($"{Subscription}/modules/{module}")).ReadJsonAsync();
        Assert.Equal("methodist-n", (string?)stored["module"]!["leadMemberId"]);

        await listed.GetByRole(AriaRole.Button, new() { Name = "Отметить занятие: Формирующее оценивание на уроке" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Checkbox, new() { Name = "Абонементова Мария Ильинична (Первая ООШ)" }).CheckAsync();
        await coordinator.GetByLabel("Дата занятия").FillAsync("2026-11-14");
        await coordinator.GetByLabel("Короткий отзыв").FillAsync("Разобрали приёмы обратной связи.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Сохранить посещение" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Listitem, new() { Name = "Модуль: Формирующее оценивание на уроке" }))
            .ToContainTextAsync("Абонементова Мария Ильинична — в ИОМ отмечено выполненным");

        // The teacher's route: the same item, done, with the attendance as its evidence; no second item.
        var own = await SignInAsync("Педагог Первой");
        await own.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await own.GetByRole(AriaRole.Link, new() { Name = "Абонементова Мария Ильинична" }).ClickAsync();
        var items = own.Locator("article.route-item");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.Locator(".badge.item-status")).ToHaveTextAsync("выполнено");
        await Expect(items.GetByText("Подтверждение: Посещение 14.11.2026: практикум «Формирующее оценивание на уроке» (методический абонемент)")).ToBeVisibleAsync();

        // The coordinator follows the schools' routes in numbers and opens the school's numbers.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Маршруты (ИОМ) по школам" })).ToBeVisibleAsync();
        var row = coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" });
        var active = (await (await admin.GetAsync("/api/municipalities/north/schools/s1/staff")).ReadJsonAsync())["teachers"]!.AsArray().Count(t => (bool?)t!["active"] != false);
        await Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync([$"{active}", "1", "0", "1 из 1", "0"]);
        await Expect(coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Третья СОШ" })).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("Абонементова")).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Link, new() { Name = "Первая ООШ" }).ClickAsync();
        var numbers = coordinator.GetByRole(AriaRole.Region, new() { Name = "Маршруты школы в числах" });
        await Expect(numbers).ToContainTextAsync("Педагогов с маршрутом: 1");
        await Expect(numbers).ToContainTextAsync("Мероприятий выполнено: 1 из 1");

        // A methodist opens the school's routes with names from the overview.
        var methodist = await SignInAsync("Методист Северный");
        await methodist.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await methodist.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" }).GetByRole(AriaRole.Link, new() { Name = "Первая ООШ" }).ClickAsync();
        await Expect(methodist.GetByRole(AriaRole.Row).Filter(new() { HasText = "Абонементова Мария Ильинична" })).ToContainTextAsync("1 из 1");
        await Expect(methodist.GetByRole(AriaRole.Link, new() { Name = "← Маршруты по школам" })).ToBeVisibleAsync();

        // A curator sees their schools only; a school's administration has no overview.
        var curator = await SignInAsync("Куратор Северный");
        await curator.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await Expect(curator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" })).ToBeVisibleAsync();
        await Expect(curator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Третья СОШ" })).ToHaveCountAsync(0);
        await page.GotoAsync("/#/routes-overview");
        await Expect(page.GetByText("Сводку маршрутов по школам видят методисты, координатор и кураторы", new() { Exact = false })).ToBeVisibleAsync();
    }

    private async Task<IPage> SignInAsync(string name)
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        return page;
    }
}
