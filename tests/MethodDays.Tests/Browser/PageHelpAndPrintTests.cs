using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The shared page header's «Справка» and «Печать», in headless Chromium: the help opens in Russian on the sheet, the
/// month's summary, the practice bank and the week board; the sheet, the month summary and the progress sheet can be
/// printed, and printed pages leave out the menu and the buttons.
/// </summary>
public sealed class PageHelpAndPrintTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task EveryPageHasItsHelpAndTheSheetsPrintWithoutTheMenu()
    {
        // The school admin, on a phone: the sheet.
        var phone = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await phone.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await phone.GotoAsync("/");
        await SignInAsync(phone, "Администратор Первой");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        await ExpectHelpAsync(phone, "Кто заполняет", "75 %");

        var nav = phone.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" });
        var print = phone.GetByRole(AriaRole.Button, new() { Name = "Печать" });
        await Expect(print).ToBeVisibleAsync();
        await Expect(nav).ToBeVisibleAsync();
        await phone.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(nav).Not.ToBeVisibleAsync();
        await Expect(print).Not.ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Справка" })).Not.ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        await phone.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(nav).ToBeVisibleAsync();

        // The progress sheet prints too.
        await phone.GotoAsync("/#/progress/s1");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(print).ToBeVisibleAsync();
        await ExpectHelpAsync(phone, "Этапы педагога");

        // The practice bank.
        await phone.GotoAsync("/#/bank");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Банк практик", Exact = true })).ToBeVisibleAsync();
        await Expect(print).ToHaveCountAsync(0);
        await ExpectHelpAsync(phone, "Муниципальный банк лучших практик", "возвращена на доработку");

        // The coordinator: the month's summary (printable) and the week board.
        var desk = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await desk.SetViewportSizeAsync(1280, 900);
        await desk.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await desk.GotoAsync("/");
        await SignInAsync(desk, "Координатор Северный");
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Печать" })).ToBeVisibleAsync();
        await ExpectHelpAsync(desk, "Сводная таблица листов оценки", "Кто смотрит");
        await desk.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(desk.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" })).Not.ToBeVisibleAsync();
        await desk.EmulateMediaAsync(new() { Media = Media.Screen });

        await desk.GotoAsync("/#/board");
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Неделя");
        await ExpectHelpAsync(desk, "Доска недели ЕМД", "просрочено");
    }

    /// <summary>Opens the page's «Справка», finds the texts in the dialog, closes it.</summary>
    private static async Task ExpectHelpAsync(IPage page, params string[] texts)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Справка" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToContainTextAsync("Справка:");
        foreach (var text in texts)
        {
            await Expect(dialog).ToContainTextAsync(text);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Закрыть" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    private static async Task SignInAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
    }
}
