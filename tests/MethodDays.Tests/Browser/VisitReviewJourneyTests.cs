using MethodDays.Features.Visits;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.Visits;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// The review of a «Методический день» on a phone: the school's administration uploads an order before the visit, the
/// team's document expert marks it «частично соответствует», writes a finding of «внутришкольный контроль» and an
/// agreement of the interview, and the day after the visit the school's administration reads them. A large scan goes up in
/// blocks with its progress shown and continues by itself after the line drops.
/// </summary>
public sealed class VisitReviewJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private async Task<IPage> SignInAsync(string name, bool intercepted = false)
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress, blockServiceWorkers: intercepted);
        await page.Clock.SetFixedTimeAsync(app.Clock.GetUtcNow().UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync(name);
        return page;
    }

    [Fact]
    public async Task TheSchoolUploadsTheExpertJudgesAndTheSchoolReadsTheFindingsAfterTheVisit()
    {
        var visit = await VisitReviews.PlanAsync(app, date: "2026-11-25");

        // Before the visit: the school sees what it is asked to provide, and uploads an order.
        var school = await SignInAsync("Администратор Второй");
        await school.GetByRole(AriaRole.Link, new() { Name = "Посещения", Exact = true }).ClickAsync();
        await school.GetByRole(AriaRole.Link, new() { Name = "25 ноября 2026 — Вторая СОШ" }).ClickAsync();
        await school.GetByRole(AriaRole.Link, new() { Name = "Экспертиза документов, анализ направлений и собеседование" }).ClickAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Экспертиза и собеседование: Вторая СОШ" })).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Положение о проведении промежуточной аттестации и текущего контроля" })).ToBeVisibleAsync();
        await Expect(school.GetByText("станут видны с 26 ноября 2026", new() { Exact = false })).ToBeVisibleAsync();
        var orders = school.GetByRole(AriaRole.Listitem, new() { Name = "Приказы", Exact = true });
        await Expect(orders).ToContainTextAsync("Не предоставлен");
        await school.GetByLabel("Загрузить файл: Приказы").SetInputFilesAsync(new FilePayload { Name = "Приказ о ВШК.pdf", MimeType = "application/pdf", Buffer = VisitReviews.Pdf("Приказ") });
        await Expect(orders.GetByText("Файл «Приказ о ВШК.pdf» загружен.")).ToBeVisibleAsync();
        await Expect(orders).ToContainTextAsync("Предоставлен");
        await Expect(orders.GetByRole(AriaRole.Button, new() { Name = "Приказ о ВШК.pdf", Exact = false }).First).ToBeVisibleAsync();
        // A file that is not a document is refused with a reason.
        await school.GetByLabel("Загрузить файл: Дорожные карты").SetInputFilesAsync(new FilePayload { Name = "карта.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0 program"u8.ToArray() });
        await Expect(school.GetByRole(AriaRole.Listitem, new() { Name = "Дорожные карты", Exact = true })).ToContainTextAsync("исполняемый файл");

        // On the day: the document expert of the team.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero));
        var expert = await SignInAsync("Администратор Третьей");
        await expert.EvaluateAsync("h => { location.hash = h; }", $"#/visit/{visit}/review");
        await Expect(expert.GetByRole(AriaRole.Heading, new() { Name = "Экспертиза и собеседование: Вторая СОШ" })).ToBeVisibleAsync();
        await expert.GetByLabel("Заключение: Приказы").SelectOptionAsync(new SelectOptionValue { Label = "частично соответствует" });
        await expert.GetByLabel("Замечания: Приказы").FillAsync("Нет приказа об итогах ВШК за первую четверть.");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Сохранить заключение: Приказы" }).ClickAsync();
        await Expect(expert.GetByRole(AriaRole.Listitem, new() { Name = "Приказы", Exact = true }).GetByText("Сохранено.")).ToBeVisibleAsync();
        await expert.GetByLabel("Проблемы: внутришкольный контроль").FillAsync("Уроки математики не посещались с сентября.");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Сохранить: внутришкольный контроль" }).ClickAsync();
        await Expect(expert.GetByText("Сохранено.")).ToHaveCountAsync(2);
        await expert.GetByLabel("Участники собеседования").FillAsync("Директор, заместитель директора по УВР");
        await expert.GetByRole(AriaRole.Checkbox, new() { Name = "внутришкольный контроль" }).CheckAsync();
        await expert.GetByLabel("Договорённости (каждая с новой строки)").FillAsync("Включить уроки математики в план ВШК до 1 декабря");
        await expert.GetByRole(AriaRole.Button, new() { Name = "Сохранить собеседование" }).ClickAsync();
        await Expect(expert.GetByText("Сохранено.")).ToHaveCountAsync(3);

        // The day after: the school reads the verdict, the finding and the agreement.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero));
        await school.ReloadAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Анализ направлений деятельности школы" })).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Listitem, new() { Name = "Приказы", Exact = true })).ToContainTextAsync("Заключение: частично соответствует");
        await Expect(school.GetByText("Замечания: Нет приказа об итогах ВШК за первую четверть.")).ToBeVisibleAsync();
        await Expect(school.GetByText("Проблемы: Уроки математики не посещались с сентября.")).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Включить уроки математики в план ВШК до 1 декабря" })).ToBeVisibleAsync();
        await Expect(school.GetByLabel("Заключение: Приказы")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheTeamInvitesATeachersExperienceAndThePracticeSheSubmitsShowsOnTheVisit()
    {
        var visit = await VisitReviews.PlanAsync(app, school: "s1", date: "2026-11-27");
        var staff = await app.ClientFor("admin-s1").PostJsonAsync("/api/municipalities/north/schools/s1/staff",
            new { fullName = "Орлова Юлия Владимировна", subjects = new[] { "Математика" }, category = "first", position = "учитель", personId = "teacher-s1" });
        Assert.Equal(System.Net.HttpStatusCode.Created, staff.StatusCode);

        var methodist = await SignInAsync("Методист Северный");
        await methodist.EvaluateAsync("h => { location.hash = h; }", $"#/visit/{visit}/review");
        await Expect(methodist.GetByRole(AriaRole.Heading, new() { Name = "Опыт, достойный распространения" })).ToBeVisibleAsync();
        await methodist.GetByLabel("Педагог", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Орлова Юлия Владимировна" });
        await methodist.GetByLabel("Описание опыта").FillAsync("Лист самооценки на уроках математики в 5–6 классах");
        await methodist.GetByRole(AriaRole.Button, new() { Name = "Добавить опыт" }).ClickAsync();
        await methodist.GetByRole(AriaRole.Button, new() { Name = "Пригласить в банк практик: Орлова Юлия Владимировна" }).ClickAsync();
        await Expect(methodist.GetByText("Приглашение в банк практик отправлено", new() { Exact = false })).ToBeVisibleAsync();
        var item = (await app.Service<VisitReviewStore>().GetAsync("north", visit, CancellationToken.None)).Experience.Single();

        // The teacher follows the notice's link to the bank's form and saves her practice.
        var teacher = await SignInAsync("Педагог Первой");
        await teacher.EvaluateAsync("h => { location.hash = h; }", $"#/practice/new?invitation={visit}.{item.Id}");
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Новая практика" })).ToBeVisibleAsync();
        await teacher.GetByRole(AriaRole.Textbox, new() { Name = "Название практики" }).FillAsync("Лист самооценки на уроке математики");
        await teacher.GetByRole(AriaRole.Textbox, new() { Name = "Описание", Exact = true }).FillAsync("Ученики оценивают свою работу по критериям, выработанным вместе с учителем.");
        await teacher.GetByRole(AriaRole.Combobox, new() { Name = "Вид", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Сценарий урока" });
        await teacher.GetByRole(AriaRole.Combobox, new() { Name = "Предмет" }).SelectOptionAsync("Математика");
        await teacher.GetByRole(AriaRole.Group, new() { Name = "Классы" }).GetByRole(AriaRole.Checkbox, new() { Name = "5", Exact = true }).CheckAsync();
        await teacher.GetByRole(AriaRole.Textbox, new() { Name = "Авторы" }).FillAsync("Орлова Юлия Владимировна");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Сохранить черновик" }).ClickAsync();
        await Expect(teacher.GetByText("Черновик сохранён.")).ToBeVisibleAsync();

        await methodist.ReloadAsync();
        await Expect(methodist.GetByRole(AriaRole.Link, new() { Name = "Практика в банке: «Лист самооценки на уроке математики»" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AFindingWrittenOverKeepsItsEarlierTextInTheHistory()
    {
        var visit = await VisitReviews.PlanAsync(app, date: "2026-12-01");
        var first = await app.ClientFor("curator-n").PutJsonAsync($"{VisitReviews.Review(visit)}/directions/control",
            new { strengths = "", problems = "Уроки математики не посещались с сентября." });
        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);

        var methodist = await SignInAsync("Методист Северный");
        await methodist.EvaluateAsync("h => { location.hash = h; }", $"#/visit/{visit}/review");
        var history = methodist.GetByRole(AriaRole.Region, new() { Name = "История изменений" });
        await Expect(history.GetByText("Пока ничего не переписывали.")).ToBeVisibleAsync();
        await methodist.GetByLabel("Проблемы: внутришкольный контроль").FillAsync("Уроки математики посещены в октябре, анализ не проведён.");
        await methodist.GetByRole(AriaRole.Button, new() { Name = "Сохранить: внутришкольный контроль" }).ClickAsync();
        await Expect(methodist.GetByText("Сохранено.")).ToBeVisibleAsync();

        // The panel shows who wrote the earlier text and who replaced it; the form holds the new one.
        await Expect(history.GetByRole(AriaRole.Heading, new() { Name = "Анализ направления «внутришкольный контроль»" })).ToBeVisibleAsync();
        await Expect(history.GetByText("Проблемы: Уроки математики не посещались с сентября.")).ToBeVisibleAsync();
        await Expect(history.GetByText("Написал(а) Куратор Северный", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(history.GetByText("заменил(а) Методист Северный", new() { Exact = false })).ToBeVisibleAsync();
        await methodist.ReloadAsync();
        await Expect(methodist.GetByLabel("Проблемы: внутришкольный контроль")).ToHaveValueAsync("Уроки математики посещены в октябре, анализ не проведён.");
        await Expect(history.GetByText("Проблемы: Уроки математики не посещались с сентября.")).ToBeVisibleAsync();

        // The school's administration reads the review as it stands, without the earlier texts.
        var school = await SignInAsync("Администратор Второй");
        await school.EvaluateAsync("h => { location.hash = h; }", $"#/visit/{visit}/review");
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Экспертиза и собеседование: Вторая СОШ" })).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "История изменений" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ALargeScanGoesUpInBlocksShowsItsProgressAndContinuesAfterTheLineDrops()
    {
        var visit = await VisitReviews.PlanAsync(app, date: "2026-12-09");
        var school = await SignInAsync("Администратор Второй", intercepted: true);
        school.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var arrived = new List<int>();
        school.RequestFinished += (_, request) =>
        {
            if (request.Method == "PUT" && request.Url.Contains("/blocks/", StringComparison.Ordinal))
            {
                lock (arrived)
                {
                    arrived.Add(int.Parse(request.Url.Split("/blocks/")[1], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        };
        // The line drops whenever the second block is on its way.
        await school.RouteAsync("**/uploads/*/blocks/1", route => route.AbortAsync("connectionreset"));
        await school.EvaluateAsync("h => { location.hash = h; }", $"#/visit/{visit}/review");
        var protocols = school.GetByRole(AriaRole.Listitem, new() { Name = "Протоколы педагогических советов", Exact = true });
        await Expect(protocols).ToContainTextAsync("Не предоставлен");

        // 5 MiB: a block of 4 and one of 1.
        var scan = Practices.Pdf(5 * 1024 * 1024);
        await school.GetByLabel("Загрузить файл: Протоколы педагогических советов").SetInputFilesAsync(
            new FilePayload { Name = "Протоколы педсоветов.pdf", MimeType = "application/pdf", Buffer = scan });
        var row = protocols.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Протоколы педсоветов.pdf" });
        await Expect(row.GetByRole(AriaRole.Status)).ToContainTextAsync("Повторим через", new() { Timeout = 60_000 });
        await Expect(row).ToContainTextAsync("80 % · 4,0 из 5,0 МБ");
        await Expect(row.GetByRole(AriaRole.Progressbar, new() { Name = "Загрузка файла «Протоколы педсоветов.pdf»" })).ToBeVisibleAsync();

        // The connection is back: the upload continues by itself from the second block.
        await school.UnrouteAllAsync();
        await Expect(protocols.GetByText("Файл «Протоколы педсоветов.pdf» загружен.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(protocols).ToContainTextAsync("Предоставлен");
        await Expect(protocols.GetByRole(AriaRole.Button, new() { Name = "Протоколы педсоветов.pdf (5 МБ)" })).ToBeVisibleAsync();
        lock (arrived)
        {
            Assert.Equal(0, arrived[0]);
            Assert.Equal(1, arrived[^1]);
            Assert.Single(arrived, 0); // the first block went once
        }

        // What the server stored is the scan, byte for byte.
        var file = (await app.Service<VisitReviewStore>().GetAsync("north", visit, CancellationToken.None)).Documents.Single(d => d.Code == "council-protocols").Files.Single();
        var bytes = await app.ClientFor("methodist-n").GetByteArrayAsync($"{VisitReviews.Review(visit)}/documents/council-protocols/files/{file.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(scan, bytes);
    }
}
