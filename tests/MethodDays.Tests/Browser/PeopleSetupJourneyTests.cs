using System.Net;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Staff;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static MethodDays.Tests.People.PeopleImportWorkbook;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Setting up in the browser: the coordinator checks a workbook of schools and people (every bad cell with its reason,
/// nothing stored), fixes it and imports it; a school's administration keeps its staff list — adds, edits, removes
/// to the archive, loads a file — and sees the qualification categories' shares.
/// </summary>
public sealed class PeopleSetupJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A section opened for the first time loads its modules; on a busy test machine that can take more than the usual 5 s.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FirstOpen = new() { Timeout = 30_000 };

    [Fact]
    public async Task CoordinatorChecksAWorkbookSeesEveryBadCellFixesItAndImportsIt()
    {
        var coordinator = app.ClientFor("coord-n");
        var template = await (await coordinator.GetAsync("/api/municipalities/north/people-import/template", TestContext.Current.CancellationToken))
            .Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var bad = Fill(template, [], [["Сидорова Анна Николаевна", "Педагог", "не-почта", "Вторая СОШ"], ["Орлов Пётр Ильич", "Директор", "orlov@s3.example", "Третья СОШ"]]);
        var good = Fill(template, [], [["Сидорова Анна Николаевна", "Педагог", "sidorova@s2.example", "Вторая СОШ"], ["Орлов Пётр Ильич", "Педагог", "orlov@s3.example", "Третья СОШ"]]);

        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = "Люди и школы" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Загрузить школы и людей из Excel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Школы и люди из Excel" })).ToBeVisibleAsync(FirstOpen);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Скачать шаблон" }).ClickAsync());
        Assert.Equal("Школы и люди — шаблон.xlsx", download.SuggestedFilename);

        // A file with two bad rows: each cell and its reason, nothing stored.
        var file = page.GetByLabel("Файл Excel (.xlsx)");
        await file.SetInputFilesAsync(new FilePayload { Name = "люди.xlsx", MimeType = Xlsx, Buffer = bad });
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить файл" }).ClickAsync();
        var errors = page.GetByRole(AriaRole.Alert);
        await Expect(errors).ToContainTextAsync("В файле 2 ошибки: ничего не сохранено");
        await Expect(errors.GetByRole(AriaRole.Row).Filter(new() { HasText = "Люди!C2" })).ToContainTextAsync("записан неверно");
        await Expect(errors.GetByRole(AriaRole.Row).Filter(new() { HasText = "Люди!B3" })).ToContainTextAsync("Неизвестная роль «Директор»");
        Assert.DoesNotContain("sidorova@s2.example", await MembersAsync(coordinator));

        // The fixed file: what would change, still nothing stored; then the import.
        await file.SetInputFilesAsync(new FilePayload { Name = "люди.xlsx", MimeType = Xlsx, Buffer = good });
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить файл" }).ClickAsync();
        var report = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Проверка пройдена" });
        await Expect(report).ToContainTextAsync("Люди: новых 2, изменится 0, без изменений 0. Пока ничего не сохранено.");
        await Expect(report).ToContainTextAsync("Люди, строка 2: Сидорова Анна Николаевна (sidorova-anna-nikolaevna) — будет добавлен(а)");
        Assert.DoesNotContain("sidorova@s2.example", await MembersAsync(coordinator));

        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить в MethodDays" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Файл загружен" })).ToContainTextAsync("Люди: добавлено 2, изменено 0, без изменений 0.");
        Assert.Contains("sidorova@s2.example", await MembersAsync(coordinator));

        await page.GetByRole(AriaRole.Link, new() { Name = "К списку людей и школ" }).ClickAsync();
        await Expect(page.GetByText("Сидорова Анна Николаевна", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Педагоги школы «Вторая СОШ»" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Педагоги школы" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SchoolAdministrationKeepsItsStaffListAndSeesTheCategoryShares()
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Первой" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = "Педагоги школы" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Педагоги школы" })).ToBeVisibleAsync(FirstOpen);
        var shares = page.GetByRole(AriaRole.Region, new() { Name = "Квалификационные категории" });
        await Expect(shares).ToContainTextAsync("В списке пока нет педагогов.");

        // Adding: a wrong e-mail is refused at its field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить педагога" }).ClickAsync();
        await page.GetByLabel("ФИО").FillAsync("Орлова Мария Ивановна");
        await page.GetByLabel("Предметы").FillAsync("математика; информатика");
        await page.GetByLabel("Квалификационная категория").SelectOptionAsync(new SelectOptionValue { Label = "высшая квалификационная категория" });
        await page.GetByLabel("Электронная почта (необязательно)").FillAsync("не-почта");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить педагога" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Адрес электронной почты записан неверно." })).ToBeVisibleAsync();
        await page.GetByLabel("Электронная почта (необязательно)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить педагога" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Орлова Мария Ивановна" }))
            .ToContainTextAsync("математика, информатика · высшая квалификационная категория · учитель");
        await Expect(shares).ToContainTextAsync("100 % высшая");

        // A file with a bad cell is refused whole; the fixed one adds two teachers.
        var file = page.GetByLabel("Файл Excel (.xlsx)");
        await file.SetInputFilesAsync(new FilePayload
        {
            Name = "педагоги.xlsx", MimeType = Xlsx,
            Buffer = StaffFiles.Xlsx([["Зайцев Пётр Олегович", "физика", "первая", "учитель", ""], ["Ким Анна Сергеевна", "история", "вторая", "учитель", ""]]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить файл" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Ячейка C3" })).ToContainTextAsync("Категория «вторая» не распознана.");
        await Expect(page.GetByText("Зайцев Пётр Олегович", new() { Exact = true })).ToHaveCountAsync(0);
        await file.SetInputFilesAsync(new FilePayload
        {
            Name = "педагоги.xlsx", MimeType = Xlsx,
            Buffer = StaffFiles.Xlsx([["Зайцев Пётр Олегович", "физика", "первая", "учитель", ""], ["Ким Анна Сергеевна", "история", "без категории", "учитель", ""]]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить файл" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Файл загружен" })).ToContainTextAsync("строк 2; добавлено 2");
        await Expect(shares).ToContainTextAsync("34 % высшая / 33 % первая / 33 % без категории");

        // Removing goes to the archive after a question; editing changes the shares.
        await page.GetByRole(AriaRole.Button, new() { Name = "Убрать из списка: Зайцев Пётр Олегович" }).ClickAsync();
        var question = page.GetByRole(AriaRole.Group, new() { Name = "Убрать «Зайцев Пётр Олегович» из списка педагогов школы?", Exact = false });
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, убрать" }).ClickAsync();
        await Expect(page.GetByText("В архиве (1)")).ToBeVisibleAsync();
        await Expect(shares).ToContainTextAsync("50 % высшая / 50 % без категории");

        await page.GetByRole(AriaRole.Button, new() { Name = "Изменить: Ким Анна Сергеевна" }).ClickAsync();
        await page.GetByLabel("Квалификационная категория").SelectOptionAsync(new SelectOptionValue { Label = "первая квалификационная категория" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить педагога" }).ClickAsync();
        await Expect(shares).ToContainTextAsync("50 % высшая / 50 % первая");

        var stored = await (await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/schools/s1/staff/summary", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("50 % высшая / 50 % первая", (string?)stored["summary"]!["line"]);
    }

    private static async Task<string> MembersAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/municipalities/north/members", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
