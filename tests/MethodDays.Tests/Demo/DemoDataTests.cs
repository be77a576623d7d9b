using System.Net;
using System.Net.Http.Headers;
using MethodDays.Features.Demo;
using MethodDays.Platform.Auth;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Demo;

/// <summary>The app as the run command starts it: the demo municipality seeded at start, every section with data.</summary>
public sealed class DemoFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "true" };

    public HttpClient DemoClient(string personId)
    {
        var member = DemoData.Members.Single(m => m.PersonId == personId);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Service<DevTokenIssuer>().Issue(Features.People.DevSignIn.DevIdentity(member), member.DisplayName, member.Email, TimeSpan.FromHours(1)));
        return client;
    }
}

public sealed class DemoDataTests(DemoFactory app) : IClassFixture<DemoFactory>
{
    private const string Mun = "/api/municipalities/" + DemoData.MunicipalityId;

    [Fact]
    public async Task TheCoordinatorSeesTwelveSchoolsMonthsOfSheetsAndAWorkingWeek()
    {
        var coordinator = app.DemoClient("sokolova");
        var october = await (await coordinator.GetAsync($"{Mun}/self-assessment/2026-10/summary")).ReadJsonAsync();
        Assert.Equal(12, october["schools"]!.AsArray().Count);
        Assert.True(october["schools"]!.AsArray().Count(s => (int)s!["revision"]! > 0) >= 11);
        var history = await (await app.DemoClient("petrova").GetAsync($"{Mun}/schools/kedrovka/self-assessment")).ReadJsonAsync();
        Assert.True(history["months"]!.AsArray().Count >= 6, "the school's history chart needs months");

        var topics = await (await coordinator.GetAsync($"{Mun}/topics")).ReadJsonAsync();
        Assert.True(topics.AsArray().Count >= 4);
        var week = (string)topics.AsArray().First(t => (string?)t!["state"] == "published")!["week"]!;
        var board = await (await coordinator.GetAsync($"{Mun}/weeks/{week}/board")).ReadJsonAsync();
        Assert.Equal(12, board["rows"]!.AsArray().Count); // every school takes part, the two leading ones too
        Assert.Equal(2, board["rows"]!.AsArray().Count(r => (bool)r!["leader"]! && !(bool)r["improving"]!));
    }

    [Fact]
    public async Task TheBankHasPracticesToFindPreviewAndReview()
    {
        var teacher = app.DemoClient("zaitsev");
        var bank = await (await teacher.GetAsync($"{Mun}/practices")).ReadJsonAsync();
        Assert.Equal(4, (int)bank["total"]!); // accepted ones; the submitted and returned stay with their schools
        var practice = bank["items"]![0]!;
        var view = await (await teacher.GetAsync($"{Mun}/practices/{(string)practice["id"]!}")).ReadJsonAsync();
        var file = view["files"]![0]!;
        var pdf = await teacher.GetAsync($"{Mun}/practices/{(string)practice["id"]!}/files/{(string)file["id"]!}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5]);

        var waiting = await (await app.DemoClient("lebedev").GetAsync($"{Mun}/practices?state=Submitted")).ReadJsonAsync();
        Assert.Equal(1, (int)waiting["total"]!);
    }

    [Fact]
    public async Task ProgressSheetsAndHelpPlansAreThere()
    {
        var curator = app.DemoClient("morozova");
        var plan = await (await curator.GetAsync($"{Mun}/schools/kedrovka/help-plan")).ReadJsonAsync();
        Assert.NotEmpty(plan["items"]!.AsArray());
    }

    [Fact]
    public async Task EveryDemoSchoolHasAStaffListAndTheLeadingSchoolShowsTheSeedsCategories()
    {
        var coordinator = app.DemoClient("sokolova");
        var summary = await (await coordinator.GetAsync($"{Mun}/staff/summary")).ReadJsonAsync();
        Assert.All(summary["schools"]!.AsArray(), s => Assert.True((int)s!["summary"]!["total"]! >= 12));
        var leading = summary["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "berezovka-1")!["summary"]!;
        Assert.Equal("68 % высшая / 17 % первая / 15 % без категории", (string?)leading["line"]);

        // A demo teacher with an account is linked to their record; the one who left is in the archive.
        var staff = await (await app.DemoClient("petrova").GetAsync($"{Mun}/schools/kedrovka/staff?archived=true")).ReadJsonAsync();
        Assert.Contains(staff["teachers"]!.AsArray(), t => (string?)t!["personId"] == "orlova");
        Assert.Contains(staff["teachers"]!.AsArray(), t => (bool)t!["active"]! == false);
    }
}
