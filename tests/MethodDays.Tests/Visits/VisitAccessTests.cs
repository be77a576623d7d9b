using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>
/// Who reaches visits (rules in VisitAccess): the coordinator and methodists plan; the visited school's administration
/// sees its own visits and requests; the team sees the visits it is on; other schools and other municipalities nothing.
/// </summary>
public sealed class VisitAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Visits = "/api/municipalities/north/visits";

    private static readonly string[] Patronymics = ["Ивановна", "Сергеевна", "Олеговна", "Петровна"];
    private static int _planned;

    private async Task<string> PlanAsync()
    {
        var name = "Петрова Анна " + Patronymics[Interlocked.Increment(ref _planned) % Patronymics.Length];
        var teacher = await VisitFiles.TeacherAsync(app, "admin-s2", "s2", name, "Математика");
        var created = await app.ClientFor("methodist-n").PostJsonAsync(Visits, VisitFiles.Visit(teacher,
            team: [new { personId = "methodist-n", role = "leader" }, new { personId = "curator-n", role = "observer" }]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    [Fact]
    public async Task TheVisitedSchoolSeesItsVisitAndAnotherSchoolSeesNothing()
    {
        var id = await PlanAsync();
        var own = app.ClientFor("admin-s2");
        var visit = await own.GetAsync($"{Visits}/{id}");
        Assert.Equal(HttpStatusCode.OK, visit.StatusCode);
        var body = await visit.ReadJsonAsync();
        Assert.False((bool)body["canEdit"]!);
        Assert.Null(visit.Headers.ETag);
        Assert.Contains((await (await own.GetAsync(Visits)).ReadJsonAsync())["visits"]!.AsArray(), v => (string?)v!["id"] == id);
        await (await own.PutJsonAsync($"{Visits}/{id}", new { }, "\"x\"")).AssertProblemAsync(403);

        var other = app.ClientFor("admin-s1");
        await (await other.GetAsync($"{Visits}/{id}")).AssertProblemAsync(404);
        Assert.Empty((await (await other.GetAsync(Visits)).ReadJsonAsync())["visits"]!.AsArray());
        await (await other.GetAsync("/api/municipalities/north/schools/s2/visits")).AssertProblemAsync(403);
        await (await other.PostJsonAsync("/api/municipalities/north/schools/s2/visit-requests", new { month = "2027-02", reason = "Просим за соседнюю школу" })).AssertProblemAsync(403);
        await (await other.GetAsync($"{Visits}/candidates")).AssertProblemAsync(403);
        await (await other.GetAsync("/api/municipalities/north/results/2026-2027")).AssertProblemAsync(403);
        await (await other.PostJsonAsync(Visits, new { })).AssertProblemAsync(403);

        // A teacher of the visited school's municipality who is not on the team sees nothing either.
        await (await app.ClientFor("teacher-s1").GetAsync($"{Visits}/{id}")).AssertProblemAsync(404);
        // The team does.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("curator-n").GetAsync($"{Visits}/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnotherMunicipalityIsRefusedEvenToItsCoordinator()
    {
        var id = await PlanAsync();
        var south = app.ClientFor("coord-s");
        var problem = await (await south.GetAsync($"{Visits}/{id}")).AssertProblemAsync(403);
        Assert.Contains("другому муниципалитету", (string?)problem["detail"]);
        await (await south.GetAsync($"{Visits}/candidates")).AssertProblemAsync(403);
        await (await south.PutJsonAsync("/api/municipalities/north/results/2026-2027/schools/s2", new { qualityPercent = 10 })).AssertProblemAsync(403);
        await (await south.PostJsonAsync(Visits, new { schoolId = "s2" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task OnlyTheSchoolsAdministrationAsksAndOnlyPlannersAnswer()
    {
        const string Ask = "/api/municipalities/north/schools/s1/visit-requests";
        await (await app.ClientFor("teacher-s1").PostJsonAsync(Ask, new { month = "2027-03", reason = "Просим помочь с уроками математики" })).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").PostJsonAsync(Ask, new { month = "2027-03", reason = "Просим помочь с уроками математики" })).AssertProblemAsync(403);
        var asked = await app.ClientFor("admin-s1").PostJsonAsync(Ask, new { month = "2027-03", reason = "Просим помочь с уроками математики" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var id = (string)(await asked.ReadJsonAsync())["id"]!;
        await (await app.ClientFor("admin-s1").PostJsonAsync($"/api/municipalities/north/visit-requests/{id}/answer", new { decision = "agreed" })).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").PostJsonAsync($"/api/municipalities/north/visit-requests/{id}/answer", new { decision = "agreed" })).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("coord-n").PostJsonAsync($"/api/municipalities/north/visit-requests/{id}/answer", new { decision = "agreed" })).StatusCode);
        // The school's request is not another school's business.
        Assert.DoesNotContain((await (await app.ClientFor("admin-s2").GetAsync(Visits)).ReadJsonAsync())["requests"]!.AsArray(), q => (string?)q!["schoolId"] == "s1");
    }
}
