using System.Diagnostics;
using System.Net;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.Progress;
using MethodDays.Tests.SelfAssessment;
using MethodDays.Tests.WeeklyCycle;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Every page of the app, as each role reaches it, meets WCAG 2.0/2.1 A and AA as axe-core checks them in Chromium
/// (colour contrast included): a serious or critical violation fails the test, listed with its page, rule, elements
/// and what to do. One browser; each role signs in once in its own context and walks its pages by their addresses
/// (the router redraws the page, the sign-in stays); the key pages are checked again at phone size.
/// </summary>
public sealed class AccessibilityTests(BankBrowserAppFactory app) : BrowserTest, IClassFixture<BankBrowserAppFactory>
{
    private const string Week = "2026-W46";
    private static readonly List<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly ViewportSize Desk = new() { Width = 1280, Height = 900 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A page: its address, whether it is checked at phone size too, what else to wait for.</summary>
    private sealed record Route(string Hash, bool AlsoPhone = false, string? WaitFor = null);

    [Fact]
    public async Task EveryPageOfEveryRoleHasNoSeriousOrCriticalViolation()
    {
        var clock = Stopwatch.StartNew();
        var seed = await SeedAsync();
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"Данные: {clock.Elapsed.TotalSeconds:F0} с");
        var found = new Dictionary<string, List<string>>();
        var checkedPages = 0;

        // Nobody signed in: the sign-in screen.
        {
            var page = await NewPageAsync();
            await page.GotoAsync("/");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Координатор Северный" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await CheckAsync(page, "вход", "компьютер", found);
            await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            await CheckAsync(page, "вход", "телефон", found);
            checkedPages++;
            await page.Context.CloseAsync();
        }

        foreach (var (person, name, routes) in Walks(seed))
        {
            var page = await NewPageAsync();
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Выйти" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
            foreach (var route in routes)
            {
                await OpenAsync(page, route);
                var where = $"{route.Hash} ({person})";
                await CheckAsync(page, where, "компьютер", found);
                if (route.AlsoPhone)
                {
                    await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
                    await CheckAsync(page, where, "телефон", found);
                    await page.SetViewportSizeAsync(Desk.Width, Desk.Height);
                }

                checkedPages++;
            }

            if (person == "admin-s1")
            {
                // The page's help, open.
                await OpenAsync(page, new Route("#/sheet/s1"));
                await page.GetByRole(AriaRole.Button, new() { Name = "Справка" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Кто заполняет", new() { Timeout = 20_000 });
                await CheckAsync(page, "#/sheet/s1, справка (admin-s1)", "компьютер", found, page.GetByRole(AriaRole.Dialog));
                await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Закрыть" }).ClickAsync();

                // An answer given: the pinned score bar says the draft is saved, readable on its navy (was 1.76:1).
                await page.GetByRole(AriaRole.Radio, new() { Name = "1 — частично да" }).First.CheckAsync();
                var sync = page.Locator(".sticky-sync.sync-saved");
                await Expect(sync).Not.ToBeEmptyAsync(new() { Timeout = 20_000 });
                var ratio = await sync.EvaluateAsync<double>("""
                    (el) => {
                      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
                      const lum = (c) => rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
                        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                      const a = lum(getComputedStyle(el).color);
                      const b = lum(getComputedStyle(el.closest('.sticky-score')).backgroundColor);
                      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    }
                    """);
                Assert.True(ratio >= 4.5, $"Строка «сохранено» на панели баллов: контраст {ratio:F2}:1, нужно не меньше 4.5:1");
                await CheckAsync(page, "#/sheet/s1, ответ дан (admin-s1)", "компьютер", found, page.Locator(".sticky-score"));
            }

            await page.Context.CloseAsync();
            output?.WriteLine($"{person}: {clock.Elapsed.TotalSeconds:F0} с");
        }

        output?.WriteLine($"Проверено страниц: {checkedPages}, за {clock.Elapsed.TotalSeconds:F0} с");
        Assert.True(found.Count == 0, $"Нарушения доступности (serious или critical), {found.Count}:\n{Describe(found)}");
    }

    /// <summary>The pages each role reaches from its menu and the pages under them.</summary>
    private static IEnumerable<(string Person, string Name, Route[] Routes)> Walks(Seed seed) =>
    [
        ("coord-n", "Координатор Северный",
        [
            new("#/summary", AlsoPhone: true),
            new("#/sheet/s1/2026-10/revision/1"),
            new("#/progress-summary/2026-10", AlsoPhone: true),
            new("#/progress/s1/2026-10"),
            new("#/help-plan"),
            new("#/help-plan/s1"),
            new("#/help-overdue"),
            new($"#/board/{Week}", AlsoPhone: true),
            new($"#/week/{Week}/s1"),
            new($"#/agenda/{Week}"),
            new("#/topics"),
            new($"#/topic/{Week}"),
            new("#/cycle"),
            new("#/bank", AlsoPhone: true),
            new($"#/practice/{seed.Accepted}"),
            new("#/feed"),
            new("#/profile"),
            new("#/undelivered"),
            new("#/people", AlsoPhone: true),
            new("#/people-import"),
            new("#/staff/s1"),
            new("#/diagnostics-map", AlsoPhone: true),
            new("#/diagnostics/s1"),
            new("#/visits", AlsoPhone: true),
            new("#/visit-results"),
            new($"#/visit/{seed.Visit}/review", AlsoPhone: true),
            new($"#/visit/{seed.Visit}/report", AlsoPhone: true),
            new("#/subscription", AlsoPhone: true),
            new("#/routes-overview", AlsoPhone: true),
        ]),
        ("methodist-n", "Методист Северный",
        [
            new("#/summary"),
            new("#/progress-summary"),
            new("#/help-plan"),
            new("#/board"),
            new("#/topics"),
            new("#/bank?state=Submitted"),
            new($"#/practice/{seed.Submitted}"),
            new("#/people"),
            new("#/diagnostics/s2"),
            new("#/feed"),
        ]),
        ("curator-n", "Куратор Северный",
        [
            new("#/schools", AlsoPhone: true),
            new("#/schools/2026-10"),
            new("#/progress/s1/2026-10"),
            new("#/help-plan/s1"),
            new($"#/help-plan/s1/new/2026-10/{seed.RequestId}"),
            new($"#/week/{Week}/s1"),
            new($"#/agenda/{Week}"),
            new("#/bank?q=" + Uri.EscapeDataString("самооценки")),
            new("#/profile"),
            new("#/routes/s1"),
        ]),
        ("admin-s1", "Администратор Первой",
        [
            new("#/sheet/s1", AlsoPhone: true),
            new("#/sheet/s1/2026-10", WaitFor: ".suggestions"),
            new("#/progress/s1", AlsoPhone: true),
            new("#/progress/s1/2026-10"),
            new("#/help-plan/s1", AlsoPhone: true),
            new("#/week", AlsoPhone: true),
            new("#/topics"),
            new("#/bank"),
            new("#/practice/new"),
            new("#/feed", AlsoPhone: true),
            new("#/profile"),
            new("#/staff/s1", AlsoPhone: true),
            new("#/diagnostics/s1", AlsoPhone: true),
            new("#/visits"),
            new("#/routes/s1", AlsoPhone: true),
            new("#/subscription/s1", AlsoPhone: true),
        ]),
        ("teacher-s1", "Педагог Первой",
        [
            new("#/bank", AlsoPhone: true),
            new($"#/practice/{seed.Draft}", AlsoPhone: true),
            new($"#/practice/{seed.Draft}/edit"),
            new($"#/practice/{seed.Accepted}"),
            new("#/sheet/s1"),
            new("#/week"),
            new("#/feed"),
            new("#/routes/s1"),
            new("#/subscription/s1"),
        ]),
    ];

    private async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = Desk,
            Locale = "ru-RU",
            TimezoneId = "Asia/Omsk",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
        return page;
    }

    /// <summary>
    /// Opens the address in the signed-in page and waits until the new view has drawn: a page heading, nothing
    /// loading or busy in the main area, and whatever else the route names.
    /// </summary>
    private static async Task OpenAsync(IPage page, Route route)
    {
        // The address already open (a role's start page) is not redrawn: nothing to mark as old.
        if (new Uri(page.Url).Fragment != route.Hash)
        {
            await page.EvaluateAsync("() => { for (const c of document.getElementById('main').children) c.dataset.seen = ''; }");
            await page.GotoAsync("/" + route.Hash);
        }

        try
        {
            await page.WaitForFunctionAsync("""
                () => {
                  const main = document.getElementById('main');
                  const root = main.firstElementChild;
                  return !!root && !('seen' in root.dataset) && !!main.querySelector('h1')
                    && !main.querySelector('.loading, [aria-busy="true"]');
                }
                """);
        }
        catch (TimeoutException)
        {
            var main = await page.Locator("#main").InnerHTMLAsync();
            Assert.Fail($"{route.Hash}: страница не дорисовалась; адрес {page.Url}; в main: {main[..Math.Min(main.Length, 1500)]}");
        }

        if (route.WaitFor is not null)
        {
            await page.Locator(route.WaitFor).First.WaitForAsync();
        }

        var error = page.Locator("#main .error-box");
        Assert.True(await error.CountAsync() == 0, $"{route.Hash}: " + (await error.CountAsync() > 0 ? await error.First.InnerTextAsync() : ""));
    }

    /// <summary>Runs axe on the page as it is; adds each serious or critical violation, one line per element.</summary>
    private static async Task CheckAsync(IPage page, string where, string size, Dictionary<string, List<string>> found, ILocator? scope = null)
    {
        // Only the page's own document (a PDF preview's frame is the browser's viewer, not ours), only violations;
        // axe runs in the page itself (the binding's default opens a new page for every check, far slower).
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags },
            Iframes = false,
            ResultTypes = [ResultType.Violations],
        };
        AxeResult result;
        try
        {
#pragma warning disable CS0618 // the in-page run is marked for removal in a later version of the binding; pinned at 4.14.0
            result = await (scope ?? page.Locator("html")).RunAxeLegacy(options).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
#pragma warning restore CS0618
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{where}, {size}: axe не закончил проверку за минуту");
            throw;
        }

