using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.Progress;
using MethodDays.Tests.SelfAssessment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Two people of one school fill the same month's sheet at once, each in their own browser: the school's admin and
/// the deputy. Answers to different indicators (sections of the progress sheet) merge without a question and each
/// page shows both; the same indicator answered differently asks the one who saved second, indicator by indicator,
/// naming the other person; nothing either of them gave is lost.
/// </summary>
public sealed class ConcurrentSheetJourneyTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Admin = "Администратор Первой";
    private const string Deputy = "Заместитель Первой";

    [Fact]
    public async Task TwoPeopleFillTheSelfAssessmentSheetAtOnceAndOnlyTheSameIndicatorAsksForAChoice()
    {
        var template = app.Service<SheetTemplates>().Current;
        var url = Sheets.Url("s1", "2026-11");

        // Both open the empty sheet before either has saved.
        var admin = await OpenAsync(Admin);
        var deputy = await OpenAsync(Deputy);
        await Expect(admin.GetByText("не начат", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(deputy.GetByText("не начат", new() { Exact = true })).ToBeVisibleAsync();

        await Answer(admin, template, "1.5.1", "2");
        await ExpectSavedAsync(admin);
        await Answer(deputy, template, "1.5.2", "1");
        await ExpectSavedAsync(deputy);

        // No question: the deputy's page now shows the admin's answer too, and says it came in.
        await Expect(Choice(deputy, template, "1.5.1", "2")).ToBeCheckedAsync();
        await Expect(Choice(deputy, template, "1.5.2", "1")).ToBeCheckedAsync();
        await Expect(deputy.GetByText("перенесены к вам", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(deputy.GetByRole(AriaRole.Button, new() { Name = "Оставить мой ответ" })).ToHaveCountAsync(0);
        var stored = await ValuesAsync(url);
        Assert.Equal("2", stored["1.5.1"]);
        Assert.Equal("1", stored["1.5.2"]);

        await admin.ReloadAsync();
        await Expect(Choice(admin, template, "1.5.1", "2")).ToBeCheckedAsync();
        await Expect(Choice(admin, template, "1.5.2", "1")).ToBeCheckedAsync();

        // The admin answers 1.5.3, 1.4.1 and 1.4.2 (without a connection, so they go in one save when it returns).
        await admin.Context.SetOfflineAsync(true);
        await Answer(admin, template, "1.5.3", "2");
        await Answer(admin, template, "1.4.1", "2");
        await Answer(admin, template, "1.4.2", "1");
        await admin.Context.SetOfflineAsync(false);
        await ExpectSavedAsync(admin);
        stored = await ValuesAsync(url);
        Assert.Equal(("2", "2", "1"), (stored["1.5.3"], stored["1.4.1"], stored["1.4.2"]));

        // The deputy, still on the version before that, answers 1.5.3 and 1.4.1 differently, and 2.1.1 (offline, one save).
        await deputy.Context.SetOfflineAsync(true);
        await Answer(deputy, template, "1.5.3", "0");
        await Answer(deputy, template, "1.4.1", "1");
        await Answer(deputy, template, "2.1.1", "1");
        await deputy.Context.SetOfflineAsync(false);

        var choice = deputy.GetByRole(AriaRole.Region, new() { Name = $"{Admin} изменил(а) эти показатели, пока вы заполняли лист" });
        await Expect(choice).ToBeVisibleAsync();
        await Expect(deputy.GetByText($"{Deputy} изменил", new() { Exact = false })).ToHaveCountAsync(0);
        var first = choice.GetByRole(AriaRole.Group, new() { Name = "1.5.3 — какой ответ оставить" });
        var second = choice.GetByRole(AriaRole.Group, new() { Name = "1.4.1 — какой ответ оставить" });
        await Expect(choice.GetByRole(AriaRole.Group)).ToHaveCountAsync(2);
        await Expect(first).ToContainTextAsync("Ваш ответ: 0 (нет)");
        await Expect(first).ToContainTextAsync($"{Admin}: 2 (полностью да)");
        await Expect(second).ToContainTextAsync("Ваш ответ: 1 (частично да)");
        // The admin's answer nobody else changed is on the deputy's page already.
        await Expect(Choice(deputy, template, "1.4.2", "1")).ToBeCheckedAsync();

        await first.GetByRole(AriaRole.Button, new() { Name = "Оставить мой ответ" }).ClickAsync();
        await Expect(first).ToContainTextAsync("Оставлен ваш ответ");
        await second.GetByRole(AriaRole.Button, new() { Name = $"Взять ответ: {Admin}" }).ClickAsync();
        await Expect(choice).ToHaveCountAsync(0);
        await ExpectSavedAsync(deputy);
        await Expect(Choice(deputy, template, "1.5.3", "0")).ToBeCheckedAsync();
        await Expect(Choice(deputy, template, "1.4.1", "2")).ToBeCheckedAsync();

        // Nothing lost: every answer of both is on the server, the chosen ones as chosen.
        stored = await ValuesAsync(url);
        Assert.Equal(
            new Dictionary<string, string> { ["1.5.1"] = "2", ["1.5.2"] = "1", ["1.5.3"] = "0", ["1.4.1"] = "2", ["1.4.2"] = "1", ["2.1.1"] = "1" },
            stored);

        await admin.ReloadAsync();
        await Expect(Choice(admin, template, "1.5.3", "0")).ToBeCheckedAsync();
        await Expect(Choice(admin, template, "2.1.1", "1")).ToBeCheckedAsync();
        await Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Итог" })).ToContainTextAsync("Заполнено 6 из");
    }

    [Fact]
    public async Task AnswersLeftOnTheDeviceMergeWithWhatOthersSavedWhenTheSheetIsOpenedAgain()
    {
        var template = app.Service<SheetTemplates>().Current;
        var url = Sheets.Url("s1", "2026-10");
        Assert.True((await app.ClientFor("admin-s1").PutJsonAsync(url, new { values = new Dictionary<string, string> { ["1.1.1"] = "2" } })).IsSuccessStatusCode);

        // The deputy answers 2.1.1 without a connection and closes the page: the answer stays on the device.
        var deputy = await OpenAsync(Deputy);
        await deputy.GotoAsync("/#/sheet/s1/2026-10");
        await Expect(Choice(deputy, template, "1.1.1", "2")).ToBeCheckedAsync();
        await deputy.Context.SetOfflineAsync(true);
        await Answer(deputy, template, "2.1.1", "1");
        await Expect(deputy.GetByRole(AriaRole.Status).Filter(new() { HasText = "Нет связи" }).First).ToBeVisibleAsync();
        var context = deputy.Context;
        await deputy.CloseAsync();

        // Meanwhile the admin answers 1.5.1.
        var admin = app.ClientFor("admin-s1");
        var etag = (await admin.GetAsync(url, TestContext.Current.CancellationToken)).Headers.ETag!.ToString();
        Assert.True((await admin.PutJsonAsync(url, new { values = new Dictionary<string, string> { ["1.1.1"] = "2", ["1.5.1"] = "0" } }, etag)).IsSuccessStatusCode);

        // Back online, the deputy opens the sheet again: the answer from the device and the admin's are both kept.
        await context.SetOfflineAsync(false);
        var again = await context.NewPageAsync();
        await again.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await again.GotoAsync("/");
        await again.GetByRole(AriaRole.Button, new() { Name = Deputy }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
        await again.GotoAsync("/#/sheet/s1/2026-10");
        await ExpectSavedAsync(again);
        await Expect(Choice(again, template, "2.1.1", "1")).ToBeCheckedAsync();
        await Expect(Choice(again, template, "1.5.1", "0")).ToBeCheckedAsync();
        await Expect(again.GetByRole(AriaRole.Button, new() { Name = "Оставить мой ответ" })).ToHaveCountAsync(0);
        Assert.Equal(new Dictionary<string, string> { ["1.1.1"] = "2", ["1.5.1"] = "0", ["2.1.1"] = "1" }, await ValuesAsync(url));
    }

    [Fact]
    public async Task TwoPeopleFillTheProgressSheetAtOnceAndOnlyTheSameSectionAsksForAChoice()
    {
        var url = ProgressSheets.Url("s1", "2026-10");
        var admin = await OpenAsync(Admin, "#/progress/s1/2026-10");
        var deputy = await OpenAsync(Deputy, "#/progress/s1/2026-10");

        // The admin adds a decision (the row and its text go in one save, when the connection returns).
        await admin.Context.SetOfflineAsync(true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "+ Добавить решение" }).ClickAsync();
        await admin.GetByLabel("Текст решения 1").FillAsync("Ввести лист самооценки в 5–7 классах");
        await admin.Context.SetOfflineAsync(false);
        await ExpectSavedAsync(admin);
        await deputy.GetByLabel("Затруднения", new() { Exact = true }).FillAsync("Не все успевают посмотреть видеосеминары.");
        await ExpectSavedAsync(deputy);

        // Merged without a question: the deputy sees the admin's decision, the server has both.
        await Expect(deputy.GetByLabel("Текст решения 1")).ToHaveValueAsync("Ввести лист самооценки в 5–7 классах");
        await Expect(deputy.GetByText("перенесены к вам", new() { Exact = false })).ToBeVisibleAsync();
        var sheet = await SheetAsync(url);
        Assert.Equal("Ввести лист самооценки в 5–7 классах", (string?)sheet["decisions"]![0]);
        Assert.Equal("Не все успевают посмотреть видеосеминары.", (string?)sheet["difficulties"]);

        await admin.ReloadAsync();
        await Expect(admin.GetByLabel("Затруднения", new() { Exact = true })).ToHaveValueAsync("Не все успевают посмотреть видеосеминары.");

        // Both rewrite the difficulties: the deputy, second, chooses, and the banner names the admin.
        await admin.GetByLabel("Затруднения", new() { Exact = true }).FillAsync("Нужен практикум по смысловому чтению.");
        await ExpectSavedAsync(admin);
        await deputy.GetByLabel("Затруднения", new() { Exact = true }).FillAsync("Нет времени на взаимопосещения.");
        var choice = deputy.GetByRole(AriaRole.Region, new() { Name = $"{Admin} изменил(а) эти разделы, пока вы заполняли лист" });
        await Expect(choice).ToBeVisibleAsync();
        var part = choice.GetByRole(AriaRole.Group, new() { Name = "Затруднения — какой вариант оставить" });
        await Expect(part).ToContainTextAsync("Ваш вариант: Нет времени на взаимопосещения.");
        await Expect(part).ToContainTextAsync($"{Admin}: Нужен практикум по смысловому чтению.");
        await part.GetByRole(AriaRole.Button, new() { Name = "Оставить мой вариант" }).ClickAsync();
        await Expect(choice).ToHaveCountAsync(0);
        await ExpectSavedAsync(deputy);

        sheet = await SheetAsync(url);
        Assert.Equal("Нет времени на взаимопосещения.", (string?)sheet["difficulties"]);
        Assert.Equal("Ввести лист самооценки в 5–7 классах", (string?)sheet["decisions"]![0]);
    }

    private async Task<IPage> OpenAsync(string person, string? hash = null)
    {
        var page = await Chromium.NewPhonePageAsync(Browser, app.BaseAddress);
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync();
        if (hash is null)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист оценки результативности за ноябрь 2026" })).ToBeVisibleAsync();
        }
        else
        {
            await page.GotoAsync("/" + hash);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Лист продвижения за октябрь 2026" })).ToBeVisibleAsync();
        }

        return page;
    }

    private static Task ExpectSavedAsync(IPage page) =>
        Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Черновик сохранён на сервере" }).First).ToBeVisibleAsync();

    private static ILocator Choice(IPage page, SheetTemplate template, string id, string value) =>
        page.GetByRole(AriaRole.Group, new() { Name = $"{id} {template.ById[id].Text}", Exact = true }).GetByRole(AriaRole.Radio, new()
        {
            Name = value switch { "2" => "2 — полностью да", "1" => "1 — частично да", "0" => "0 — нет", _ => "н/п — не применимо" },
        });

    private static Task Answer(IPage page, SheetTemplate template, string id, string value) => Choice(page, template, id, value).CheckAsync();

    private async Task<Dictionary<string, string>> ValuesAsync(string url) =>
        (await (await app.ClientFor("admin-s1").GetAsync(url, TestContext.Current.CancellationToken)).ReadJsonAsync())["values"]!
            .AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);

    private async Task<System.Text.Json.Nodes.JsonNode> SheetAsync(string url) =>
        (await (await app.ClientFor("admin-s1").GetAsync(url, TestContext.Current.CancellationToken)).ReadJsonAsync())["sheet"]!;
}
