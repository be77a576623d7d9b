using System.Net;
using System.Net.Http.Headers;
using MethodDays.Platform.Auth;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.People;

/// <summary>The coordinator keeps the municipality's schools and people; roles live in the app's own table.</summary>
public sealed class MemberManagementTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Members = $"/api/municipalities/{TestWorld.North}/members";

    [Fact]
    public async Task CoordinatorAddsAPersonWhoThenSignsInByEmailForTheFirstTime()
    {
        var coordinator = app.ClientFor("coord-n");
        var saved = await coordinator.PutJsonAsync($"{Members}/new-admin", new { displayName = "Новый Администратор", email = "New.Admin@s3.example", role = "SchoolAdmin", schoolIds = new[] { "s3" } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // An Entra token the app has never seen: the object id is new, the e-mail matches the member.
        var token = app.Service<DevTokenIssuer>().Issue("entra-oid-7f3a", "Новый Администратор", "new.admin@s3.example", TimeSpan.FromHours(1));
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await (await client.GetAsync("/api/me")).ReadJsonAsync();
        Assert.Equal("new-admin", (string?)me["member"]!["personId"]);
        Assert.Equal(["s3"], me["schools"]!.AsArray().Select(s => (string)s!["id"]!).ToArray());

        // Linked by object id now: a later token without the e-mail still finds the member.
        var second = app.AnonymousClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Service<DevTokenIssuer>().Issue("entra-oid-7f3a", "Новый Администратор", null, TimeSpan.FromHours(1)));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task MemberRulesAreCheckedWithFieldNames()
    {
        var coordinator = app.ClientFor("coord-n");
        var response = await coordinator.PutJsonAsync($"{Members}/Bad_Id", new { displayName = "Х", email = "not-an-email", role = "Teacher", schoolIds = new[] { "s1", "zz" } });
        await response.AssertProblemAsync(400, "displayName", "email");

        var rules = await coordinator.PutJsonAsync($"{Members}/Bad_Id", new { displayName = "Педагог", email = "t@s1.example", role = "Teacher", schoolIds = new[] { "s1", "zz" } });
        await rules.AssertProblemAsync(400, "personId", "schoolIds");
    }

    [Fact]
    public async Task OnlyTheCoordinatorManagesPeopleAndSchools()
    {
        await (await app.ClientFor("methodist-n").PutJsonAsync($"{Members}/x-person", new { displayName = "Кто-то", email = "x@x.example", role = "Teacher", schoolIds = new[] { "s1" } })).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").PutJsonAsync($"{Members}/x-person", new { displayName = "Кто-то", email = "x@x.example", role = "Teacher", schoolIds = new[] { "s1" } })).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s1").PutJsonAsync($"/api/municipalities/{TestWorld.North}/schools/s9", new { name = "Новая школа", shortName = "Новая", kind = "Basic" })).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").GetAsync(Members)).StatusCode);
        await (await app.ClientFor("curator-n").GetAsync(Members)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task CoordinatorAddsASchool()
    {
        var coordinator = app.ClientFor("coord-n");
        var response = await coordinator.PutJsonAsync($"/api/municipalities/{TestWorld.North}/schools/s4", new { name = "МБОУ «Четвёртая основная общеобразовательная школа»", shortName = "Четвёртая ООШ", kind = "Basic", lowResults = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schools = await (await coordinator.GetAsync($"/api/municipalities/{TestWorld.North}/schools")).ReadJsonAsync();
        Assert.Contains(schools.AsArray(), s => (string?)s!["id"] == "s4" && (string?)s["kind"] == "Basic");
    }

    [Fact]
    public async Task CoordinatorCannotLockThemselvesOut()
    {
        var response = await app.ClientFor("coord-n").PutJsonAsync($"{Members}/coord-n", new { displayName = "Координатор Северный", email = "coord@north.example", role = "Methodist", schoolIds = Array.Empty<string>() });
        await response.AssertProblemAsync(400, "role");
    }
}
