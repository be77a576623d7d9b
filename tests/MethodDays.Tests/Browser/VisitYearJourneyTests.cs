using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Visits;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>The coordinator opens the school year's figures from the visits list, sees them with the charts and downloads the .xlsx.</summary>
public sealed class VisitYearJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task CoordinatorSeesTheYearsFiguresAndDownloadsThem()
    {
        await VisitYearSeed.SeedAsync(app);
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Посещения", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Итоги учебного года" }).ClickAsync(new() { Timeout = 30_000 });

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Итоги учебного года", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("2025/2026 учебный год: с 01.09.2025 по 31.08.2026")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("year-lead")).ToHaveTextAsync("Посещено 4 урока в 2 школах, в том числе 2 ШНОР (1 вышла из списка, 1 ещё в списке).");
        var totals = page.Locator(".figures");
        await Expect(totals).ToContainTextAsync("из них повторных1");
        await Expect(totals).ToContainTextAsync("Пунктов помощи выполнено1 из 3");
        await Expect(totals).ToContainTextAsync("Пунктов помощи просрочено2");

        // The charts: lessons by month (September: 2), and a school's mean mark from its first visit to its last.
        var months = page.GetByRole(AriaRole.List, new() { Name = "Уроков посещено по месяцам" });
        await Expect(months.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(12);
        await Expect(months.GetByRole(AriaRole.Listitem).First).ToHaveTextAsync("сентябрь2");
        var marks = page.GetByRole(AriaRole.List, new() { Name = "Средний балл протоколов: первое и последнее посещение" });
        await Expect(marks).ToContainTextAsync("Первая ООШ: первое50");
        await Expect(marks).ToContainTextAsync("Первая ООШ: последнее83.3");
        var first = page.GetByRole(AriaRole.Row, new() { Name = "Первая ООШ" });
        await Expect(first).ToContainTextAsync("вышла из списка");
        await Expect(first).ToContainTextAsync("50 % → 83,3 % (+33,3)");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Скачать .xlsx" }).ClickAsync());
        Assert.Equal("Итоги посещений 2025-2026.xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var document = SpreadsheetDocument.Open(path, false);
        var wb = document.WorkbookPart!;
        var sheet = (WorksheetPart)wb.GetPartById(wb.Workbook.Descendants<Sheet>().First(s => s.Name == "Итоги").Id!);
        var b3 = sheet.Worksheet.Descendants<Cell>().Single(c => c.CellReference == "B3");
        Assert.Equal("3", b3.CellValue?.Text);
    }
}
