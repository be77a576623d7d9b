using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The bank of best practices as people use it, in headless Chromium on a phone-sized screen: a teacher adds a
/// practice with a file, a methodist accepts it, the coordinator finds it and downloads the bank as a zip; refused
/// files show their reasons; an upload cut off by a dropped connection and a reload resumes where it stopped.
/// </summary>
public sealed class PracticeBankJourneyTests(BankBrowserAppFactory app) : BrowserTest, IClassFixture<BankBrowserAppFactory>
{
    private const string Title = "Лист самооценки на уроке математики";
    private const string Week = "2026-W47";
    private const string TopicTitle = "Формирующее оценивание";

    // Uploads and the export take seconds, more while other test classes share the machine.
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 60_000 };

    private readonly List<string> _temporary = [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var path in _temporary)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task TeacherAddsAPracticeWithAFileMethodistAcceptsItCoordinatorDownloadsTheBankAsZip()
    {
        // A topic published for next week, so the practice is filed under its topic in the archive.
        var topic = await app.ClientFor("coord-n").PutJsonAsync($"/api/municipalities/north/weeks/{Week}/topic", new { title = TopicTitle, publish = "Now" });
        Assert.True(topic.IsSuccessStatusCode, await topic.Content.ReadAsStringAsync());

        // Two blocks of the resumable upload (4 MiB + the rest).
        var content = Practices.Pdf((5 * 1024 * 1024) + 1234);
        var pdf = TempFile("сценарий урока.pdf", content);
        var page = await SignedInPageAsync("Педагог Первой");

        await page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Добавить практику" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Новая практика" })).ToBeVisibleAsync();
        // The form says what may be attached and how big before anything is chosen.
        await Expect(page.GetByText("(.pdf) — до 100 МБ")).ToBeVisibleAsync();

        // Saving an empty form: the server's field errors appear under their fields.
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить черновик" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Данные не прошли проверку");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Название практики" })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Выберите предмет из списка.").Last).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Название практики" }).FillAsync(Title);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Описание", Exact = true }).FillAsync(
            "Ученики оценивают свою работу по критериям, которые вырабатывают вместе с учителем. <b>Не разметка</b>");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Вид", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Сценарий урока" });
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Предмет" }).SelectOptionAsync("Математика");
        var grades = page.GetByRole(AriaRole.Group, new() { Name = "Классы" });
        await grades.GetByRole(AriaRole.Checkbox, new() { Name = "5", Exact = true }).CheckAsync();
        await grades.GetByRole(AriaRole.Checkbox, new() { Name = "6", Exact = true }).CheckAsync();
        var competences = page.GetByRole(AriaRole.Group, new() { Name = "Компетенции педагога, которые развивает практика" });
        await competences.GetByRole(AriaRole.Checkbox, new() { Name = "Цифровая", Exact = true }).CheckAsync();
        await competences.GetByRole(AriaRole.Checkbox, new() { Name = "Методическая", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Тема ЕМД" }).SelectOptionAsync(Week);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Авторы" }).FillAsync("Орлова Юлия Владимировна");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить черновик" }).ClickAsync();

        await Expect(page.GetByText("Черновик сохранён.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();
        // Typed markup stays text.
        await Expect(page.GetByText("<b>Не разметка</b>", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("dt:text-is('Развивает компетенции') + dd")).ToHaveTextAsync("методическая, цифровая");
        var practiceId = page.Url.Split("#/practice/")[1];

        await page.GetByLabel("Выбрать файлы").SetInputFilesAsync(pdf);
        await Expect(page.GetByText("Файл «сценарий урока.pdf» загружен и приложен к практике.")).ToBeVisibleAsync(Slow);
        var files = page.GetByRole(AriaRole.Region, new() { Name = "Файлы", Exact = true });
        await Expect(files.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "сценарий урока.pdf" })).ToContainTextAsync("5 МБ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить на рассмотрение" }).ClickAsync();
        await Expect(page.GetByText("Практика отправлена на рассмотрение.")).ToBeVisibleAsync();
        await Expect(page.GetByText("отправлена на рассмотрение", new() { Exact = true })).ToBeVisibleAsync();

        // The methodist finds it waiting and accepts it with a comment.
        await SwitchUserAsync(page, "Методист Северный");
        await page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ждут рассмотрения: 1" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Комментарий автору" }).FillAsync("Берём в сборник по формирующему оцениванию.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Принять в банк" }).ClickAsync();
        await Expect(page.GetByText("Практика принята в банк.")).ToBeVisibleAsync();
        var history = page.GetByRole(AriaRole.Region, new() { Name = "История и комментарии" });
        var accepted = history.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "принял(а) в банк" });
        await Expect(accepted).ToContainTextAsync("Методист Северный");
        await Expect(accepted).ToContainTextAsync("Берём в сборник по формирующему оцениванию.");

        // The coordinator finds it by a word of its title and downloads the search as a zip.
        await SwitchUserAsync(page, "Координатор Северный");
        await page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Поиск по названию, описанию и авторам" }).FillAsync("самооценка");
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Найдено 1 практика")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();

        await page.GetByText("Выгрузка банка в архив (zip)").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Выгрузить по текущим фильтрам" }).ClickAsync();
        // The queued job runs in the background; the page polls it until the download appears.
        var job = page.GetByRole(AriaRole.Group, new() { Name = "Выгрузка: поиск «самооценка»" });
        var download = job.GetByRole(AriaRole.Button, new() { NameRegex = new("^Скачать архив") });
        await Expect(download).ToBeVisibleAsync(Slow);
        await Expect(job).ToContainTextAsync("Архив готов: 1 практика");

        var saved = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        // Named for people: the municipality and the day it was made there (15 November in Omsk), not codes.
        Assert.Equal("Банк практик — Северный муниципальный район — 15 ноября 2026.zip", saved.SuggestedFilename);
        var zipPath = Path.Combine(Path.GetTempPath(), $"{app.Prefix}-bank.zip");
        _temporary.Add(zipPath);
        await saved.SaveAsAsync(zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        var folder = $"Неделя 16–22 ноября 2026 — {TopicTitle}/0001 {Title}";
        var entry = zip.GetEntry($"{folder}/сценарий урока.pdf");
        Assert.True(entry is not null, string.Join(" | ", zip.Entries.Select(e => e.FullName)));
        using (var stream = entry.Open())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
            Assert.Equal(content, copy.ToArray());
        }

        var cells = Catalogue(zip);
        Assert.Equal("Банк лучших практик — Северный муниципальный район", cells["A1"]);
        Assert.Equal("Название", cells["C2"]);
        Assert.Equal("1", cells["A3"]);
        Assert.Equal(TopicTitle, cells["B3"]);
        Assert.Equal(Title, cells["C3"]);
        Assert.Equal("сценарий урока", cells["D3"]);
        Assert.Equal("Математика", cells["E3"]);
        Assert.Equal("5, 6", cells["F3"]);
        Assert.Equal("Орлова Юлия Владимировна", cells["G3"]);
        Assert.Equal("Первая ООШ", cells["H3"]);
        Assert.Equal("2026/2027", cells["I3"]);
        Assert.Equal($"{folder}/сценарий урока.pdf", cells["L3"]);
        Assert.DoesNotContain("A4", cells.Keys);

        var stored = await (await app.ClientFor("teacher-s1").GetAsync($"{Practices.Base}/{practiceId}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("Accepted", (string?)stored["state"]);
    }

    [Fact]
    public async Task RefusedFilesShowTheirReasonsOnThePage()
    {
        var id = await Practices.CreateAsync(app.ClientFor("teacher-s1"), Practices.Input(title: "Практика с неподходящими файлами"));
        var page = await SignedInPageAsync("Педагог Первой");
        await page.GotoAsync($"/#/practice/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Практика с неподходящими файлами" })).ToBeVisibleAsync();

        // An executable renamed to .pdf (refused by its first bytes), a picture named .pdf, and an archive (refused before sending).
        await page.GetByLabel("Выбрать файлы").SetInputFilesAsync(
        [
            TempFile("программа.pdf", Practices.Exe()),
            TempFile("не тот формат.pdf", Practices.Png(10_000)),
            TempFile("материалы.zip", Practices.Zip(("a.txt", "текст"))),
        ]);

        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Файлы", Exact = true }).GetByRole(AriaRole.Listitem);
        await Expect(rows.Filter(new() { HasText = "программа.pdf" }).GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Это исполняемый файл или скрипт: такие файлы в банк практик не принимаются.");
        await Expect(rows.Filter(new() { HasText = "не тот формат.pdf" }).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("Содержимое файла не соответствует расширению «.pdf»");
        await Expect(rows.Filter(new() { HasText = "материалы.zip" }).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("Файлы «.zip» не принимаются. Можно: документы");

        var stored = await (await app.ClientFor("teacher-s1").GetAsync($"{Practices.Base}/{id}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Empty(stored["files"]!.AsArray());
    }

    [Fact]
    public async Task AnUploadCutOffByADroppedConnectionAndAReloadResumesFromTheBlocksTheServerHas()
    {
        var id = await Practices.CreateAsync(app.ClientFor("teacher-s1"), Practices.Input(title: "Видеоурок по геометрии", kind: "VideoLesson"));
        // 10 MiB: blocks of 4, 4 and 2 MiB.
        var video = Practices.Mp4(10 * 1024 * 1024);
        var path = TempFile("видеоурок.mp4", video);
        var page = await SignedInPageAsync("Педагог Первой");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "leave the page while uploading?"

        // The connection drops whenever block 1 is on its way; the blocks that reach the server are counted.
        var arrived = new List<int>();
        page.RequestFinished += (_, request) =>
        {
            if (request.Method == "PUT" && request.Url.Contains("/blocks/", StringComparison.Ordinal))
            {
                lock (arrived)
                {
                    arrived.Add(int.Parse(request.Url.Split("/blocks/")[1], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        };
        await page.RouteAsync("**/uploads/*/blocks/1", route => route.AbortAsync("connectionreset"));

        await page.GotoAsync($"/#/practice/{id}");
        await page.GetByLabel("Выбрать файлы").SetInputFilesAsync(path);
        var row = page.GetByRole(AriaRole.Region, new() { Name = "Файлы", Exact = true }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "видеоурок.mp4" });
        await Expect(row.GetByRole(AriaRole.Status)).ToContainTextAsync("Повторим через", new() { Timeout = Slow.Timeout });
        await Expect(row).ToContainTextAsync("40 % · 4,0 из 10,0 МБ");
        await Expect(row.GetByRole(AriaRole.Progressbar, new() { Name = "Загрузка файла «видеоурок.mp4»" })).ToBeVisibleAsync();

        // The person reloads; the page remembers the upload and asks the server how far it got.
        await page.ReloadAsync();
        await Expect(page.GetByText("Загрузка файла «видеоурок.mp4» остановилась на 40 % (4,0 из 10,0 МБ).")).ToBeVisibleAsync(Slow);

        // The connection is back; the same file is chosen again.
        await page.UnrouteAllAsync();
        await page.GetByLabel("Выбрать файлы").SetInputFilesAsync(path);
        await Expect(page.GetByText("Файл «видеоурок.mp4» загружен и приложен к практике.")).ToBeVisibleAsync(Slow);
        lock (arrived)
        {
            Assert.Equal([0, 1, 2], arrived);
        }

        // What the server stored is the file, byte for byte.
        var teacher = app.ClientFor("teacher-s1");
        var stored = await (await teacher.GetAsync($"{Practices.Base}/{id}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var fileId = (string)stored["files"]![0]!["id"]!;
        var bytes = await teacher.GetByteArrayAsync($"{Practices.Base}/{id}/files/{fileId}", TestContext.Current.CancellationToken);
        Assert.Equal(video, bytes);
    }

    private async Task<IPage> SignedInPageAsync(string person)
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        // The browser's "today" agrees with the server's fake clock.
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    private static async Task SwitchUserAsync(IPage page, string person)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>A file on disk, as a person picks it (its modification time stays put between two picks).</summary>
    private string TempFile(string name, byte[] content)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{app.Prefix}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        _temporary.Add(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Every cell of catalogue.xlsx's sheet by reference ("C3" → the practice's title).</summary>
    private static Dictionary<string, string> Catalogue(ZipArchive zip)
    {
        using var entry = zip.GetEntry("catalogue.xlsx")!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        copy.Position = 0;
        using var document = SpreadsheetDocument.Open(copy, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Каталог");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
    }

    /// <summary>
    /// What the bank's list shows each person, on an app of its own so the counts do not depend on the journeys above:
    /// the methodist's bank counts accepted practices only (the queue is one tap away), and a teacher's school filter
    /// offers every school whose practices they see.
    /// </summary>
    public sealed class WhatTheListShows(BankBrowserAppFactory app) : BrowserTest, IClassFixture<BankBrowserAppFactory>
    {
        [Fact]
        public async Task MethodistsBankCountsAcceptedPracticesAndTeachersSchoolFilterOffersTheOtherSchools()
        {
            await Practices.AcceptedAsync(app, Practices.Input(title: "Практика Первой школы"));
            await Practices.AcceptedAsync(app, Practices.Input(title: "Практика Второй школы"), author: "admin-s2");
            await Practices.AcceptedAsync(app, Practices.Input(title: "Практика Третьей школы"), author: "admin-s3");
            var teacher = app.ClientFor("teacher-s1");
            var sent = await Practices.CreateAsync(teacher, Practices.Input(title: "Ждёт рассмотрения"));
            await Practices.SubmitAsync(teacher, sent);
            await Practices.CreateAsync(teacher, Practices.Input(title: "Черновик педагога"));

            var page = await SignedInPageAsync("Методист Северный");
            await page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Найдено 3 практики")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Черновик педагога" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ждёт рассмотрения" })).ToHaveCountAsync(0);

            // The review queue: the button and the state filter lead to the same list.
            await page.GetByRole(AriaRole.Button, new() { Name = "Ждут рассмотрения: 1" }).ClickAsync();
            await Expect(page.GetByText("Найдено 1 практика")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ждёт рассмотрения" })).ToBeVisibleAsync();
            await OpenFiltersAsync(page);
            await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Состояние" })).ToHaveValueAsync("Review");

            // The teacher sees the whole bank, and can narrow it to another school.
            await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Педагог Первой" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Найдено 3 практики")).ToBeVisibleAsync();
            await OpenFiltersAsync(page);
            var school = page.GetByRole(AriaRole.Combobox, new() { Name = "Школа" });
            await Expect(school.Locator("option")).ToHaveTextAsync(["все", "Вторая СОШ", "Первая ООШ", "Третья СОШ"]);
            await school.SelectOptionAsync(new SelectOptionValue { Label = "Вторая СОШ" });
            await Expect(page.GetByText("Найдено 1 практика")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Практика Второй школы" })).ToBeVisibleAsync();
        }

        private async Task<IPage> SignedInPageAsync(string person)
        {
            var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
            await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Банк практик", Exact = true })).ToBeVisibleAsync();
            return page;
        }

        /// <summary>On a phone the filters are folded under their summary.</summary>
        private static async Task OpenFiltersAsync(IPage page)
        {
            var filters = page.Locator("details.filters");
            if (await filters.GetAttributeAsync("open") is null)
            {
                await filters.Locator("summary").ClickAsync();
            }
        }
    }
}
