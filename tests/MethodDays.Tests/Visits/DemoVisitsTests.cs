using MethodDays.Features.Demo;
using MethodDays.Tests.Demo;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>The demo municipality has candidates with reasons, a school's request and one planned visit its school sees.</summary>
public sealed class DemoVisitsTests(DemoFactory app) : IClassFixture<DemoFactory>
{
    private const string Mun = "/api/municipalities/" + DemoData.MunicipalityId;

    [Fact]
    public async Task TheDemoHasCandidatesARequestAndAPlannedVisit()
    {
        var candidates = await (await app.DemoClient("lebedev").GetAsync($"{Mun}/visits/candidates")).ReadJsonAsync();
        var schools = candidates["schools"]!.AsArray();
        Assert.Equal(8, schools.Count);
        Assert.Contains((string?)schools[0]!["schoolId"], new[] { "kedrovka", "ozernaya", "polyana" });
        Assert.Contains(schools[0]!["reasons"]!.AsArray(), r => (string?)r!["code"] == "quality" && (bool)r["met"]!);
        var leader = schools.Single(s => (string?)s!["schoolId"] == "berezovka-1")!;
        Assert.True((int)schools[0]!["score"]! > (int)leader["score"]! + 5, "a leader school is far below the ШНОР schools");
        Assert.NotNull(schools.Single(s => (string?)s!["schoolId"] == "polyana")!["request"]);

        var own = await (await app.DemoClient("smirnova").GetAsync($"{Mun}/schools/ozernaya/visits")).ReadJsonAsync();
        var visit = own["visits"]!.AsArray().Single()!;
        var full = await (await app.DemoClient("smirnova").GetAsync($"{Mun}/visits/{(string)visit["id"]!}")).ReadJsonAsync();
        Assert.Equal(6, full["team"]!.AsArray().Count);
        Assert.Equal(2, full["lessons"]!.AsArray().Count);
        Assert.Empty(full["warnings"]!.AsArray());
    }
}