        foreach (var v in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            foreach (var node in v.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Distinct();
                var what = $"{v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})\n    {node.Target} — {string.Join("; ", checks)}";
                if (!found.TryGetValue(what, out var pages))
                {
                    found[what] = pages = [];
                }

                pages.Add($"{where}, {size}");
            }
        }
    }

    /// <summary>Each violation on an element (the same header link would fail on every page) with the pages it is on.</summary>
    private static string Describe(Dictionary<string, List<string>> found) =>
        string.Join("\n", found.Select(f => $"{f.Key}\n    на страницах: {string.Join("; ", f.Value)}"));

    private sealed record Seed(string Accepted, string Submitted, string Draft, string RequestId, string Visit);

    /// <summary>
    /// What the pages show: school s1's sheets for September and October (the same 20 lines at 0 both months, so
    /// the sheet suggests practices), its October progress sheet with a request for help and a plan item drawn from
    /// it (overdue), the week's topic, an accepted practice for one weak line, one sent for review, a teacher's draft.
    /// </summary>
    private async Task<Seed> SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = app.ClientFor("admin-s1");
        var template = app.Service<SheetTemplates>().Current;
        foreach (var month in new[] { "2026-09", "2026-10" })
        {
            var sheet = await admin.PostJsonAsync(Sheets.Url("s1", month) + "/submit", new { values = Sheets.Scoring(template, 100) });
            Assert.True(sheet.IsSuccessStatusCode, await sheet.Content.ReadAsStringAsync(ct));
        }

        var progress = await (await admin.PostJsonAsync(ProgressSheets.Url("s1", "2026-10") + "/submit",
            ProgressSheets.Complete("2026-10", ProgressSheets.Member("teacher-s1", "trying"), ProgressSheets.Teacher("Иванова Анна Петровна", "using")))).ReadJsonAsync();
        var requestId = (string)progress["sheet"]!["requests"]![0]!["id"]!;
        var item = await app.ClientFor("curator-n").PostJsonAsync(ProgressSheets.PlanUrl("s1"), new
        {
            action = "Практикум «Критериальное оценивание» для педагогов школы",
            responsible = "Лебедев А. В., методист ЦРО",
            dueDate = "2026-11-10",
            source = new { month = "2026-10", requestId },
            notes = "По итогам листа продвижения",
        });
        Assert.True(item.StatusCode == HttpStatusCode.Created, await item.Content.ReadAsStringAsync(ct));

        await Notices.PublishTopicAsync(app, "coord-n", "north", Week, publish: "Now");
        var weak = template.Indicators[^1].Id;
        var accepted = await Practices.AcceptedAsync(app, Practices.Input(title: "Лист самооценки на уроке математики", indicators: [weak]));
        var submitted = await Practices.CreateAsync(admin, Practices.Input(title: "Карточки обратной связи", subject: "Русский язык"));
        await Practices.SubmitAsync(admin, submitted);
        var draft = await Practices.CreateAsync(app.ClientFor("teacher-s1"), Practices.Input(title: "Кейс-метод на уроках истории", subject: "История"));
        var visit = await MethodDays.Tests.Visits.VisitReviews.PlanAsync(app);
        return new Seed(accepted, submitted, draft, requestId, visit);
    }
}
