using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;
using MethodDays.Tests.Progress;
using MethodDays.Tests.SelfAssessment;
using Microsoft.Playwright;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Every page of the app, for each role, at a desk and on a phone, meets WCAG 2.0/2.1 A and AA as axe-core checks it
/// (contrast included): a serious or critical violation fails the test, listed with its page and element.
/// </summary>
public sealed class AccessibilityTests(BrowserAppFactory app) : BrowserTest, IClassFixture<BrowserAppFactory>
{
    private const string Week = "2026-W46";
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly (string Name, int Width, int Height)[] Sizes = [("компьютер", 1280, 900), ("телефон", 390, 844)];

    public static TheoryData<string, string> Roles => new()
    {
        { "coord-n", "Координатор Северный" },
        { "methodist-n", "Методист Северный" },
        { "curator-n", "Куратор Северный" },
        { "admin-s1", "Администратор Первой" },
        { "teacher-s1", "Педагог Первой" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageOfTheRoleHasNoSeriousAccessibilityViolation(string personId, string buttonName)
    {
        var practiceId = await SeedAsync();
        var pages = PagesFor(personId, practiceId);
        var found = new List<string>();
        foreach (var (sizeName, width, height) in Sizes)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = app.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Locale = "ru-RU",
                TimezoneId = "Asia/Omsk",
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            await page.Clock.SetFixedTimeAsync(AppFactory.DefaultNow.UtcDateTime);
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = buttonName }).ClickAsync();
            await page.Locator("#who").WaitForAsync();
            foreach (var hash in pages)
            {
                await page.GotoAsync("/" + hash);
                await ReadyAsync(page);
                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
                foreach (var v in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                {
                    foreach (var node in v.Nodes)
                    {
                        found.Add($"{hash} ({sizeName}): {v.Id} [{v.Impact}] {v.Help} — {node.Target} — {node.Any?.FirstOrDefault()?.Message}");
                    }
                }
            }

            await context.CloseAsync();
        }

        Assert.True(found.Count == 0, $"{found.Count} нарушений доступности:\n" + string.Join("\n", found.Distinct()));
    }

    /// <summary>The pages the person can open: the sections of the menu and the pages under them.</summary>
    private static List<string> PagesFor(string personId, string practiceId)
    {
        var school = personId is "admin-s1" or "teacher-s1";
        var pages = new List<string>
        {
            "#/sheet/s1/2026-11",
            "#/sheet/s1/2026-10/revision/1",
            "#/progress/s1/2026-11",
            "#/progress/s1/2026-10",
            "#/help-plan/s1",
            $"#/week/{Week}/s1",
            $"#/agenda/{Week}",
            "#/cycle",
            "#/topics",
            "#/bank",
            "#/practice/new",
            $"#/practice/{practiceId}",
            "#/feed",
            "#/profile",
        };
        if (!school)
        {
            pages.AddRange(["#/summary/2026-10", "#/progress-summary/2026-10", "#/help-plan", $"#/board/{Week}"]);
        }

        if (personId == "curator-n")
        {
            pages.Add("#/schools/2026-10");
        }

        if (personId == "coord-n")
        {
            pages.AddRange([$"#/topic/{Week}", "#/undelivered"]);
        }

        if (personId is "coord-n" or "methodist-n")
        {
            pages.Add("#/people");
        }

        return pages;
    }

    /// <summary>The page has drawn: a heading in the main area and no loading line left.</summary>
    private static async Task ReadyAsync(IPage page)
    {
        await page.Locator("#main :is(h1, h2)").First.WaitForAsync();
        await page.Locator("#main .loading").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(0, await page.Locator("#main .error-box").CountAsync());
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _practiceId;

    /// <summary>A submitted self-assessment and progress sheet for October, a topic this week and a practice in the bank.</summary>
    private async Task<string> SeedAsync()
    {
        await Once.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_practiceId is not null)
            {
                return _practiceId;
            }

            var admin = app.ClientFor("admin-s1");
            var template = app.Service<SheetTemplates>().Current;
            var sheet = await admin.PostJsonAsync(Sheets.Url("s1", "2026-10") + "/submit", new { values = Sheets.Scoring(template, 100) });
            Assert.True(sheet.IsSuccessStatusCode, await sheet.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var progress = await admin.PostJsonAsync(ProgressSheets.Url("s1", "2026-10") + "/submit",
                ProgressSheets.Complete("2026-10", ProgressSheets.Member("teacher-s1", "trying")));
            Assert.True(progress.IsSuccessStatusCode, await progress.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var topic = await app.ClientFor("coord-n").PutJsonAsync($"/api/municipalities/north/weeks/{Week}/topic", new { title = "Формирующее оценивание на уроке", publish = "Now" });
            Assert.True(topic.IsSuccessStatusCode, await topic.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            _practiceId = await Practices.CreateAsync(app.ClientFor("teacher-s1"));
            return _practiceId;
        }
        finally
        {
            Once.Release();
        }
    }
}
