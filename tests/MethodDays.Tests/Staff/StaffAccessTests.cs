using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Staff;

/// <summary>
/// Who keeps and who reads a staff list (rules in StaffAccess): the school's admin team its own school, the coordinator
/// and methodists the municipality; the curator reads; a teacher sees colleagues' names and subjects only.
/// </summary>
public sealed class StaffAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string S1 = "/api/municipalities/north/schools/s1/staff";
    private const string S3 = "/api/municipalities/north/schools/s3/staff";

    private static object Teacher(string name) => new { fullName = name, subjects = new[] { "История" }, category = "first", position = "учитель", email = "t@s.example" };

    [Fact]
    public async Task AnotherSchoolsAdminCanNeitherReadNorEditTheList()
    {
        var created = await (await app.ClientFor("admin-s3").PostJsonAsync(S3, Teacher("Третьякова Нина Ивановна"))).ReadJsonAsync();
        var admin = app.ClientFor("admin-s1");
        await (await admin.GetAsync(S3)).AssertProblemAsync(403);
        await (await admin.GetAsync($"{S3}/{(string)created["id"]!}")).AssertProblemAsync(403);
        await (await admin.PostJsonAsync(S3, Teacher("Чужая Анна Павловна"))).AssertProblemAsync(403);
        await (await admin.GetAsync($"{S3}/summary")).AssertProblemAsync(403);
        await (await admin.GetAsync($"{S3}/template")).AssertProblemAsync(403);
        await (await admin.ImportAsync($"{S3}/import", StaffFiles.Xlsx(StaffFiles.Teachers(1, 1, 0)))).AssertProblemAsync(403);
    }

    [Fact]
    public async Task AnotherMunicipalityIsRefusedEvenToItsCoordinator()
    {
        var south = app.ClientFor("coord-s");
        var problem = await (await south.GetAsync(S1)).AssertProblemAsync(403);
        Assert.Contains("другому муниципалитету", (string?)problem["detail"]);
        await (await south.PostJsonAsync(S1, Teacher("Южная Анна Павловна"))).AssertProblemAsync(403);
        await (await south.GetAsync("/api/municipalities/north/staff/summary")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task ATeacherSeesColleaguesNamesAndSubjectsOnlyAndCannotEdit()
    {
        var created = await app.ClientFor("admin-s1").PostJsonAsync(S1, Teacher("Орехова Зоя Петровна"));
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        var teacher = app.ClientFor("teacher-s1");

        var list = await (await teacher.GetAsync($"{S1}?archived=true")).ReadJsonAsync();
        var colleague = list["teachers"]!.AsArray().Single(t => (string?)t!["id"] == id)!.AsObject();
        Assert.Equal(["fullName", "id", "subjects"], colleague.Select(kv => kv.Key).Order());
        Assert.False((bool)list["permissions"]!["canEdit"]!);
        Assert.False((bool)list["permissions"]!["seesDetails"]!);

        await (await teacher.PostJsonAsync(S1, Teacher("Самозванова Анна Ильинична"))).AssertProblemAsync(403);
        await (await teacher.PutJsonAsync($"{S1}/{id}", Teacher("Орехова Зоя Петровна"), created.Headers.ETag!.ToString())).AssertProblemAsync(403);
        await (await teacher.ImportAsync($"{S1}/import", StaffFiles.Xlsx(StaffFiles.Teachers(1, 1, 0)))).AssertProblemAsync(403);
        await (await teacher.GetAsync($"{S1}/summary")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task TheCuratorReadsTheAssignedSchoolsListButDoesNotEditIt()
    {
        var created = await app.ClientFor("admin-s1").PostJsonAsync(S1, Teacher("Кураторова Лидия Ивановна"));
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        var curator = app.ClientFor("curator-n");
        var list = await (await curator.GetAsync(S1)).ReadJsonAsync();
        Assert.Contains(list["teachers"]!.AsArray(), t => (string?)t!["id"] == id && (string?)t["email"] == "t@s.example");
        Assert.False((bool)list["permissions"]!["canEdit"]!);
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"{S1}/summary")).StatusCode);
        await (await curator.PutJsonAsync($"{S1}/{id}", Teacher("Кураторова Лидия Ивановна"), created.Headers.ETag!.ToString())).AssertProblemAsync(403);
        await (await curator.GetAsync(S3)).AssertProblemAsync(403); // not assigned to s3
        await (await curator.GetAsync("/api/municipalities/north/staff/summary")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task TheCoordinatorAndMethodistsKeepEverySchoolsList()
    {
        foreach (var (person, name) in new[] { ("coord-n", "Координатова Мария Ивановна"), ("methodist-n", "Методистова Мария Ивановна") })
        {
            var client = app.ClientFor(person);
            var created = await client.PostJsonAsync(S3, Teacher(name));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/municipalities/north/staff/summary")).StatusCode);
        }
    }
}
