using System.Net;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>The municipality's trend shows a sheet the moment it is submitted, without waiting for the nightly run.</summary>
public sealed class TrendAtOnceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SheetsSubmittedThisMonthAppearInTheMunicipalTrendAtOnce()
    {
        // The clock stands in mid-November; no timer has run. Two schools submit at the same moment.
        var template = app.Service<SheetTemplates>().Current;
        var submissions = await Task.WhenAll(
            app.ClientFor("admin-s1").PostJsonAsync(Sheets.Url("s1", "2026-11") + "/submit", new { values = Sheets.Scoring(template, 105) }),
            app.ClientFor("admin-s2").PostJsonAsync(Sheets.Url("s2", "2026-11") + "/submit", new { values = Sheets.Scoring(template, 56) }));
        Assert.All(submissions, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));

        var trend = await (await app.ClientFor("coord-n").GetAsync($"/api/municipalities/{TestWorld.North}/self-assessment/trend")).ReadJsonAsync();
        var november = Assert.Single(trend["months"]!.AsArray())!;
        Assert.Equal("2026-11", (string?)november["month"]);
        Assert.Equal(3, (int)november["schools"]!);
        Assert.Equal(2, (int)november["submitted"]!);
        Assert.Equal(1, (int)november["high"]!);
        Assert.Equal(1, (int)november["low"]!);
        Assert.Equal(57.5, (double)november["averagePercent"]!);
    }
}
