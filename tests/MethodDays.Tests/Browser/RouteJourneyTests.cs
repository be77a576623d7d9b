using System.Net;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// A teacher's individual educational route on the phone: the school's working group drafts it from the entry
/// diagnostic and saves it, the teacher agrees, the administration records the tutor's mark and approves it by order,
/// the teacher marks an item done with a certificate, and the administration sees it done.
/// </summary>
public sealed class RouteJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"u8];

    [Fact]
    public async Task TheSchoolDraftsAndApprovesARouteAndTheTeacherMarksAnItemDoneWithACertificate()
    {
        // The school's diagnostic round, as the diagnostics page would leave it (seed 004's first teacher).
        var admin = app.ClientFor("admin-s1");
        var staff = await admin.PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Маршрутова Елена Викторовна", subjects = new[] { "Математика" }, category = "first", position = "учитель", personId = "teacher-s1" });
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        var teacher = (string)(await staff.ReadJsonAsync())["id"]!;
        var round = await admin.PostJsonAsync("/api/municipalities/north/schools/s1/diagnostics", new { kind = "entry", date = "2026-10-01" });
        var roundId = (string)(await round.ReadJsonAsync())["id"]!;
        var levels = await admin.PutJsonAsync($"/api/municipalities/north/schools/s1/diagnostics/{roundId}/results/{teacher}",
            new { levels = new { subject = 90, methodical = 53, digital = 72, communicative = 71, psychological = 90 } });
        Assert.Equal(HttpStatusCode.Created, levels.StatusCode);
        // The bank has an accepted practice developing the methodical competence (low for this teacher).
        var practice = await PracticeBank.Practices.AcceptedAsync(app, PracticeBank.Practices.Input("Конструктор урока по ФГОС", competences: ["methodical"]));

        // The working group: the teacher has no route yet; the draft proposes an item per low or medium competence.
        var page = await SignInAsync("Администратор Первой");
        await page.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Индивидуальные образовательные маршруты педагогов" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Маршрутова Елена Викторовна" });
        await Expect(row).ToContainTextAsync("нет");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Составить по диагностике" }).ClickAsync();
        await Expect(page.GetByText("Предложено мероприятий: 3", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByLabel("Тьютор (наставник)").FillAsync("Иванова Ольга Петровна");
        // The bank's practice of the methodical competence is offered under its item, and taken as the item's practice.
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Мероприятие 1" });
        await Expect(first.GetByText("Практики банка по этой компетенции")).ToBeVisibleAsync();
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Конструктор урока по ФГОС" })).ToHaveAttributeAsync("href", $"#/practice/{practice}");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Мероприятие 2" }).GetByText("Практики банка по этой компетенции")).ToHaveCountAsync(0);
        await first.GetByRole(AriaRole.Button, new() { Name = "Взять в мероприятие: Конструктор урока по ФГОС" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "Практика мероприятия: Конструктор урока по ФГОС" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Мероприятие 1" }).GetByLabel("Содержание").FillAsync("Курс «Формирующее оценивание на уроке математики», ИПК");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить маршрут" }).ClickAsync();
        await Expect(page.GetByText("Маршрут сохранён.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Маршрутова Елена Викторовна" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Курс «Формирующее оценивание на уроке математики», ИПК" })).ToBeVisibleAsync();
        await Expect(page.Locator("article.route-item").Filter(new() { HasText = "Курс «Формирующее оценивание на уроке математики», ИПК" })
            .GetByRole(AriaRole.Link, new() { Name = "Практика в банке" })).ToHaveAttributeAsync("href", $"#/practice/{practice}");

        // The teacher agrees from their own account.
        var own = await SignInAsync("Педагог Первой");
        await own.GetByRole(AriaRole.Link, new() { Name = "Маршруты (ИОМ)" }).ClickAsync();
        await own.GetByRole(AriaRole.Link, new() { Name = "Маршрутова Елена Викторовна" }).ClickAsync();
        await own.GetByRole(AriaRole.Button, new() { Name = "Согласовать маршрут (педагог)" }).ClickAsync();
        await Expect(own.GetByText("Согласование педагога отмечено.")).ToBeVisibleAsync();

        // The administration records the tutor's mark (the tutor is not in the system) and approves by order.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Отметить согласование тьютора (Иванова Ольга Петровна)" }).ClickAsync();
        await Expect(page.GetByText("Согласование тьютора отмечено.")).ToBeVisibleAsync();
        await page.GetByLabel("Номер приказа").FillAsync("112-о");
        await page.GetByRole(AriaRole.Button, new() { Name = "Утвердить приказом" }).ClickAsync();
        await Expect(page.GetByText("Приказ об утверждении ИОМ от 15.11.2026 № 112-о", new() { Exact = false })).ToBeVisibleAsync();

        // The teacher marks the course done with the certificate.
        await own.ReloadAsync();
        var course = own.Locator("article.route-item").Filter(new() { HasText = "Курс «Формирующее оценивание на уроке математики», ИПК" });
        await course.GetByText("Отметить выполнение").ClickAsync();
        await course.GetByLabel("Состояние").SelectOptionAsync("done");
        await course.GetByLabel("Удостоверение или сертификат").SetInputFilesAsync(new FilePayload { Name = "Удостоверение ИПК.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await course.GetByLabel("Подтверждение (номер удостоверения, где выступал(а))").FillAsync("Удостоверение № 5421");
        await course.GetByRole(AriaRole.Button, new() { Name = "Сохранить отметку" }).ClickAsync();
        await Expect(own.GetByText("Отмечено:", new() { Exact = false })).ToBeVisibleAsync();
        course = own.Locator("article.route-item").Filter(new() { HasText = "Курс «Формирующее оценивание на уроке математики», ИПК" });
        await Expect(course.Locator(".badge.item-status")).ToHaveTextAsync("выполнено");
        await Expect(course.GetByRole(AriaRole.Button, new() { Name = "Удостоверение: Удостоверение ИПК.pdf" })).ToBeVisibleAsync();

        // The administration sees it done: on the route and in the school's list.
        await page.ReloadAsync();
        var seen = page.Locator("article.route-item").Filter(new() { HasText = "Курс «Формирующее оценивание на уроке математики», ИПК" });
        await Expect(seen.GetByText("Подтверждение: Удостоверение № 5421")).ToBeVisibleAsync();
        await Expect(seen.GetByRole(AriaRole.Button, new() { Name = "Удостоверение: Удостоверение ИПК.pdf" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "← Все маршруты школы" }).ClickAsync();
        row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Маршрутова Елена Викторовна" });
        await Expect(row).ToContainTextAsync("утверждён");
        await Expect(row).ToContainTextAsync("1 из 3");
    }

    [Fact]
    public async Task SomeoneSavedFirstTheirVersionIsShownAndTheTypedPlanIsNotLost()
    {
        var admin = app.ClientFor("admin-s1");
        var staff = await admin.PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Конфликтова Анна Игоревна", subjects = new[] { "Физика" }, category = "first", position = "учитель" });
        var teacher = (string)(await staff.ReadJsonAsync())["id"]!;
        var url = $"/api/municipalities/north/schools/s1/routes/{teacher}/2026-27";
        object Plan(string content) => new
        {
            tutorName = "Иванова Ольга Петровна",
            items = new[] { new { id = "i1", competence = "digital", content, form = "seminar", hours = 18, startDate = "2026-10-05", endDate = "2026-12-15", status = "planned" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync(url, Plan("Семинар «Цифровые инструменты»"))).StatusCode);

        var page = await SignInAsync("Администратор Первой");
        await page.GotoAsync($"/#/routes/s1/{teacher}/2026-27");
        await page.GetByRole(AriaRole.Button, new() { Name = "Изменить план маршрута" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Мероприятие 1" }).GetByLabel("Содержание").FillAsync("Семинар «Цифровые инструменты оценивания»");

        // Meanwhile the deputy saves another version.
        var deputy = app.ClientFor("admin-s1b");
        var current = await deputy.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, (await deputy.PutJsonAsync(url, Plan("Семинар «Электронный журнал»"), current.Headers.ETag!.ToString())).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить маршрут" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Маршрут изменил другой человек" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Маршрут уже изменил(а) Заместитель Первой", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Семинар «Электронный журнал»" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Семинар «Цифровые инструменты оценивания» — 18 ч", new() { Exact = false })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Вернуть мой вариант в форму" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Мероприятие 1" }).GetByLabel("Содержание")).ToHaveValueAsync("Семинар «Цифровые инструменты оценивания»");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить маршрут" }).ClickAsync();
        await Expect(page.GetByText("Маршрут сохранён.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Семинар «Цифровые инструменты оценивания»" })).ToBeVisibleAsync();
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
