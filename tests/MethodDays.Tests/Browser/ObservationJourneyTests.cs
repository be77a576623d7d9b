using System.Net;
using MethodDays.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static MethodDays.Tests.Observations.Observations;

namespace MethodDays.Tests.Browser;

/// <summary>
/// An observer at a school with no network, on a phone: opens the lesson's protocol, loses the connection, fills marks,
/// a note and a photo, closes the tab, reopens it still offline and finds everything, then sees it sent once the
/// connection is back; a second observer's marks then stand beside theirs with the agreement figure.
/// </summary>
public sealed class ObservationJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    /// <summary>A 4×4 PNG, as a phone's gallery might give.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==");

    [Fact]
    public async Task AnObserverFillsAProtocolOfflineClosesTheTabAndItIsSentWhenBackOnline()
    {
        var visit = await VisitAsync(app);
        var hash = $"#/observe/s1/{visit}/l1";
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        var context = page.Context;
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Администратор Третьей" }).ClickAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Администратор Третьей");
        await page.EvaluateAsync("h => { location.hash = h; }", hash);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Протокол наблюдения урока" })).ToBeVisibleAsync();
        await Expect(page.GetByText("протокол по умолчанию", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText("Педагог Первой", new() { Exact = false }).First).ToBeVisibleAsync();

        // The service worker has kept the feature's files (they were loaded before it controlled the page): in its own
        // cache, not the API answers' one.
        await page.WaitForFunctionAsync("""
            async () => {
                const entry = performance.getEntriesByType('resource').find(e => e.name.includes('/features/observations/protocol-view.js'));
                if (!entry || !(await navigator.serviceWorker.getRegistration())?.active) return false;
                for (const name of await caches.keys()) {
                    if (name !== 'methoddays-api' && await (await caches.open(name)).match(entry.name)) return true;
                }
                return false;
            }
            """, null, new() { PollingInterval = 200 });

        await context.SetOfflineAsync(true);
        await Mark(page, "Цель урока сформулирована (вместе с учащимися) и понятна им", "2 — полностью да");
        await Mark(page, "Есть задания разного уровня сложности", "1 — частично");
        await page.GetByLabel("Новая заметка (время запишется само)").FillAsync("Цель записана на доске, класс её не обсуждал.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить заметку" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "доска.png", MimeType = "image/png", Buffer = Png });
        var sync = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Не отправлено" });
        await Expect(sync).ToContainTextAsync("Нет связи");
        await Expect(sync).ToContainTextAsync("Не отправлено: 1 протокол, 1 фото");

        // The tab is closed and opened again (the browser brings the tab's sign-in back with it), still offline.
        var signIn = await page.EvaluateAsync<string>("() => sessionStorage.getItem('methoddays:dev-session')");
        await page.CloseAsync();
        await context.AddInitScriptAsync($"sessionStorage.setItem('methoddays:dev-session', {System.Text.Json.JsonSerializer.Serialize(signIn)});");
        page = await context.NewPageAsync();
        await page.GotoAsync("/" + hash);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Протокол наблюдения урока" })).ToBeVisibleAsync();
        await Expect(Choice(page, "Цель урока сформулирована (вместе с учащимися) и понятна им", "2 — полностью да")).ToBeCheckedAsync();
        await Expect(Choice(page, "Есть задания разного уровня сложности", "1 — частично")).ToBeCheckedAsync();
        await Expect(page.GetByText("Цель записана на доске, класс её не обсуждал.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Не отправлено" })).ToContainTextAsync("Не отправлено: 1 протокол, 1 фото");
        await Expect(page.Locator("#connection")).ToBeVisibleAsync();

        // Back online: the protocol and the photo reach the server.
        await context.SetOfflineAsync(false);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "отправлено" })).ToContainTextAsync("Всё отправлено на сервер.");
        await Expect(page.GetByText("На сервере: 1 фото")).ToBeVisibleAsync();
        var stored = await (await app.ClientFor(Lead).GetAsync(Protocol(visit, Observer))).ReadJsonAsync();
        Assert.Equal("2", (string?)stored["content"]!["marks"]!["goal.1"]);
        Assert.Equal("1", (string?)stored["content"]!["marks"]!["differentiation.1"]);
        Assert.Equal("Цель записана на доске, класс её не обсуждал.", (string?)stored["content"]!["notes"]![0]!["text"]);
        Assert.Single(stored["photos"]!.AsArray());

        // A second observer's marks: one equal, one a step apart.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Lead).PutJsonAsync(Protocol(visit, Lead),
            Input(new() { ["goal.1"] = "2", ["differentiation.1"] = "2" }))).StatusCode);
        await page.EvaluateAsync("h => { location.hash = h; }", hash + "/all");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Протоколы урока" })).ToBeVisibleAsync();
        var agreement = page.GetByRole(AriaRole.Region, new() { Name = "Согласованность наблюдателей" });
        await Expect(agreement).ToContainTextAsync("совпадают 1 из 2 отметок (50 %), в пределах ±1 — 2 из 2 (100 %)");
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Администратор Третьей" })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Методист Северный" })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Есть задания разного уровня сложности" })).ToContainTextAsync("1");
    }

    [Fact]
    public async Task TheTeamLeadReleasesAProtocolAndTheTeacherReadsItAndWritesTheirSelfAnalysis()
    {
        var visit = await VisitAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(Observer).PutJsonAsync(Protocol(visit, Observer),
            Input(new() { ["goal.1"] = "1" }, strengths: "Работа в парах по критериям"))).StatusCode);
        var lessonHash = $"#/observe/s1/{visit}/l1/all";

        var lead = await SignedInAsync("Методист Северный");
        await lead.EvaluateAsync("h => { location.hash = h; }", lessonHash);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Опубликовать для педагога протокол: Администратор Третьей" }).ClickAsync();
        await Expect(lead.GetByText("Протокол: Администратор Третьей — опубликован для педагога.")).ToBeVisibleAsync();

        var teacher = await SignedInAsync("Педагог Первой");
        await teacher.EvaluateAsync("h => { location.hash = h; }", lessonHash);
        await Expect(teacher.GetByRole(AriaRole.Columnheader, new() { Name = "Администратор Третьей" })).ToBeVisibleAsync();
        await teacher.GetByLabel("Ваш самоанализ урока").FillAsync("Не успела провести рефлексию: ушло время на проверку.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Сохранить самоанализ" }).ClickAsync();
        await Expect(teacher.GetByText("Написал педагог", new() { Exact = false })).ToBeVisibleAsync();

        // The released protocol opens for the teacher to read, not to change.
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Администратор Третьей" }).ClickAsync();
        await Expect(teacher.GetByText("Опубликован для педагога")).ToBeVisibleAsync();
        await Expect(teacher.GetByLabel("Сильные стороны")).ToHaveValueAsync("Работа в парах по критериям");
        await Expect(teacher.GetByLabel("Сильные стороны")).ToBeDisabledAsync();
        await Expect(Choice(teacher, "Цель урока сформулирована (вместе с учащимися) и понятна им", "1 — частично")).ToBeDisabledAsync();
        Assert.Equal("Не успела провести рефлексию: ушло время на проверку.",
            (string?)(await (await app.ClientFor(Lead).GetAsync(Lesson(visit) + "/observations")).ReadJsonAsync())["selfAnalysis"]!["text"]);
    }

    private async Task<IPage> SignedInAsync(string name)
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync(name);
        return page;
    }

    private static ILocator Choice(IPage page, string item, string choice) =>
        page.GetByRole(AriaRole.Group, new() { Name = item }).GetByRole(AriaRole.Radio, new() { Name = choice });

    private static Task Mark(IPage page, string item, string choice) => Choice(page, item, choice).CheckAsync();
}
