using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.Staff;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Diagnostics;

/// <summary>
/// A diagnostics import finds teachers by name through the school's roster (names to ids, kept with every staff
/// change): whatever the staff list says at the moment of the import is what the file is matched against — teachers
/// added by hand or from Excel, renamed, archived, added or renamed by several people at once, and staff written
/// before the roster existed.
/// </summary>
public sealed class DiagnosticRosterTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string StaffUrl = "/api/municipalities/north/schools/{0}/staff";
    private const string Rounds = "/api/municipalities/north/schools/{0}/diagnostics";
    private static readonly string[] Codes = ["subject", "methodical", "digital", "communicative", "psychological"];

    private static object Teacher(string name, bool? active = null) =>
        new { fullName = name, subjects = new[] { "Математика" }, category = "first", position = "учитель", active };

    private async Task<(string Id, string ETag)> AddAsync(string school, string name)
    {
        var created = await app.ClientFor($"admin-{school}").PostJsonAsync(string.Format(StaffUrl, school), Teacher(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((string)(await created.ReadJsonAsync())["id"]!, created.Headers.ETag!.ToString());
    }

    private async Task<string> RoundAsync(string school, string date)
    {
        var round = await app.ClientFor($"admin-{school}").PostJsonAsync(string.Format(Rounds, school), new { kind = "entry", date });
        Assert.Equal(HttpStatusCode.Created, round.StatusCode);
        return (string)(await round.ReadJsonAsync())["id"]!;
    }

    /// <summary>The school's table as a filled file: each name with the same levels.</summary>
    private static byte[] File(params string[] names)
    {
        var competences = Competences.All.Select(c => new CompetenceView(c.Code, c.Label, Competences.DefaultCutOffs[c.Code])).ToList();
        var round = new RoundView("r", "entry", "входная", "2026-10-01", "", "", null, competences, names.Length, DateTimeOffset.UtcNow, "", "");
        var rows = names.Select((n, i) => new TableRow(i + 1, $"x{i}", n, [.. Codes.Select(c => new TableCell(c, 70, null))])).ToList();
        return DiagnosticWorkbook.Write(new DiagnosticTable("Школа", round, null, rows, [.. Codes.Select(c => new TableCell(c, null, null))], [], [], 0), []);
    }

    private async Task<HttpResponseMessage> ImportAsync(string school, string round, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return await app.ClientFor($"admin-{school}").PostAsync($"{string.Format(Rounds, school)}/{round}/import?dryRun=true", content);
    }

    /// <summary>The names of a file the import did not find in the staff list (empty when every row matched).</summary>
    private async Task<List<string>> UnknownAsync(string school, string round, params string[] names)
    {
        var response = await ImportAsync(school, round, File(names));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(names.Length, (int)(await response.ReadJsonAsync())["teachers"]!);
            return [];
        }

        var problem = await response.AssertProblemAsync(400);
        return [.. names.Where(n => problem["cells"]!.AsArray().Any(c => ((string)c!["message"]!).Contains($"«{n}» нет в списке педагогов", StringComparison.Ordinal)))];
    }

    [Fact]
    public async Task TeachersAddedByHandOrFromExcelAndArchivedOnesAreFoundByTheImport()
    {
        var round = await RoundAsync("s1", "2026-10-01");
        var (archivedId, etag) = await AddAsync("s1", "Ростерова Алла Ивановна");
        await AddAsync("s1", "Ростерова Белла Ивановна");
        var archived = await app.ClientFor("admin-s1").PutJsonAsync($"{string.Format(StaffUrl, "s1")}/{archivedId}", Teacher("Ростерова Алла Ивановна", active: false), etag);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(["Новенькая Вера Ивановна"], await UnknownAsync("s1", round, "Ростерова Алла Ивановна", "Ростерова Белла Ивановна", "Новенькая Вера Ивановна"));

        var imported = await MethodDays.Tests.Staff.StaffFiles.ImportAsync(app.ClientFor("admin-s1"), $"{string.Format(StaffUrl, "s1")}/import",
            MethodDays.Tests.Staff.StaffFiles.Xlsx([["Новенькая Вера Ивановна", "Химия", "первая", "учитель", ""]]));
        Assert.Equal(1, (int)(await imported.ReadJsonAsync())["added"]!);
        Assert.Empty(await UnknownAsync("s1", round, "Ростерова Алла Ивановна", "Ростерова Белла Ивановна", "Новенькая Вера Ивановна"));
    }

    [Fact]
    public async Task ARenamedTeacherIsFoundByTheNewNameAndTheOldNameIsFreeForANewColleague()
    {
        var round = await RoundAsync("s2", "2026-10-01");
        var (id, etag) = await AddAsync("s2", "Девичья Галина Петровна");
        var renamed = await app.ClientFor("admin-s2").PutJsonAsync($"{string.Format(StaffUrl, "s2")}/{id}", Teacher("Замужняя Галина Петровна"), etag);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(["Девичья Галина Петровна"], await UnknownAsync("s2", round, "Замужняя Галина Петровна", "Девичья Галина Петровна"));

        // The file's row goes to the renamed teacher's record (the id kept since before the rename).
        var written = await (await ImportAsync("s2", round, File("Замужняя Галина Петровна"))).ReadJsonAsync();
        Assert.Equal(1, (int)written["teachers"]!);
        using (var content = new ByteArrayContent(File("Замужняя Галина Петровна")))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s2").PostAsync($"{string.Format(Rounds, "s2")}/{round}/import", content)).StatusCode);
        }

        var table = await (await app.ClientFor("admin-s2").GetAsync($"{string.Format(Rounds, "s2")}/{round}/table")).ReadJsonAsync();
        var row = table["rows"]!.AsArray().Single(r => (string?)r!["teacherId"] == id)!;
        Assert.Equal("Замужняя Галина Петровна", (string?)row["teacherName"]);
        Assert.Equal(70, (int)row["cells"]![0]!["entry"]!);

        var (newcomer, _) = await AddAsync("s2", "Девичья Галина Петровна");
        Assert.NotEqual(id, newcomer);
        Assert.Empty(await UnknownAsync("s2", round, "Замужняя Галина Петровна", "Девичья Галина Петровна"));
    }

    [Fact]
    public async Task AddsAndRenamesAtTheSameTimeAllReachTheImport()
    {
        var round = await RoundAsync("s3", "2026-10-01");
        var existing = new List<(string Id, string ETag)>();
        for (var i = 0; i < 3; i++)
        {
            existing.Add(await AddAsync("s3", $"Прежняя{(char)('А' + i)} Анна Ивановна"));
        }

        // Six adds and three renames of one school sent together, each by its own request: every one writes the
        // roster, and none may drop another's name.
        var added = Enumerable.Range(0, 6).Select(i => $"Одновременная{(char)('А' + i)} Ольга Ивановна").ToArray();
        var renamed = Enumerable.Range(0, 3).Select(i => $"Переименованная{(char)('А' + i)} Анна Ивановна").ToArray();
        var requests = added.Select(n => app.ClientFor("admin-s3").PostJsonAsync(string.Format(StaffUrl, "s3"), Teacher(n)))
            .Concat(existing.Select((t, i) => app.ClientFor(i % 2 == 0 ? "coord-n" : "methodist-n").PutJsonAsync($"{string.Format(StaffUrl, "s3")}/{t.Id}", Teacher(renamed[i]), t.ETag)))
            .ToList();
        var answers = await Task.WhenAll(requests);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));

        Assert.Empty(await UnknownAsync("s3", round, [.. added, .. renamed]));
        var old = Enumerable.Range(0, 3).Select(i => $"Прежняя{(char)('А' + i)} Анна Ивановна").ToArray();
        Assert.Equal(old, await UnknownAsync("s3", round, old));
    }

    [Fact]
    public async Task TwoTeachersRenamedToTheSameNameAtOnceEndWithOneOfThem()
    {
        var round = await RoundAsync("s1", "2026-10-02");
        var first = await AddAsync("s1", "Перваяфамилия Нина Ивановна");
        var second = await AddAsync("s1", "Втораяфамилия Нина Ивановна");
        var answers = await Task.WhenAll(
            app.ClientFor("admin-s1").PutJsonAsync($"{string.Format(StaffUrl, "s1")}/{first.Id}", Teacher("Общая Нина Ивановна"), first.ETag),
            app.ClientFor("coord-n").PutJsonAsync($"{string.Format(StaffUrl, "s1")}/{second.Id}", Teacher("Общая Нина Ивановна"), second.ETag));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        await answers.Single(a => a.StatusCode != HttpStatusCode.OK).AssertProblemAsync(400, "fullName");

        var list = await (await app.ClientFor("admin-s1").GetAsync(string.Format(StaffUrl, "s1"))).ReadJsonAsync();
        Assert.Single(list["teachers"]!.AsArray(), t => (string?)t!["fullName"] == "Общая Нина Ивановна");
        Assert.Empty(await UnknownAsync("s1", round, "Общая Нина Ивановна"));
    }

    [Fact]
    public async Task StaffWrittenBeforeTheRosterExistedIsFoundAndKeptFromThen()
    {
        // Two teachers as they were stored before the roster: their rows only.
        var table = app.Service<TableServiceClient>().Table(app.Service<StorageNames>(), StaffStore.Table);
        var partition = StaffStore.PartitionFor("south", "t1");
        foreach (var (id, name) in new[] { ("tlegacy00001", "Старожилова Анна Ивановна"), ("tlegacy00002", "Старожилов Пётр Ильич") })
        {
            var teacher = new TeacherEntity { PartitionKey = partition, RowKey = id, MunicipalityId = "south", SchoolId = "t1", Category = "first", Position = "учитель" };
            new TeacherFields(name, ["Физика"], "first", "учитель", null, null, true).ApplyTo(teacher, "legacy", "Прежняя запись", AppFactory.DefaultNow);
            await table.AddEntityAsync(teacher);
        }

        var admin = app.ClientFor("admin-t1");
        const string rounds = "/api/municipalities/south/schools/t1/diagnostics";
        var round = (string)(await (await admin.PostJsonAsync(rounds, new { kind = "entry", date = "2026-10-01" })).ReadJsonAsync())["id"]!;
        async Task<HttpStatusCode> ImportT1Async(params string[] names)
        {
            using var content = new ByteArrayContent(File(names));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            return (await admin.PostAsync($"{rounds}/{round}/import?dryRun=true", content)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await ImportT1Async("Старожилова Анна Ивановна", "Старожилов Пётр Ильич"));

        // A rename after that goes into the roster the first import wrote; the list shows teachers only.
        var staff = "/api/municipalities/south/schools/t1/staff";
        var pyotr = await admin.GetAsync($"{staff}/tlegacy00002");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"{staff}/tlegacy00002", new { fullName = "Старожилов Павел Ильич", subjects = new[] { "Физика" }, category = "first", position = "учитель" }, pyotr.Headers.ETag!.ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ImportT1Async("Старожилова Анна Ивановна", "Старожилов Павел Ильич"));
        Assert.Equal(HttpStatusCode.BadRequest, await ImportT1Async("Старожилов Пётр Ильич"));
        var list = await (await admin.GetAsync(staff)).ReadJsonAsync();
        Assert.Equal(["Старожилов Павел Ильич", "Старожилова Анна Ивановна"], list["teachers"]!.AsArray().Select(t => (string)t!["fullName"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ATeacherAddedByThePreviousReleaseDuringADeploymentIsFoundAndTheRosterPutRight()
    {
        // The roster exists (a teacher added through the app), then an instance of the previous release, which kept
        // no roster, adds a colleague: their row only.
        const string school = "s2";
        var round = await RoundAsync(school, "2026-10-02");
        var (kept, _) = await AddAsync(school, "Нынешняя Ольга Петровна");
        var table = app.Service<TableServiceClient>().Table(app.Service<StorageNames>(), StaffStore.Table);
        var partition = StaffStore.PartitionFor("north", school);
        var teacher = new TeacherEntity { PartitionKey = partition, RowKey = "tdeploy00001", MunicipalityId = "north", SchoolId = school, Category = "first", Position = "учитель" };
        new TeacherFields("Прежневерсионный Олег Ильич", ["Физика"], "first", "учитель", null, null, true).ApplyTo(teacher, "legacy", "Прежняя версия", AppFactory.DefaultNow);
        await table.AddEntityAsync(teacher);

        Assert.Empty(await UnknownAsync(school, round, "Нынешняя Ольга Петровна", "Прежневерсионный Олег Ильич"));
        // The roster now knows the colleague (the next import finds them with one read) and still the first teacher.
        var roster = StaffRoster.Read((await table.GetEntityAsync<TableEntity>(partition, StaffRoster.Key)).Value);
        Assert.Equal("tdeploy00001", roster.IdOf(StaffRules.NameKey("Прежневерсионный Олег Ильич")));
        Assert.Equal(kept, roster.IdOf(StaffRules.NameKey("Нынешняя Ольга Петровна")));
        // A name nobody has is still refused.
        Assert.Equal(["Никтоневедомый Иван"], await UnknownAsync(school, round, "Никтоневедомый Иван"));
    }
}
