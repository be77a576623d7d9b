using MethodDays.Features.Staff;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Staff;

/// <summary>The categories as seed 004 reports them: counts and whole per cents of the active teachers.</summary>
public sealed class StaffSummaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ASchoolWithTheSeedsProportionShowsSixtyEightSeventeenFifteen()
    {
        var admin = app.ClientFor("admin-s2");
        await admin.ImportAsync("/api/municipalities/north/schools/s2/staff/import", StaffFiles.Xlsx(StaffFiles.Teachers(41, 28, 7)));

        var summary = (await (await admin.GetAsync("/api/municipalities/north/schools/s2/staff/summary")).ReadJsonAsync())["summary"]!;
        Assert.Equal(41, (int)summary["total"]!);
        var shares = summary["categories"]!.AsArray().ToDictionary(c => (string)c!["code"]!, c => ((int)c!["count"]!, (int)c["percent"]!));
        Assert.Equal((28, 68), shares["highest"]);
        Assert.Equal((7, 17), shares["first"]);
        Assert.Equal((0, 0), shares["fit"]);
        Assert.Equal((6, 15), shares["none"]);
        Assert.Equal("68 % высшая / 17 % первая / 15 % без категории", (string?)summary["line"]);
    }

    [Fact]
    public async Task TheMunicipalitySumsItsSchoolsAndLeavesArchivedTeachersOut()
    {
        var coordinator = app.ClientFor("coord-n");
        await coordinator.ImportAsync("/api/municipalities/north/schools/s3/staff/import", StaffFiles.Xlsx(StaffFiles.Teachers(9, 3, 3)));
        var list = await (await coordinator.GetAsync("/api/municipalities/north/schools/s3/staff")).ReadJsonAsync();
        var leaving = list["teachers"]!.AsArray().First(t => (string?)t!["category"] == "none")!;
        var current = await coordinator.GetAsync($"/api/municipalities/north/schools/s3/staff/{(string)leaving["id"]!}");
        var body = new { fullName = (string)leaving["fullName"]!, subjects = leaving["subjects"]!.AsArray().Select(s => (string)s!), category = "none", position = "учитель", active = false };
        await coordinator.PutJsonAsync($"/api/municipalities/north/schools/s3/staff/{(string)leaving["id"]!}", body, current.Headers.ETag!.ToString());

        var view = await (await coordinator.GetAsync("/api/municipalities/north/staff/summary")).ReadJsonAsync();
        var s3 = view["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s3")!["summary"]!;
        Assert.Equal(8, (int)s3["total"]!);
        // 3, 3 and 2 of 8 are 37.5, 37.5 and 25 %: rounded each on its own they would add to 101; the one point goes to the first.
        Assert.Equal("38 % высшая / 37 % первая / 25 % без категории", (string?)s3["line"]);
        var s1 = view["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s1")!["summary"]!;
        Assert.Equal(0, (int)s1["total"]!);
        Assert.Equal("", (string?)s1["line"]);
        var total = view["summary"]!;
        Assert.Equal((int)s3["total"]! + (int)view["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s2")!["summary"]!["total"]!, (int)total["total"]!);
        Assert.Equal(100, total["categories"]!.AsArray().Sum(c => (int)c!["percent"]!));
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1, 0 }, new[] { 34, 33, 33, 0 })]
    [InlineData(new[] { 2, 0, 0, 1 }, new[] { 67, 0, 0, 33 })]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 0, 0, 0 })]
    public void PerCentsAreWholeAndAddUpToAHundred(int[] counts, int[] percents)
    {
        string[] codes = ["highest", "first", "fit", "none"];
        var summary = Categories.Summarize(codes.SelectMany((c, i) => Enumerable.Repeat(c, counts[i])));
        Assert.Equal(percents, summary.Categories.Select(c => c.Percent));
    }
}
