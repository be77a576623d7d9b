using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.People;

/// <summary>Every read and write checks who is asking and what they may reach.</summary>
public sealed class AccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Month = "2026-10";

    private async Task SubmitAsync(string admin, string school, string municipality = TestWorld.North)
    {
        var template = app.Service<SheetTemplates>().Current;
        var response = await app.ClientFor(admin).PostJsonAsync(Sheets.Url(school, Month, municipality) + "/submit", new { values = Sheets.Full(template, "1") });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SchoolCannotReadAnotherSchoolsSheet()
    {
        await SubmitAsync("admin-s1", "s1");
        var other = app.ClientFor("admin-s2");
        await (await other.GetAsync(Sheets.Url("s1", Month))).AssertProblemAsync(403);
        await (await other.GetAsync(Sheets.Url("s1"))).AssertProblemAsync(403);
        await (await other.GetAsync(Sheets.Url("s1", Month) + "/revisions/1")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Sheets.Url("s2", Month))).StatusCode);
    }

    [Fact]
    public async Task SchoolInAnotherMunicipalityIsOutOfReachEvenForItsCoordinator()
    {
        await SubmitAsync("admin-t1", "t1", TestWorld.South);
        await (await app.ClientFor("coord-n").GetAsync(Sheets.Url("t1", Month, TestWorld.South))).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(Sheets.Url("s1", Month))).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync($"/api/municipalities/{TestWorld.North}/schools")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-s").GetAsync(Sheets.Url("t1", Month, TestWorld.South))).StatusCode);
    }

    [Fact]
    public async Task CuratorSeesOnlyAssignedSchools()
    {
        await SubmitAsync("admin-s3", "s3");
        var curator = app.ClientFor("curator-n");
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync(Sheets.Url("s1", Month))).StatusCode);
        await (await curator.GetAsync(Sheets.Url("s3", Month))).AssertProblemAsync(403);
        await (await curator.PostJsonAsync(Sheets.Url("s3", Month) + "/comments", new { text = "Не моя школа" })).AssertProblemAsync(403);
        var schools = await (await curator.GetAsync($"/api/municipalities/{TestWorld.North}/schools")).ReadJsonAsync();
        Assert.Equal(["s1", "s2"], schools.AsArray().Select(s => (string)s!["id"]!).Order().ToArray());
    }

    [Fact]
    public async Task TeacherReadsOwnSchoolButCannotFillTheSheet()
    {
        var teacher = app.ClientFor("teacher-s1");
        var view = await (await teacher.GetAsync(Sheets.Url("s1", "2026-09"))).ReadJsonAsync();
        Assert.False((bool)view["can"]!["edit"]!);
        await (await teacher.PutJsonAsync(Sheets.Url("s1", "2026-09"), new { values = new { } })).AssertProblemAsync(403);
        await (await teacher.GetAsync(Sheets.Url("s2", "2026-09"))).AssertProblemAsync(403);
    }

    [Fact]
    public async Task CoordinatorReadsButDoesNotFillSchoolSheets()
    {
        var coordinator = app.ClientFor("coord-n");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(Sheets.Url("s3", "2026-09"))).StatusCode);
        await (await coordinator.PutJsonAsync(Sheets.Url("s3", "2026-09"), new { values = new { } })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task NotSignedInGetsUnauthorizedProblem()
    {
        var anonymous = app.AnonymousClient();
        var response = await anonymous.GetAsync(Sheets.Url("s1", Month));
        await response.AssertProblemAsync(401);
        var forged = app.AnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl");
        await (await forged.GetAsync("/api/me")).AssertProblemAsync(401);
    }

    [Fact]
    public async Task InactiveMemberIsTurnedAwayEvenWithAValidToken()
    {
        var retired = app.ClientFor("retired-n");
        var problem = await (await retired.GetAsync("/api/me")).AssertProblemAsync(403);
        Assert.Contains("координатор", (string?)problem["detail"]);
    }

    [Fact]
    public async Task MeTellsTheRoleAndTheSchoolsInReach()
    {
        var me = await (await app.ClientFor("curator-n").GetAsync("/api/me")).ReadJsonAsync();
        Assert.Equal("Curator", (string?)me["member"]!["role"]);
        Assert.Equal("Asia/Omsk", (string?)me["municipality"]!["timeZone"]);
        Assert.Equal(["s1", "s2"], me["schools"]!.AsArray().Select(s => (string)s!["id"]!).Order().ToArray());
    }
}
