using System.Net;
using System.Net.Http.Headers;
using MethodDays.Platform.Auth;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Security;

/// <summary>Closing someone's access takes effect on their very next request, not when a cache runs out.</summary>
public sealed class DeactivatedMemberTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task DeactivatedMemberIsRefusedAtOnceAndReactivatedMemberIsLetInAtOnce()
    {
        var coordinator = app.ClientFor("coord-n");
        var member = new { displayName = "Временный Педагог", email = "temp@s1.example", role = "Teacher", schoolIds = new[] { "s1" }, active = true };
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/members/temp-teacher", member)).StatusCode);
        var teacher = SignedIn("temp-teacher", "Временный Педагог", "temp@s1.example");
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/members/temp-teacher", member with { active = false })).StatusCode);
        await (await teacher.GetAsync("/api/me")).AssertProblemAsync(403);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/members/temp-teacher", member)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ChangedRoleTakesEffectOnTheNextRequest()
    {
        var coordinator = app.ClientFor("coord-n");
        var member = new { displayName = "Будущий Методист", email = "future@north.example", role = "Teacher", schoolIds = new[] { "s1" }, active = true };
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/members/future-methodist", member)).StatusCode);
        var person = SignedIn("future-methodist", "Будущий Методист", "future@north.example");
        await (await person.GetAsync("/api/municipalities/north/members")).AssertProblemAsync(403);

        var promoted = new { displayName = "Будущий Методист", email = "future@north.example", role = "Methodist", schoolIds = Array.Empty<string>(), active = true };
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/municipalities/north/members/future-methodist", promoted)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/api/municipalities/north/members")).StatusCode);
    }

    /// <summary>A person signing in with a token for the e-mail the coordinator entered (their first sign-in links it).</summary>
    private HttpClient SignedIn(string personId, string name, string email)
    {
        var token = app.Service<DevTokenIssuer>().Issue("oid-" + personId, name, email, TimeSpan.FromHours(1));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
