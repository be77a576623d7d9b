using System.Net;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Visits;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// After a «Методический день» whose observers wrote their protocols, the team lead opens the visit, looks at a
/// lesson's protocols, opens the report («справка по итогам»), turns a problem into an item of the school's plan of
/// targeted help, and finds it in the plan with its way back to the report.
/// </summary>
public sealed class VisitReportJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task TheTeamLeadTurnsAProblemOfTheReportIntoAnItemOfTheSchoolsHelpPlan()
    {
        var teacher = await VisitFiles.TeacherAsync(app, "admin-s2", "s2", "Зорина Вера Павловна", "Математика");
        var created = await app.ClientFor("coord-n").PostJsonAsync("/api/municipalities/north/visits", new
        {
            schoolId = "s2", date = "2026-11-13", purpose = "Адресная помощь школе по формирующему оцениванию", directions = new[] { "methodical" },
            team = new object[]
            {
                new { personId = "methodist-n", role = "leader" }, new { personId = "curator-n", role = "observer" }, new { personId = "admin-s3", role = "observer" },
            },
            lessons = new object[]
            {
                new { teacherId = teacher, subject = "Математика", grade = "9Б", number = 2, date = "2026-11-13", start = "09:00", end = "09:40", observers = new[] { "curator-n", "admin-s3" } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await created.ReadJsonAsync();
        var id = (string)visit["id"]!;
        var lesson = (string)visit["lessons"]![0]!["id"]!;
        foreach (var (observer, goal, feedback, problems) in new[] { ("curator-n", "2", "2", "Учащиеся не знают критериев оценивания"), ("admin-s3", "1", "1", "") })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(observer).PutJsonAsync($"/api/municipalities/north/schools/s2/visits/{id}/lessons/{lesson}/observations/{observer}", new
            {
                templateVersion = "2026.1", marks = new Dictionary<string, string?> { ["goal.1"] = goal, ["formative.2"] = feedback }, notes = Array.Empty<object>(),
                strengths = observer == "curator-n" ? "Чёткая постановка цели урока" : "", problems, recommendations = "",
                writtenAt = new DateTimeOffset(2026, 11, 13, 4, 0, 0, TimeSpan.Zero),
            })).StatusCode);
        }

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Методист Северный" }).ClickAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Методист Северный");
        await page.EvaluateAsync("h => { location.hash = h; }", $"#/visit/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Методический день: Вторая СОШ" })).ToBeVisibleAsync();

        // The lesson's protocols, side by side.
        await page.GetByRole(AriaRole.Link, new() { Name = "Протоколы урока" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Протоколы урока" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Columnheader, new() { Name = "Куратор Северный" })).ToBeVisibleAsync();
        await page.GoBackAsync();

        // The report: the lesson, the marks (the mean of two observers with each one's mark), the analyses.
        await page.GetByRole(AriaRole.Link, new() { Name = "Справка по итогам" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Справка по итогам «Методического дня»" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Вторая СОШ · 13 ноября 2026")).ToBeVisibleAsync();
        var grid = page.GetByRole(AriaRole.Table, new() { Name = "Отметки по пунктам протокола и урокам" });
        await Expect(grid.GetByRole(AriaRole.Columnheader, new() { Name = "Зорина Вера Павловна, Математика, 9Б" })).ToBeVisibleAsync();
        await Expect(grid.GetByRole(AriaRole.Row, new() { Name = "Цель урока сформулирована" })).ToContainTextAsync("1,5 (1 и 2)");
        await Expect(grid.GetByRole(AriaRole.Row, new() { Name = "Используются приёмы обратной связи" })).ToContainTextAsync("▼ 1,5 (1 и 2)");
        await Expect(page.GetByText("Зорина Вера Павловна: Чёткая постановка цели урока (Куратор Северный)")).ToBeVisibleAsync();

        // A problem of a protocol becomes an item of the school's plan of targeted help, addressed to the teacher.
        var finding = page.Locator("li.vr-finding").Filter(new() { HasText = "Учащиеся не знают критериев оценивания" });
        await finding.GetByRole(AriaRole.Button, new() { Name = "Сделать пунктом плана адресной помощи" }).ClickAsync();
        await Expect(finding.GetByText("Кому: педагог Зорина Вера Павловна.")).ToBeVisibleAsync();
        await finding.GetByLabel("Мероприятие помощи").FillAsync("Консультация по критериальному оцениванию");
        await finding.GetByLabel("Срок").FillAsync("2026-12-10");
        await finding.GetByRole(AriaRole.Button, new() { Name = "Добавить в план" }).ClickAsync();
        finding = page.Locator("li.vr-finding").Filter(new() { HasText = "Учащиеся не знают критериев оценивания" });
        await Expect(finding.GetByRole(AriaRole.Link, new() { Name = "В плане адресной помощи: Консультация по критериальному оцениванию" })).ToBeVisibleAsync();
        await Expect(finding).ToContainTextAsync("запланировано, срок 10 декабря 2026");
        await Expect(finding.GetByRole(AriaRole.Button, new() { Name = "Сделать пунктом плана адресной помощи" })).ToHaveCountAsync(0);

        // In the school's plan: the item, for whom, and «по итогам посещения» leading back to the report.
        await finding.GetByRole(AriaRole.Link, new() { Name = "В плане адресной помощи: Консультация по критериальному оцениванию" }).ClickAsync();
        var item = page.Locator("li.hp-item").Filter(new() { HasText = "Консультация по критериальному оцениванию" });
        await Expect(item).ToContainTextAsync("Педагог: Зорина Вера Павловна", new() { Timeout = 15_000 });
        await item.GetByRole(AriaRole.Link, new() { Name = "по итогам посещения 13 ноября 2026 г." }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Справка по итогам «Методического дня»" })).ToBeVisibleAsync();
    }
}
