using System.Net.Http.Headers;
using MethodDays.Features.Demo;
using MethodDays.Features.People;
using MethodDays.Features.Progress;
using MethodDays.Platform.Auth;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>The demo municipality's progress sheets and help plans: written once, shown by the same API, valid input.</summary>
public sealed class DemoProgressTests(DemoProgressTests.DemoFactory app) : IClassFixture<DemoProgressTests.DemoFactory>
{
    /// <summary>The test world plus the demo municipality "berezovsky" with its progress data, seeded once.</summary>
    public sealed class DemoFactory : AppFactory
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var directory = Service<DirectoryStore>();
            await directory.UpsertMunicipalityAsync(DemoData.Municipality, CancellationToken.None);
            foreach (var school in DemoData.Schools)
            {
                await directory.UpsertSchoolAsync(school, CancellationToken.None);
            }

            foreach (var member in DemoData.Members)
            {
                await directory.SaveMemberAsync(member, DevSignIn.DevIdentity(member), CancellationToken.None);
            }

            await DemoProgress.SeedAsync(directory, Service<ProgressStore>(), Service<HelpPlanStore>(), Service<ProgressTemplates>(), Clock, CancellationToken.None);
        }

        public HttpClient DemoClient(string personId)
        {
            var member = DemoData.Members.Single(m => m.PersonId == personId);
            var token = Service<DevTokenIssuer>().Issue(DevSignIn.DevIdentity(member), member.DisplayName, member.Email, TimeSpan.FromHours(1));
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }

    private const string Mun = DemoData.MunicipalityId;

    [Fact]
    public async Task CoordinatorSeesLastMonthsSheetsWithStagesAndTheRequestsNoPlanAnswersYet()
    {
        // The fake clock says 15 November 2026: October is the last complete month.
        var summary = await (await app.DemoClient("sokolova").GetAsync(SummaryUrl("2026-10", Mun))).ReadJsonAsync();
        var totals = summary["totals"]!;
        Assert.Equal(12, (int)totals["schools"]!);
        Assert.Equal(6, (int)totals["submitted"]!);
        Assert.True((int)totals["days"]! >= 12);
        Assert.True(totals["stages"]!.AsArray().Count(s => (int)s!["count"]! > 0) >= 2);
        // Only the ШНОР and ПРШ schools keep progress sheets: the leading schools and the four others have none.
        Assert.Equal(["berezovka-1", "berezovka-2", "cheremukha", "kalinovka", "olkhovka", "zarechnaya"], summary["notSubmitted"]!.AsArray().Select(s => (string)s!["id"]!).Order().ToArray());

        // Kedrovka's and Sosnovka's requests are in their plans; the other ШНОР schools' are still open.
        var open = summary["openRequests"]!.AsArray().Select(r => (string)r!["schoolId"]!).Distinct().Order().ToArray();
        Assert.Equal(["lugovaya", "ozernaya", "polyana"], open);
        Assert.Equal(4, (int)summary["answeredRequests"]!);
    }

    [Fact]
    public async Task TeachersMoveThroughTheStagesMonthByMonth()
    {
        var view = await (await app.DemoClient("petrova").GetAsync(Url("kedrovka", "2026-10", Mun))).ReadJsonAsync();
        Assert.Equal("submitted", (string?)view["status"]);
        Assert.Equal("2026-09", (string?)view["previousMonth"]);
        var changes = view["stageChanges"]!.AsArray();
        Assert.Contains(changes, c => (string?)c!["name"] == "Орлова Юлия Владимировна");
        Assert.All(changes, c => Assert.Contains((string)c!["trend"]!, new[] { "up", "same" }));
        Assert.Contains(changes, c => (string?)c!["trend"] == "up");

        var november = await (await app.DemoClient("petrova").GetAsync(Url("kedrovka", "2026-11", Mun))).ReadJsonAsync();
        Assert.Equal("draft", (string?)november["status"]);
    }

    [Fact]
    public async Task TwoShnorSchoolsHavePlansWithHistoryAndAnOverdueItem()
    {
        var plan = await (await app.DemoClient("morozova").GetAsync(PlanUrl("kedrovka", Mun))).ReadJsonAsync();
        var items = plan["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        Assert.Equal(["done", "inProgress", "planned"], items.Select(i => (string)i!["status"]!).Distinct().Order(StringComparer.Ordinal));
        var done = items.Single(i => (string?)i!["status"] == "done")!;
        Assert.Equal(["planned", "inProgress", "done"], done["history"]!.AsArray().Select(h => (string)h!["to"]!).ToArray());
        Assert.Equal("2026-10", (string?)done["source"]!["month"]);

        var overdue = await (await app.DemoClient("sokolova").GetAsync(OverdueUrl(Mun))).ReadJsonAsync();
        Assert.Equal(["kedrovka", "sosnovka"], overdue["items"]!.AsArray().Select(i => (string)i!["schoolId"]!).Order().ToArray());
    }

    [Fact]
    public async Task DemoSheetsWouldPassTheSubmissionChecks()
    {
        var templates = app.Service<ProgressTemplates>();
        var directory = app.Service<DirectoryStore>();
        var store = app.Service<ProgressStore>();
        foreach (var school in DemoData.Schools.Where(s => s.LowResults || s.Improving))
        {
            var teachers = DemoData.Members.Where(m => m.Role == Role.Teacher && m.SchoolIds.Contains(school.Id)).ToList();
            foreach (var month in new[] { new YearMonth(2026, 8), new YearMonth(2026, 9), new YearMonth(2026, 10) })
            {
                var last = await store.GetLastSubmittedAsync(Mun, school.Id, month, CancellationToken.None);
                if (last is null)
                {
                    continue;
                }

                var c = last.Value.Content;
                var input = new ProgressInput(null,
                    [.. c.Days.Select(d => new DayInput(d.Date, d.Form, d.FormOther, d.Topic, d.SharePercent))], c.NoDays, c.NoDaysReason, c.Decisions, c.Difficulties,
                    [.. c.Requests.Select(r => new RequestInput(r.Id, r.Topic, r.Text))], [.. c.Teachers.Select(t => new TeacherInput(t.PersonId, t.PersonId is null ? t.Name : null, t.Practice, t.Stage, t.Help))]);
                var errors = new FieldErrors();
                ProgressRules.Check(templates, input, new ProgressRules.Context(month, new DateOnly(2026, 11, 15), teachers), requireComplete: true, errors);
                Assert.False(errors.Any, $"{school.Id} {month}: the demo sheet does not pass the checks");
            }
        }

        Assert.NotNull(await directory.GetMunicipalityAsync(Mun, CancellationToken.None));
    }
}
