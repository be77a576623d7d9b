using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// A school's working group runs an entry and a repeat diagnostic on the page, typing per cents into seed 004's table;
/// the means row and the level counts follow; the coordinator sees the school on the heat map without any name.
/// </summary>
public sealed class DiagnosticsJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task TheSchoolTypesTwoTeachersResultsAndTheCoordinatorSeesOnlyTheSchoolsMeans()
    {
        foreach (var name in new[] { "Астахова Нина Петровна", "Белова Ирина Олеговна" })
        {
            var added = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
                new { fullName = name, subjects = new[] { "Математика" }, category = "first", position = "учитель" });
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Диагностика педагогов" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Диагностика профессиональных компетенций" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Диагностик пока нет.", new() { Exact = false })).ToBeVisibleAsync();

        await page.GetByText("Новая диагностика").ClickAsync();
        await page.GetByLabel("Вид").SelectOptionAsync("entry");
        await page.GetByLabel("Дата").FillAsync("2026-10-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Входная 5 октября 2026 г." })).ToBeVisibleAsync();

        var astakhova = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Астахова Нина Петровна" });
        await astakhova.GetByLabel("Астахова Нина Петровна: методическая, входная диагностика, %").FillAsync("40");
        await astakhova.GetByLabel("Астахова Нина Петровна: методическая, входная диагностика, %").PressAsync("Tab");
        await Expect(astakhova.GetByText("Сохранено")).ToBeVisibleAsync();
        var belova = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Белова Ирина Олеговна" });
        await belova.GetByLabel("Белова Ирина Олеговна: методическая, входная диагностика, %").FillAsync("71");
        await belova.GetByLabel("Белова Ирина Олеговна: методическая, входная диагностика, %").PressAsync("Tab");
        await Expect(belova.GetByText("Сохранено")).ToBeVisibleAsync();

        // A per cent outside 0–100 is refused with its reason; nothing is saved.
        await belova.GetByLabel("Белова Ирина Олеговна: цифровая, входная диагностика, %").FillAsync("120");
        await belova.GetByLabel("Белова Ирина Олеговна: цифровая, входная диагностика, %").PressAsync("Tab");
        await Expect(belova.GetByText("Уровень цифровой компетенции — процент от 0 до 100, а не 120.")).ToBeVisibleAsync();

        // The repeat diagnostic, then the same teacher again.
        await page.GetByText("Новая диагностика").ClickAsync();
        await page.GetByLabel("Вид").SelectOptionAsync("repeat");
        await page.GetByLabel("Дата").FillAsync("2026-11-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать" }).ClickAsync();
        await Expect(page.GetByText("Повторная — 10 ноября 2026 г.", new() { Exact = false })).ToBeVisibleAsync();
        astakhova = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Астахова Нина Петровна" });
        await astakhova.GetByLabel("Астахова Нина Петровна: методическая, повторная диагностика, %").FillAsync("77");
        await astakhova.GetByLabel("Астахова Нина Петровна: методическая, повторная диагностика, %").PressAsync("Tab");
        await Expect(astakhova.GetByText("Сохранено")).ToBeVisibleAsync();

        await page.ReloadAsync();
        var means = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ср. показатель" });
        // Methodical: entry (40 + 71) / 2 = 55.5 → 56, repeat 77.
        await Expect(means).ToContainTextAsync("56");
        await Expect(means).ToContainTextAsync("77");
        await Expect(page.GetByText("методическая: низкий → средний — 1 пед.")).ToBeVisibleAsync();

        var coordinator = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await coordinator.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await coordinator.GotoAsync("/");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Диагностика педагогов" }).ClickAsync();
        var first = coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Первая ООШ" });
        await Expect(first).ToContainTextAsync("56 → 77");
        await Expect(coordinator.GetByText("Астахова", new() { Exact = false })).ToHaveCountAsync(0);
    }
}
