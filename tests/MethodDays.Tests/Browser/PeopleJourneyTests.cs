using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>The coordinator keeps the municipality's people and schools on the page; methodists only read them.</summary>
public sealed class PeopleJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task CoordinatorAddsATeacherAfterFixingTheEmailAndTheMethodistSeesIt()
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Люди и школы" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Люди и школы" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Первая ООШ", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" }).ClickAsync();
        await page.GetByLabel("Код участника").FillAsync("sidorova-an");
        await page.GetByLabel("ФИО").FillAsync("Сидорова Анна Николаевна");
        await page.GetByLabel("Электронная почта").FillAsync("не-почта");
        await page.GetByLabel("Роль").SelectOptionAsync("Teacher");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Вторая СОШ" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить участника" }).ClickAsync();
        await Expect(page.GetByText("Адрес электронной почты записан неверно.")).ToBeVisibleAsync();

        await page.GetByLabel("Электронная почта").FillAsync("sidorova@s2.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить участника" }).ClickAsync();
        await Expect(page.GetByText("Сидорова Анна Николаевна", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("sidorova@s2.example · Вторая СОШ", new() { Exact = false })).ToBeVisibleAsync();

        var members = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/members")).ReadJsonAsync();
        var saved = members.AsArray().Single(m => (string?)m!["personId"] == "sidorova-an")!;
        Assert.Equal("Teacher", (string?)saved["role"]);
        Assert.Equal(["s2"], saved["schoolIds"]!.AsArray().Select(s => (string)s!).ToArray());

        var methodist = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await methodist.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await methodist.GotoAsync("/");
        await methodist.GetByRole(AriaRole.Button, new() { Name = "Методист Северный" }).ClickAsync();
        await methodist.GetByRole(AriaRole.Link, new() { Name = "Люди и школы" }).ClickAsync();
        await Expect(methodist.GetByText("Сидорова Анна Николаевна", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(methodist.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" })).ToHaveCountAsync(0);
    }
}
