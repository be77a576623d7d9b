using System.Net;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>The app with its public address configured, as in Azure.</summary>
public sealed class PublicAddressFactory : AppFactory
{
    public const string PublicUrl = "https://emd.example.ru";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["PublicUrl"] = PublicUrl };
}

/// <summary>Each person's calendar link to a school: from the public address, replaceable, and only theirs.</summary>
public sealed class CalendarTests(PublicAddressFactory app) : IClassFixture<PublicAddressFactory>
{
    private const string Link = "/api/municipalities/north/schools/s1/calendar";

    private static async Task<string> LinkAsync(HttpClient client, string url = Link, HttpMethod? method = null)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadJsonAsync())["url"]!;
    }

    [Fact]
    public async Task SchoolSubscribesToItsCalendar()
    {
        var url = new Uri(await LinkAsync(app.ClientFor("admin-s1")));
        Assert.Equal(url.ToString(), await LinkAsync(app.ClientFor("admin-s1")));
        await (await app.ClientFor("admin-s2").GetAsync(Link)).AssertProblemAsync(403);

        var ics = await app.AnonymousClient().GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text);
        Assert.Contains("X-WR-CALNAME:ЕМД — Первая ООШ", text);
        // Poltava, week 47 (Omsk, UTC+6): questions due Monday 23 November 11:00 local = 05:00 UTC.
        Assert.Contains("DTSTART:20261123T050000Z", text);
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75));
        await (await app.AnonymousClient().GetAsync("/api/calendar/" + new string('0', 40) + ".ics")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task LinkPointsAtTheAppsPublicAddressWhateverHostTheRequestNames()
    {
        var client = app.ClientFor("admin-s1");
        var request = new HttpRequestMessage(HttpMethod.Get, Link);
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (string)(await response.ReadJsonAsync())["url"]!;
        Assert.StartsWith(PublicAddressFactory.PublicUrl + "/api/calendar/", url);
        Assert.DoesNotContain("evil.example", url);
    }

    [Fact]
    public async Task PersonReplacesTheirLinkAndTheOldOneStopsWhileOthersKeepWorking()
    {
        var admin = app.ClientFor("admin-s1b");
        var old = new Uri(await LinkAsync(admin));
        var curators = new Uri(await LinkAsync(app.ClientFor("curator-n")));
        Assert.NotEqual(old, curators);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync(old.PathAndQuery)).StatusCode);

        var renewed = new Uri(await LinkAsync(admin, Link + "/renew", HttpMethod.Post));
        Assert.NotEqual(old, renewed);
        await (await app.AnonymousClient().GetAsync(old.PathAndQuery)).AssertProblemAsync(404);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync(renewed.PathAndQuery)).StatusCode);
        Assert.Equal(renewed.ToString(), await LinkAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync(curators.PathAndQuery)).StatusCode);
        await (await app.ClientFor("admin-s2").PostAsync(Link + "/renew", null)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task LinkStopsWhenItsOwnerNoLongerReachesTheSchool()
    {
        var directory = app.Service<DirectoryStore>();
        var teacher = TestWorld.Person("teacher-s1");
        var url = new Uri(await LinkAsync(app.ClientFor("teacher-s1")));
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync(url.PathAndQuery)).StatusCode);

        // The teacher moved to another school: the link to the first school's calendar opens nothing now.
        await directory.SaveMemberAsync(teacher with { SchoolIds = ["s2"] }, DevSignIn.DevIdentity(teacher), CancellationToken.None);
        try
        {
            await (await app.AnonymousClient().GetAsync(url.PathAndQuery)).AssertProblemAsync(404);
        }
        finally
        {
            await directory.SaveMemberAsync(teacher, DevSignIn.DevIdentity(teacher), CancellationToken.None);
        }
    }

    [Fact]
    public async Task SchoolsSharedLinkFromBeforeStillOpensUntilSomeoneOfTheSchoolReplacesTheirs()
    {
        // A link as made when there was one per school: the school's row and an index row without a person.
        var token = new string('e', 40);
        var table = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(CalendarStore.Table));
        await table.UpsertEntityAsync(new TableEntity("token", token) { ["MunicipalityId"] = "north", ["SchoolId"] = "s2" });
        await table.UpsertEntityAsync(new TableEntity("north", "s2") { ["Token"] = token });
        var shared = $"/api/calendar/{token}.ics";
        var ics = await app.AnonymousClient().GetAsync(shared);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Contains("Вторая СОШ", await ics.Content.ReadAsStringAsync());

        await LinkAsync(app.ClientFor("admin-s2"), "/api/municipalities/north/schools/s2/calendar/renew", HttpMethod.Post);
        await (await app.AnonymousClient().GetAsync(shared)).AssertProblemAsync(404);
    }
}
