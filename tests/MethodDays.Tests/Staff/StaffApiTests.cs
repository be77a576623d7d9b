using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Staff;

/// <summary>Keeping a school's list by hand: adding, editing with ETags, archiving, the account link and bad input.</summary>
public sealed class StaffApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string S1 = "/api/municipalities/north/schools/s1/staff";

    private static object Teacher(string name, string category = "highest", string[]? subjects = null, string? email = null, string? personId = null, bool? active = null) => new
    {
        fullName = name,
        subjects = subjects ?? ["Русский язык", "Литература"],
        category,
        position = "учитель",
        email,
        personId,
        active,
    };

    [Fact]
    public async Task TheSchoolAddsATeacherAndFindsThemInItsList()
    {
        var admin = app.ClientFor("admin-s1");
        var created = await admin.PostJsonAsync(S1, Teacher("Горелова  Анна Сергеевна", "first", ["Математика", "Математика", "Информатика"], "gorelova@s1.example"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var teacher = await created.ReadJsonAsync();
        Assert.Equal("Горелова Анна Сергеевна", (string?)teacher["fullName"]);
        Assert.Equal(["Математика", "Информатика"], teacher["subjects"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("первая квалификационная категория", (string?)teacher["categoryLabel"]);
        Assert.NotNull(created.Headers.ETag);

        var list = await (await admin.GetAsync(S1)).ReadJsonAsync();
        Assert.Contains(list["teachers"]!.AsArray(), t => (string?)t!["id"] == (string?)teacher["id"] && (string?)t["email"] == "gorelova@s1.example");
        Assert.True((bool)list["permissions"]!["canEdit"]!);
        Assert.Equal(4, list["categories"]!.AsArray().Count);
    }

    [Fact]
    public async Task TheSameNameTwiceIsAConflictShowingTheExistingTeacher()
    {
        var admin = app.ClientFor("admin-s1");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync(S1, Teacher("Дубова Елена Петровна"))).StatusCode);
        var again = await app.ClientFor("methodist-n").PostJsonAsync(S1, Teacher("дубова елена  петровна"));
        var problem = await again.AssertProblemAsync(409);
        Assert.Equal("Дубова Елена Петровна", (string?)problem["current"]!["fullName"]);
    }

    [Fact]
    public async Task AStaleEditIsAConflictWithTheCurrentVersionAndLosesNothing()
    {
        var admin = app.ClientFor("admin-s1");
        var created = await admin.PostJsonAsync(S1, Teacher("Кравец Ольга Ивановна"));
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        var etag = created.Headers.ETag!.ToString();

        var methodist = await app.ClientFor("methodist-n").PutJsonAsync($"{S1}/{id}", Teacher("Кравец Ольга Ивановна", "highest", ["Русский язык"]), etag);
        Assert.Equal(HttpStatusCode.OK, methodist.StatusCode);

        var stale = await admin.PutJsonAsync($"{S1}/{id}", Teacher("Кравец Ольга Ивановна", "none"), etag);
        var problem = await stale.AssertProblemAsync(409);
        Assert.Equal(["Русский язык"], problem["current"]!["subjects"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("Методист Северный", (string?)problem["detail"]);

        var now = await (await admin.GetAsync($"{S1}/{id}")).ReadJsonAsync();
        Assert.Equal("highest", (string?)now["category"]);

        var noTag = await admin.PutJsonAsync($"{S1}/{id}", Teacher("Кравец Ольга Ивановна"));
        await noTag.AssertProblemAsync(428);
    }

    [Fact]
    public async Task ATeacherWhoLeftIsArchivedKeptAndCanComeBack()
    {
        var admin = app.ClientFor("admin-s1");
        var created = await admin.PostJsonAsync(S1, Teacher("Лукина Вера Олеговна"));
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        var archived = await admin.PutJsonAsync($"{S1}/{id}", Teacher("Лукина Вера Олеговна", active: false), created.Headers.ETag!.ToString());
        Assert.False((bool)(await archived.ReadJsonAsync())["active"]!);

        var list = await (await admin.GetAsync(S1)).ReadJsonAsync();
        Assert.DoesNotContain(list["teachers"]!.AsArray(), t => (string?)t!["id"] == id);
        var withArchive = await (await admin.GetAsync($"{S1}?archived=true")).ReadJsonAsync();
        Assert.Contains(withArchive["teachers"]!.AsArray(), t => (string?)t!["id"] == id && (bool)t["active"]! == false);

        // The record still answers by its id: visits and diagnostics keep pointing at it.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{S1}/{id}")).StatusCode);

        var restored = await admin.PutJsonAsync($"{S1}/{id}", Teacher("Лукина Вера Олеговна", active: true), archived.Headers.ETag!.ToString());
        Assert.True((bool)(await restored.ReadJsonAsync())["active"]!);
        Assert.Equal(id, (string?)(await restored.ReadJsonAsync())["id"]);
    }

    [Fact]
    public async Task ARenamedTeacherKeepsTheirId()
    {
        var admin = app.ClientFor("admin-s1");
        var created = await admin.PostJsonAsync(S1, Teacher("Соколова Ирина Андреевна"));
        var id = (string)(await created.ReadJsonAsync())["id"]!;
        var renamed = await admin.PutJsonAsync($"{S1}/{id}", Teacher("Белова Ирина Андреевна"), created.Headers.ETag!.ToString());
        Assert.Equal(id, (string?)(await renamed.ReadJsonAsync())["id"]);

        // A new colleague with the old name is a different teacher with an id of their own.
        var namesake = await admin.PostJsonAsync(S1, Teacher("Соколова Ирина Андреевна"));
        Assert.Equal(HttpStatusCode.Created, namesake.StatusCode);
        Assert.NotEqual(id, (string?)(await namesake.ReadJsonAsync())["id"]);
    }

    [Fact]
    public async Task ATeacherWithAnAccountIsLinkedOnlyToAMemberOfTheSchool()
    {
        var admin = app.ClientFor("admin-s1");
        var linked = await admin.PostJsonAsync(S1, Teacher("Педагог Первой Школы", personId: "teacher-s1"));
        Assert.Equal("teacher-s1", (string?)(await linked.ReadJsonAsync())["personId"]);

        await (await admin.PostJsonAsync(S1, Teacher("Чужой Пётр Ильич", personId: "admin-s3"))).AssertProblemAsync(400, "personId");
        await (await admin.PostJsonAsync(S1, Teacher("Второй Пётр Ильич", personId: "teacher-s1"))).AssertProblemAsync(400, "personId");
    }

    [Fact]
    public async Task BadFieldsAreListedInRussianAndNothingIsSaved()
    {
        var admin = app.ClientFor("admin-s1");
        var bad = await admin.PostJsonAsync(S1, new { fullName = "Иванов", subjects = new[] { new string('я', 101) }, category = "высшая", position = "", email = "нет-почты" });
        var problem = await bad.AssertProblemAsync(400, "fullName", "subjects.0", "category", "position", "email");
        Assert.Matches("[А-Яа-я]", (string)problem["errors"]!["category"]![0]!);

        var control = await admin.PostJsonAsync(S1, Teacher("Петров\u0007 Иван Ильич", subjects: ["Физика\u0000"]));
        // Control characters are refused by the API's one text check, which names list items as JSON paths.
        var controlProblem = await control.AssertProblemAsync(400, "fullName", "subjects[0]");
        Assert.Contains("управляющие", (string)controlProblem["errors"]!["fullName"]![0]!);

        var list = await (await admin.GetAsync(S1)).ReadJsonAsync();
        Assert.DoesNotContain(list["teachers"]!.AsArray(), t => ((string?)t!["fullName"])!.StartsWith("Петров", StringComparison.Ordinal));
    }
}
