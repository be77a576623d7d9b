using System.Net;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Visits;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The coordinator opens the candidates list, sees why a school is on it, plans a «Методический день» there with a
/// team and a lesson, and the school's administration sees the visit.
/// </summary>
public sealed class VisitJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task CoordinatorPlansAVisitFromTheCandidatesListAndTheSchoolSeesIt()
    {
        await VisitFiles.TeacherAsync(app, "admin-s2", "s2", "Лебедева Ольга Игоревна", "Математика");
        var results = await app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/results/2026-2027/schools/s2", new
        {
            qualityPercent = 31,
            attainmentPercent = 97,
            exams = new[] { new { exam = "ОГЭ", subject = "Математика", school = 3.1m, municipality = 3.6m, city = 3.7m } },
        });
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Посещения", Exact = true }).ClickAsync();
        // The list reads several weeks of the cycle and months of sheets: a loaded machine may take a while.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Кандидаты на «Методический день»" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Why the school is there: its values beside the thresholds and the municipality's means.
        var s2 = page.GetByRole(AriaRole.Listitem, new() { Name = "Вторая СОШ", Exact = true });
        await Expect(s2).ToContainTextAsync("качество знаний 31 % (порог 40 %)");
        await Expect(s2).ToContainTextAsync("ОГЭ Математика 3,1 (муниципалитет 3,6, город 3,7)");
        await Expect(s2).ToContainTextAsync("Посещений ещё не было.");

        await s2.GetByRole(AriaRole.Link, new() { Name = "Запланировать посещение: Вторая СОШ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Запланировать «Методический день»: Вторая СОШ" })).ToBeVisibleAsync();
        await page.GetByLabel("Дата посещения").FillAsync("2026-12-03");
        await page.GetByLabel("Цель").FillAsync("Адресная помощь школе по подготовке к ОГЭ по математике");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "повышение качества подготовки к ГИА" }).CheckAsync();
        await page.GetByLabel("Участник команды 1").SelectOptionAsync("methodist-n");
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Добавить участника команды" }).ClickAsync();
        await page.GetByLabel("Участник команды 2").SelectOptionAsync("curator-n");
        await page.GetByLabel("Роль участника 2").SelectOptionAsync("observer");
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Добавить урок" }).ClickAsync();
        await page.GetByLabel("Педагог (урок 1)").SelectOptionAsync(new SelectOptionValue { Label = "Лебедева Ольга Игоревна (Математика)" });
        await Expect(page.GetByLabel("Предмет (урок 1)")).ToHaveValueAsync("Математика");
        await page.GetByLabel("Класс (урок 1)").FillAsync("9Б");
        await page.GetByLabel("Номер урока (урок 1)").FillAsync("2");
        await page.GetByLabel("Начало (урок 1)").FillAsync("09:00");
        await page.GetByLabel("Окончание (урок 1)").FillAsync("09:40");
        await page.GetByLabel("Кабинет (урок 1)").FillAsync("21");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Урок 1: наблюдатель Куратор Северный" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить посещение" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Методический день: Вторая СОШ" })).ToBeVisibleAsync();
        await Expect(page.GetByText("3 декабря 2026 · запланировано")).ToBeVisibleAsync();
        await Expect(page.GetByText("В команде 2 чел.: программа «Методического дня» называет команду от 6 до 10 человек.")).ToBeVisibleAsync();
        await Expect(page.GetByText("2-й урок, 09:00–09:40 · Математика, 9Б класс · Лебедева Ольга Игоревна · каб. 21")).ToBeVisibleAsync();
        await Expect(page.GetByText("Наблюдает: Куратор Северный")).ToBeVisibleAsync();

        // The school's administration sees its visit.
        var school = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await school.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await school.GotoAsync("/");
        await school.GetByRole(AriaRole.Button, new() { Name = "Администратор Второй" }).ClickAsync();
        await school.GetByRole(AriaRole.Link, new() { Name = "Посещения", Exact = true }).ClickAsync();
        await school.GetByRole(AriaRole.Link, new() { Name = "3 декабря 2026 — Вторая СОШ" }).ClickAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Методический день: Вторая СОШ" })).ToBeVisibleAsync();
        await Expect(school.GetByText("Лебедева Ольга Игоревна", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Link, new() { Name = "Изменить" })).ToHaveCountAsync(0);
    }
}
