using System.Net;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Seed 002 on the page: the school applies to the methodical subscription and enters a teacher's request; the
/// coordinator agrees the application, plans a module from the grouped requests, is refused attendance for a session
/// that has not happened, records the one that has; the teacher's route shows the attended module and the school sees
/// who came.
/// </summary>
public sealed class SubscriptionJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task TheCoordinatorAgreesPlansAModuleFromRequestsRecordsAttendanceAndTheTeachersRouteShowsIt()
    {
        var added = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Маршрутова Анна Сергеевна", subjects = new[] { "Математика" }, category = "first", position = "учитель" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var teacher = (string)(await added.ReadJsonAsync())["id"]!;
        var route = $"/api/municipalities/north/schools/s1/routes/{teacher}/2026-27";
        Assert.Equal(HttpStatusCode.Created, (await app.ClientFor("admin-s1").PutJsonAsync(route, new
        {
            tutorName = "Смирнова О. В.",
            items = new[] { new { competence = "digital", content = "Курс «Цифровая образовательная среда»", form = "course", hours = 36, startDate = "2026-10-05", endDate = "2026-12-15", status = "planned" } },
        })).StatusCode);

        // The school applies and enters its teacher's request.
        var school = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await school.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await school.GotoAsync("/");
        await school.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await school.GetByRole(AriaRole.Link, new() { Name = "Методический абонемент" }).ClickAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Заявка на включение в проект" })).ToBeVisibleAsync();
        await school.GetByRole(AriaRole.Checkbox, new() { Name = "по заявке ОО" }).CheckAsync();
        await school.GetByRole(AriaRole.Checkbox, new() { Name = "итоги всероссийских проверочных работ", Exact = false }).CheckAsync();
        await school.GetByLabel("Обоснование: дефициты и результаты школы").FillAsync("Итоги ВПР по математике ниже муниципальных; педагоги просят помощи с оцениванием.");
        await school.GetByRole(AriaRole.Button, new() { Name = "Подать заявку" }).ClickAsync();
        await Expect(school.GetByText("на рассмотрении")).ToBeVisibleAsync();

        await school.GetByLabel("Педагог (тьюторант)").SelectOptionAsync(new SelectOptionValue { Label = "Маршрутова Анна Сергеевна" });
        await school.GetByLabel("Тема: что нужно освоить").FillAsync("Формирующее оценивание");
        await school.GetByLabel("Компетенция").SelectOptionAsync("methodical");
        await school.GetByLabel("Предмет").FillAsync("Математика");
        await school.GetByLabel("Желаемая форма").SelectOptionAsync("practicum");
        await school.GetByRole(AriaRole.Button, new() { Name = "Добавить запрос" }).ClickAsync();
        await Expect(school.GetByText("«Формирующее оценивание» — Маршрутова Анна Сергеевна", new() { Exact = false })).ToBeVisibleAsync();

        // The coordinator agrees and plans a module from the topic's requests.
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Методический абонемент" }).ClickAsync();
        var application = page.GetByRole(AriaRole.Listitem, new() { Name = "Заявка: Первая ООШ" });
        await Expect(application).ToContainTextAsync("по результатам независимой оценки качества обучения в ОО (итоги всероссийских проверочных работ)");
        await application.GetByRole(AriaRole.Button, new() { Name = "Согласовать" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem, new() { Name = "Заявка: Первая ООШ" })).ToContainTextAsync("согласована");

        var topic = page.GetByRole(AriaRole.Listitem, new() { Name = "Тема: Формирующее оценивание" });
        await Expect(topic).ToContainTextAsync("1 запрос, 1 школа; методическая");
        await topic.GetByRole(AriaRole.Button, new() { Name = "Запланировать модуль по теме «Формирующее оценивание»" }).ClickAsync();
        await Expect(page.GetByLabel("Тема модуля")).ToHaveValueAsync("Формирующее оценивание");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Первая ООШ", Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "«Формирующее оценивание» — Маршрутова Анна Сергеевна (Первая ООШ)" })).ToBeCheckedAsync();
        await page.GetByLabel("Ведущий", new() { Exact = true }).SelectOptionAsync("tutor");
        await page.GetByLabel("ФИО ведущего").FillAsync("Смирнова О. В.");
        await page.GetByLabel("Часов").FillAsync("6");
        await page.GetByLabel("Начало").FillAsync("2026-11-02");
        await page.GetByLabel("Окончание").FillAsync("2026-12-18");
        await page.GetByLabel("Место проведения").FillAsync("Первая ООШ, кабинет 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Запланировать", Exact = true }).ClickAsync();
        var module = page.GetByRole(AriaRole.Listitem, new() { Name = "Модуль: Формирующее оценивание" });
        await Expect(module).ToContainTextAsync("практикум: «Формирующее оценивание»");
        await Expect(module).ToContainTextAsync("муниципальный тьютор: Смирнова О. В.");

        // Attendance: a session that has not happened is refused; the one that has is recorded and marks the route.
        await module.GetByRole(AriaRole.Button, new() { Name = "Отметить занятие: Формирующее оценивание" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Маршрутова Анна Сергеевна (Первая ООШ)" }).CheckAsync();
        await page.GetByLabel("Дата занятия").FillAsync("2026-11-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить посещение" }).ClickAsync();
        await Expect(page.GetByText("Занятие 20 ноября 2026 ещё не прошло (сегодня 15 ноября 2026 по времени муниципалитета)", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText("Дата занятия ещё не наступила.")).ToBeVisibleAsync();
        await page.GetByLabel("Дата занятия").FillAsync("2026-11-14");
        await page.GetByLabel("Короткий отзыв").FillAsync("Разобрали приёмы обратной связи.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить посещение" }).ClickAsync();
        module = page.GetByRole(AriaRole.Listitem, new() { Name = "Модуль: Формирующее оценивание" });
        await Expect(module).ToContainTextAsync("Маршрутова Анна Сергеевна — добавлено в ИОМ как выполненное");
        await Expect(page.GetByText("3) Модулей проведено: 1 из 1 запланированных.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Проведено модулей по формам" })).ToContainTextAsync("практикум");

        // The teacher's route (the routes data) holds the attended module, done; the school sees who came.
        var items = (await (await app.ClientFor("admin-s1").GetAsync(route)).ReadJsonAsync())["items"]!.AsArray();
        var attended = Assert.Single(items, i => (string?)i!["form"] == "subscription")!;
        Assert.Equal("done", (string?)attended["status"]);
        Assert.Equal("Модуль методического абонемента: практикум «Формирующее оценивание»", (string?)attended["content"]);
        await school.ReloadAsync();
        var onRoute = school.GetByRole(AriaRole.Listitem, new() { Name = "Модуль: Формирующее оценивание" });
        await Expect(onRoute).ToContainTextAsync("Занятие 14 ноября 2026 г.: Маршрутова Анна Сергеевна.");
        await onRoute.Page.GetByRole(AriaRole.Button, new() { Name = "Согласовать маршрут" }).ClickAsync();
        await Expect(school.GetByText("Маршрут согласовал(а) Администратор Первой.")).ToBeVisibleAsync();
    }
}
