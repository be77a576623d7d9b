using System.Net;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>Who may read and write progress sheets and help plans.</summary>
public sealed class ProgressAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Month = "2026-10";

    /// <summary>A submitted sheet and one plan item for the school; returns the item's id.</summary>
    private async Task<string> PrepareAsync(string admin, string school, string id)
    {
        var submit = await app.ClientFor(admin).PostJsonAsync(Url(school, Month) + "/submit", Complete(Month));
        Assert.True(submit.IsSuccessStatusCode || submit.StatusCode == HttpStatusCode.Conflict);
        var add = await app.ClientFor("coord-n").PostJsonAsync(PlanUrl(school), new { id, action = "Практикум по оцениванию", responsible = "Методист ЦРО", dueDate = "2026-12-10" });
        Assert.True(add.IsSuccessStatusCode, await add.Content.ReadAsStringAsync());
        return id;
    }

    [Fact]
    public async Task SchoolCannotReadAnotherSchoolsProgressSheetOrPlan()
    {
        var item = await PrepareAsync("admin-s1", "s1", "access-s1-item");
        var other = app.ClientFor("admin-s2");
        await (await other.GetAsync(Url("s1", Month))).AssertProblemAsync(403);
        await (await other.GetAsync(Url("s1", Month) + "/revisions/1")).AssertProblemAsync(403);
        await (await other.GetAsync(PlanUrl("s1"))).AssertProblemAsync(403);
        await (await other.GetAsync($"{PlanUrl("s1")}/{item}")).AssertProblemAsync(403);
        await (await other.PutJsonAsync(Url("s1", Month), new { })).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Url("s2", Month))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(PlanUrl("s2"))).StatusCode);
    }

    [Fact]
    public async Task TeacherReadsTheSchoolsSheetAndPlanButWritesNeither()
    {
        var item = await PrepareAsync("admin-s1", "s1", "access-teacher-item");
        var teacher = app.ClientFor("teacher-s1");
        var sheet = await (await teacher.GetAsync(Url("s1", Month))).ReadJsonAsync();
        Assert.Equal("submitted", (string?)sheet["status"]);
        Assert.False((bool)sheet["can"]!["edit"]!);
        await (await teacher.PutJsonAsync(Url("s1", "2026-09"), new { })).AssertProblemAsync(403);
        await (await teacher.PostJsonAsync(Url("s1", "2026-09") + "/submit", Complete("2026-09"))).AssertProblemAsync(403);

        var plan = await (await teacher.GetAsync(PlanUrl("s1"))).ReadJsonAsync();
        Assert.Contains(plan["items"]!.AsArray(), i => (string?)i!["id"] == item);
        Assert.False((bool)plan["can"]!["edit"]!);
        await (await teacher.PostJsonAsync(PlanUrl("s1"), new { action = "Своё", responsible = "Я", dueDate = "2026-12-01" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task SchoolAdminReadsThePlanButCannotEditIt()
    {
        var item = await PrepareAsync("admin-s2", "s2", "access-admin-item");
        var admin = app.ClientFor("admin-s2");
        var read = await admin.GetAsync($"{PlanUrl("s2")}/{item}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var plan = await (await admin.GetAsync(PlanUrl("s2"))).ReadJsonAsync();
        Assert.False((bool)plan["can"]!["edit"]!);

        await (await admin.PostJsonAsync(PlanUrl("s2"), new { action = "Сами себе поможем", responsible = "Директор", dueDate = "2026-12-01" })).AssertProblemAsync(403);
        var update = await admin.PutJsonAsync($"{PlanUrl("s2")}/{item}", new { action = "Отменить", responsible = "Директор", dueDate = "2026-12-01", status = "cancelled" }, read.Headers.ETag!.ToString());
        await update.AssertProblemAsync(403);
        Assert.Equal("planned", (string?)(await (await admin.GetAsync($"{PlanUrl("s2")}/{item}")).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task CuratorReachesOnlyAssignedSchools()
    {
        await PrepareAsync("admin-s3", "s3", "access-s3-item");
        var curator = app.ClientFor("curator-n");
        await (await curator.GetAsync(Url("s3", Month))).AssertProblemAsync(403);
        await (await curator.PostJsonAsync(Url("s3", Month) + "/comments", new { text = "Не моя школа" })).AssertProblemAsync(403);
        await (await curator.GetAsync(PlanUrl("s3"))).AssertProblemAsync(403);
        await (await curator.PostJsonAsync(PlanUrl("s3"), new { action = "Помощь", responsible = "Куратор", dueDate = "2026-12-01" })).AssertProblemAsync(403);

        var added = await curator.PostJsonAsync(PlanUrl("s1"), new { action = "Встреча с административной командой", responsible = "Куратор Северный", dueDate = "2026-12-01" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var summary = await (await curator.GetAsync(SummaryUrl(Month))).ReadJsonAsync();
        Assert.Equal(["s1", "s2"], summary["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!).Order().ToArray());
    }

    [Fact]
    public async Task MunicipalityViewsAreNotForSchoolsNorForAnotherMunicipality()
    {
        foreach (var person in new[] { "admin-s1", "teacher-s1", "coord-s" })
        {
            var client = app.ClientFor(person);
            await (await client.GetAsync(SummaryUrl(Month))).AssertProblemAsync(403);
            await (await client.GetAsync(OverdueUrl())).AssertProblemAsync(403);
        }

        var south = app.ClientFor("coord-s");
        await (await south.GetAsync(Url("s1", Month))).AssertProblemAsync(403);
        await (await south.GetAsync(PlanUrl("s1"))).AssertProblemAsync(403);
        await (await south.PostJsonAsync(PlanUrl("s1"), new { action = "Чужая школа", responsible = "Координатор", dueDate = "2026-12-01" })).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await south.GetAsync(SummaryUrl(Month, TestWorld.South))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").GetAsync(OverdueUrl())).StatusCode);
    }

    [Fact]
    public async Task SignedOutCallerGetsUnauthorized()
    {
        var anonymous = app.AnonymousClient();
        await (await anonymous.GetAsync(Url("s1", Month))).AssertProblemAsync(401);
        await (await anonymous.GetAsync(PlanUrl("s1"))).AssertProblemAsync(401);
    }
}
