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
        Assert.Equal(12, schools.Count);
        Assert.Contains((string?)schools[0]!["schoolId"], new[] { "kedrovka", "ozernaya", "polyana" });
        Assert.Contains(schools[0]!["reasons"]!.AsArray(), r => (string?)r!["code"] == "quality" && (bool)r["met"]!);
        var leader = schools.Single(s => (string?)s!["schoolId"] == "berezovka-1")!;
        Assert.True((int)schools[0]!["score"]! > (int)leader["score"]! + 5, "a leader school is far below the ШНОР schools");
        Assert.NotNull(schools.Single(s => (string?)s!["schoolId"] == "polyana")!["request"]);

        var own = await (await app.DemoClient("smirnova").GetAsync($"{Mun}/schools/ozernaya/visits")).ReadJsonAsync();
        var visit = own["visits"]!.AsArray().Single(v => (string?)v!["id"] == "demo0visit01")!;
        var full = await (await app.DemoClient("smirnova").GetAsync($"{Mun}/visits/{(string)visit["id"]!}")).ReadJsonAsync();
        Assert.Equal(6, full["team"]!.AsArray().Count);
        Assert.Equal(2, full["lessons"]!.AsArray().Count);
        Assert.Empty(full["warnings"]!.AsArray());
    }

    /// <summary>The past school year is full, in the seed's shape (seed 000: «142 урока в 12 школах, в том числе 7 ШНОР (4 … вышли из ШНОР, и 3 … еще в ШНОР)»).</summary>
    [Fact]
    public async Task ThePastSchoolYearHasItsFigures()
    {
        var year = await (await app.DemoClient("sokolova").GetAsync($"{Mun}/visits/years/2025-2026")).ReadJsonAsync();
        var t = year["totals"]!;
        Assert.Equal(16, (int)t["visits"]!);
        Assert.Equal(12, (int)t["schools"]!);
        Assert.Equal(142, (int)t["lessonsObserved"]!);
        Assert.Equal(195, (int)t["protocols"]!);
        Assert.Equal(7, (int)t["shnorSchools"]!);
        Assert.Equal(4, (int)t["shnorLeft"]!);
        Assert.Equal(4, (int)t["repeatVisits"]!);
        Assert.Equal(16, (int)t["helpItems"]!);
        Assert.Equal(14, (int)t["helpDone"]!);
        Assert.Equal(0, (int)t["helpOverdue"]!);
        Assert.Equal(3, (int)t["requestsAnswered"]!);
        var repeated = year["schools"]!.AsArray().Where(s => s!["visits"]!.AsArray().Count == 2).ToList();
        Assert.Equal(4, repeated.Count);
        Assert.All(repeated, s => Assert.True((double)s!["lastMark"]! > (double)s["firstMark"]!, $"{s["schoolName"]}: a repeat visit finds the school further on"));
        Assert.Equal(["kedrovka", "ozernaya", "sosnovka"], year["schools"]!.AsArray().Where(s => (bool)s!["shnor"]! && !(bool)s["leftShnor"]!).Select(s => (string)s!["schoolId"]!).Order().ToArray());
        Assert.Equal(0, (int)(await (await app.DemoClient("sokolova").GetAsync($"{Mun}/visits/years/2026-2027")).ReadJsonAsync())["totals"]!["visits"]!);
    }
}
