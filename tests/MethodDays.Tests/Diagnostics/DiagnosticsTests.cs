using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Diagnostics;

/// <summary>
/// Teachers' competence diagnostics (seed 004): the seed's own table typed in gives the seed's «Ср. показатель» row and
/// its level counts; bad input, conflicts, who may read what, and the .xlsx in the seed's layout both ways.
/// </summary>
public sealed class DiagnosticsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Staff = "/api/municipalities/north/schools/{0}/staff";
    private const string Rounds = "/api/municipalities/north/schools/{0}/diagnostics";
    private static readonly string[] Codes = ["subject", "methodical", "digital", "communicative", "psychological"];

    /// <summary>Seed 004, «Результаты диагностики профессиональных дефицитов педагогических работников»: entry, repeat per competence.</summary>
    private static readonly int[][] SeedTable =
    [
        [90, 100, 53, 83, 72, 90, 71, 86, 90, 90],
        [50, 100, 60, 78, 90, 95, 86, 95, 90, 100],
        [90, 70, 73, 91, 64, 85, 76, 71, 97, 75],
        [60, 75, 47, 70, 69, 70, 86, 76, 67, 65],
        [70, 80, 40, 77, 57, 87, 62, 57, 63, 83],
        [54, 68, 64, 97, 74, 83, 81, 100, 83, 75],
    ];

    private static readonly int[] SeedMeans = [69, 82, 56, 83, 71, 85, 77, 81, 82, 81];

    private async Task<string> AddTeacherAsync(string school, string name, string? personId = null, string subject = "Математика")
    {
        var created = await app.ClientFor(school == "s1" ? "admin-s1" : $"admin-{school}").PostJsonAsync(string.Format(Staff, school), new
        {
            fullName = name,
            subjects = new[] { subject },
            category = "highest",
            position = "учитель",
            personId,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.ReadJsonAsync())["id"]!;
    }

    private async Task<(string Entry, string Repeat, List<string> Teachers)> SeedRoundsAsync(string school, string tag, string entryDate, string repeatDate, string? teacherPerson = null)
    {
        var admin = app.ClientFor(school == "s1" ? "admin-s1" : $"admin-{school}");
        var teachers = new List<string>();
        for (var i = 0; i < SeedTable.Length; i++)
        {
            teachers.Add(await AddTeacherAsync(school, $"Педагогова{tag} Анна {(char)('А' + i)}вна", i == 0 ? teacherPerson : null, i % 2 == 0 ? "Математика" : "Русский язык"));
        }

        var entry = await admin.PostJsonAsync(string.Format(Rounds, school), new { kind = "entry", date = entryDate, instrument = "самодиагностика" });
        Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
        var entryId = (string)(await entry.ReadJsonAsync())["id"]!;
        var repeat = await admin.PostJsonAsync(string.Format(Rounds, school), new { kind = "repeat", date = repeatDate, entryRoundId = entryId });
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        var repeatId = (string)(await repeat.ReadJsonAsync())["id"]!;

        for (var i = 0; i < SeedTable.Length; i++)
        {
            var row = SeedTable[i];
            var atEntry = Codes.Select((c, k) => (c, row[2 * k])).ToDictionary(x => x.c, x => x.Item2);
            var atRepeat = Codes.Select((c, k) => (c, row[(2 * k) + 1])).ToDictionary(x => x.c, x => x.Item2);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{string.Format(Rounds, school)}/{entryId}/results/{teachers[i]}", new { levels = atEntry })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{string.Format(Rounds, school)}/{repeatId}/results/{teachers[i]}", new { levels = atRepeat })).StatusCode);
        }

        return (entryId, repeatId, teachers);
    }

    [Fact]
    public async Task TheSeedsSixTeachersGiveItsMeansRowAndItsLevelCounts()
    {
        var (entry, _, _) = await SeedRoundsAsync("s2", "Сид", "2022-10-03", "2022-12-12");

        var table = await (await app.ClientFor("admin-s2").GetAsync($"{string.Format(Rounds, "s2")}/{entry}/table")).ReadJsonAsync();

        Assert.Equal(6, table["rows"]!.AsArray().Count);
        var means = table["means"]!.AsArray().SelectMany(c => new[] { (int)c!["entry"]!, (int)c["repeat"]! }).ToArray();
        Assert.Equal(SeedMeans, means);

        int Count(string competence, string level, string when) =>
            (int)table["levels"]!.AsArray().Single(l => (string?)l!["competence"] == competence && (string?)l["level"] == level)![when]!;

        // «низкий уровень предметной компетенции (1 педагог), методической компетенции (4 педагога), цифровой (1 педагог)»
        Assert.Equal(1, Count("subject", "low", "atEntry"));
        Assert.Equal(4, Count("methodical", "low", "atEntry"));
        Assert.Equal(1, Count("digital", "low", "atEntry"));
        Assert.Equal(0, Count("communicative", "low", "atEntry"));
        Assert.Equal(0, Count("psychological", "low", "atEntry"));
        // «по результатам повторной диагностики … эти педагоги показали уже средний уровень»: nobody low in those three
        Assert.Equal(0, Count("methodical", "low", "atRepeat"));
        // «Высокого уровня владения компетенциями достигли 5 человек»
        Assert.Equal(5, (int)table["highInAnyAfterRepeat"]!);
        Assert.Contains(table["changes"]!.AsArray(), c => (string?)c!["competence"] == "methodical" && (string?)c["words"] == "низкий → средний" && (int)c["teachers"]! == 4);
    }

    [Fact]
    public async Task BadInputIsRefusedByFieldAndNothingIsWritten()
    {
        var admin = app.ClientFor("admin-s1");
        var url = string.Format(Rounds, "s1");
        var teacher = await AddTeacherAsync("s1", "Ошибкина Вера Павловна");
        var entry = (string)(await (await admin.PostJsonAsync(url, new { kind = "entry", date = "2025-09-20" })).ReadJsonAsync())["id"]!;

        var tooMuch = await admin.PutJsonAsync($"{url}/{entry}/results/{teacher}", new { levels = new Dictionary<string, int> { ["subject"] = 101 } });
        var problem = await tooMuch.AssertProblemAsync(400, "levels.subject");
        Assert.Equal("Уровень предметной компетенции — процент от 0 до 100, а не 101.", (string?)problem["errors"]!["levels.subject"]![0]);

        await (await admin.PutJsonAsync($"{url}/{entry}/results/{teacher}", new { levels = new Dictionary<string, int> { ["leadership"] = 50 } })).AssertProblemAsync(400, "levels.leadership");
        await (await admin.PostJsonAsync(url, new { kind = "repeat", date = "2025-09-01", entryRoundId = entry })).AssertProblemAsync(400, "date");
        await (await admin.PostJsonAsync(url, new { kind = "repeat", date = "2025-12-01" })).AssertProblemAsync(400, "entryRoundId");
        await (await admin.PostJsonAsync(url, new { kind = "often", date = "2025-12-01" })).AssertProblemAsync(400, "kind");
        await (await admin.PostJsonAsync(url, new { kind = "entry", date = "2025-09-20" })).AssertProblemAsync(409);

        var otherSchools = await AddTeacherAsync("s2", "Чужая Нина Петровна");
        await (await admin.PutJsonAsync($"{url}/{entry}/results/{otherSchools}", new { levels = new Dictionary<string, int> { ["subject"] = 50 } })).AssertProblemAsync(400, "teacherId");

        var round = await (await admin.GetAsync($"{url}/{entry}")).ReadJsonAsync();
        Assert.Empty(round["results"]!.AsArray());
    }

    [Fact]
    public async Task AStaleCorrectionIsAConflictAndEveryEarlierValueIsKept()
    {
        var admin = app.ClientFor("admin-s1");
        var methodist = app.ClientFor("methodist-n");
        var url = string.Format(Rounds, "s1");
        var teacher = await AddTeacherAsync("s1", "Правкина Ольга Ивановна");
        var entry = (string)(await (await admin.PostJsonAsync(url, new { kind = "entry", date = "2025-10-20" })).ReadJsonAsync())["id"]!;
        var first = await admin.PutJsonAsync($"{url}/{entry}/results/{teacher}", new { levels = new Dictionary<string, int> { ["subject"] = 60, ["digital"] = 40 } });
        var etag = first.Headers.ETag!.ToString();

        await (await admin.PutJsonAsync($"{url}/{entry}/results/{teacher}", new { levels = new Dictionary<string, int> { ["subject"] = 61 } })).AssertProblemAsync(428);
        Assert.Equal(HttpStatusCode.OK, (await methodist.PutJsonAsync($"{url}/{entry}/results/{teacher}", new { levels = new Dictionary<string, int> { ["subject"] = 70, ["digital"] = 40 } }, etag)).StatusCode);
        var stale = await admin.PutJsonAsync($"{url}/{entry}/results/{teacher}", new { levels = new Dictionary<string, int> { ["subject"] = 65, ["digital"] = 40 } }, etag);
        var problem = await stale.AssertProblemAsync(409);
        Assert.Equal(70, (int)problem["current"]!["levels"]!["subject"]!);
        Assert.Contains("Методист Северный", (string?)problem["detail"]);

        var history = await (await admin.GetAsync($"{url}/{entry}/results/{teacher}/history")).ReadJsonAsync();
        Assert.Equal(60, (int)history.AsArray().Single()!["levels"]!["subject"]!);
    }

    [Fact]
    public async Task ResultsArePersonalEachRoleSeesWhatItsRoleNeedsAndOtherSchoolsNothing()
    {
        // Later than the other tests' rounds of s1: the heat map shows a school's latest entry round, whatever order the tests run in.
        var (entry, _, teachers) = await SeedRoundsAsync("s1", "Доступ", "2025-11-03", "2025-12-22", teacherPerson: "teacher-s1");
        var table = $"{string.Format(Rounds, "s1")}/{entry}/table";

        // The school's admin team and the methodist: every teacher.
        Assert.Equal(6, (await (await app.ClientFor("admin-s1b").GetAsync(table)).ReadJsonAsync())["rows"]!.AsArray().Count);
        Assert.Equal(6, (await (await app.ClientFor("methodist-n").GetAsync(table)).ReadJsonAsync())["rows"]!.AsArray().Count);

        // The teacher: their own row only, with the school's means.
        var own = await (await app.ClientFor("teacher-s1").GetAsync(table)).ReadJsonAsync();
        Assert.Equal(teachers[0], (string?)own["rows"]!.AsArray().Single()!["teacherId"]);
        Assert.Equal(SeedMeans[0], (int)own["means"]![0]!["entry"]!);
        var ownRound = await (await app.ClientFor("teacher-s1").GetAsync($"{string.Format(Rounds, "s1")}/{entry}")).ReadJsonAsync();
        Assert.Equal(teachers[0], (string?)ownRound["results"]!.AsArray().Single()!["teacherId"]);
        await (await app.ClientFor("teacher-s1").GetAsync($"{string.Format(Rounds, "s1")}/{entry}/workbook")).AssertProblemAsync(403);

        // Curator and coordinator: the means and counts, no teacher's row.
        foreach (var reader in new[] { "curator-n", "coord-n" })
        {
            var view = await (await app.ClientFor(reader).GetAsync(table)).ReadJsonAsync();
            Assert.Empty(view["rows"]!.AsArray());
            Assert.Equal(SeedMeans[2], (int)view["means"]![1]!["entry"]!);
            Assert.Empty((await (await app.ClientFor(reader).GetAsync($"{string.Format(Rounds, "s1")}/{entry}")).ReadJsonAsync())["results"]!.AsArray());
        }

        // Another school, another municipality: nothing.
        await (await app.ClientFor("admin-s2").GetAsync(table)).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync(table)).AssertProblemAsync(403);
        await (await app.ClientFor("admin-s2").PutJsonAsync($"{string.Format(Rounds, "s1")}/{entry}/results/{teachers[1]}", new { levels = new Dictionary<string, int> { ["subject"] = 1 } })).AssertProblemAsync(403);
        await (await app.ClientFor("curator-n").PutJsonAsync($"{string.Format(Rounds, "s1")}/{entry}/results/{teachers[1]}", new { levels = new Dictionary<string, int> { ["subject"] = 1 } })).AssertProblemAsync(403);

        // The heat map: means per school for the coordinator and methodists, no names; not for a school.
        var map = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/diagnostics/heat-map")).ReadJsonAsync();
        var s1 = map["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "s1")!;
        Assert.NotNull(s1["means"]![0]!["entry"]);
        Assert.DoesNotContain("Педагогова", map.ToJsonString());
        Assert.Contains(map["subjects"]!.AsArray(), s => (string?)s!["subject"] == "Математика");
        await (await app.ClientFor("admin-s1").GetAsync("/api/municipalities/north/diagnostics/heat-map")).AssertProblemAsync(403);
        await (await app.ClientFor("coord-s").GetAsync("/api/municipalities/north/diagnostics/heat-map")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task TheWorkbookIsTheSeedsTableAndImportsBackUnchangedWhileABadFileChangesNothing()
    {
        var (entry, _, _) = await SeedRoundsAsync("s3", "Книга", "2023-10-02", "2023-12-18");
        var admin = app.ClientFor("admin-s3");
        var url = string.Format(Rounds, "s3");
        var download = await admin.GetAsync($"{url}/{entry}/workbook");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();

        var cells = Cells(bytes);
        Assert.Equal("№ п/п", cells["A3"]);
        Assert.Equal("предметная", cells["C3"]);
        Assert.Equal("вх. диагн. %", cells["C4"]);
        Assert.Equal("повторн. диагн. %", cells["D4"]);
        Assert.Equal("психолого-педагогическая", cells["K3"]);
        Assert.Equal("Ср. показатель", cells["A11"]);
        Assert.Equal(SeedMeans.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)), new[] { "C", "D", "E", "F", "G", "H", "I", "J", "K", "L" }.Select(c => cells[$"{c}11"]));

        var again = await ImportAsync(admin, $"{url}/{entry}/import", bytes);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var result = await again.ReadJsonAsync();
        Assert.Equal(0, (int)result["added"]! + (int)result["changed"]!);
        Assert.Equal(12, (int)result["unchanged"]!);

        // The same file as Excel saves it (texts in the shared strings table, the sheets in another order) reads the same.
        var saved = await ImportAsync(admin, $"{url}/{entry}/import", AsExcelSaves(bytes));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(12, (int)(await saved.ReadJsonAsync())["unchanged"]!);

        var bad = Edit(bytes, ("C5", "много"), ("E6", "120"), ("B7", "Незнакомец Иван Иванович"), ("F8", "85"));
        var refused = await ImportAsync(admin, $"{url}/{entry}/import", bad);
        var problem = await refused.AssertProblemAsync(400);
        Assert.Contains("Ничего не сохранено", (string?)problem["detail"]);
        Assert.Equal(["C5", "E6", "B7"], problem["cells"]!.AsArray().Select(c => (string)c!["cell"]!).OrderBy(c => int.Parse(c[1..], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Contains("не число", (string?)problem["errors"]!["rows.5.subject.entry"]![0]);
        var table = await (await admin.GetAsync($"{url}/{entry}/table")).ReadJsonAsync();
        Assert.Equal(SeedMeans[0], (int)table["means"]![0]!["entry"]!);

        var corrected = Edit(bytes, ("F8", "85"));
        var dry = await ImportAsync(admin, $"{url}/{entry}/import?dryRun=true", corrected);
        Assert.Equal(1, (int)(await dry.ReadJsonAsync())["changed"]!);
        var applied = await ImportAsync(admin, $"{url}/{entry}/import", corrected);
        Assert.Equal(1, (int)(await applied.ReadJsonAsync())["changed"]!);
        var after = Cells(await (await admin.GetAsync($"{url}/{entry}/workbook")).Content.ReadAsByteArrayAsync());
        Assert.Equal("85", after["F8"]);

        await (await ImportAsync(admin, $"{url}/{entry}/import", "not a workbook"u8.ToArray())).AssertProblemAsync(400, "file");
    }

    [Fact]
    public async Task AFileIntoRoundsWithoutResultsAddsEveryRowAndOneTypedBeforeTheImportIsKeptAsHistory()
    {
        const string staff = "/api/municipalities/south/schools/t1/staff";
        const string rounds = "/api/municipalities/south/schools/t1/diagnostics";
        var admin = app.ClientFor("admin-t1");
        var teachers = new List<string>();
        for (var i = 0; i < SeedTable.Length; i++)
        {
            var created = await admin.PostJsonAsync(staff, new { fullName = $"Импортова Мария {(char)('А' + i)}вна", subjects = new[] { "Математика" }, category = "highest", position = "учитель" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            teachers.Add((string)(await created.ReadJsonAsync())["id"]!);
        }

        async Task<(string Entry, string Repeat)> RoundsAsync(string entryDate, string repeatDate)
        {
            var entry = (string)(await (await admin.PostJsonAsync(rounds, new { kind = "entry", date = entryDate })).ReadJsonAsync())["id"]!;
            var repeat = await admin.PostJsonAsync(rounds, new { kind = "repeat", date = repeatDate, entryRoundId = entry });
            Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
            return (entry, (string)(await repeat.ReadJsonAsync())["id"]!);
        }

        async Task<int[]> MeansAsync(string entry) =>
            [.. (await (await admin.GetAsync($"{rounds}/{entry}/table")).ReadJsonAsync())["means"]!.AsArray().SelectMany(m => new[] { (int)m!["entry"]!, (int)m["repeat"]! })];

        // The file: the seed's table typed into a first pair of rounds and downloaded.
        var (typedEntry, typedRepeat) = await RoundsAsync("2023-10-02", "2023-12-18");
        for (var i = 0; i < SeedTable.Length; i++)
        {
            var row = SeedTable[i];
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{rounds}/{typedEntry}/results/{teachers[i]}", new { levels = Codes.Select((c, k) => (c, row[2 * k])).ToDictionary(x => x.c, x => x.Item2) })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{rounds}/{typedRepeat}/results/{teachers[i]}", new { levels = Codes.Select((c, k) => (c, row[(2 * k) + 1])).ToDictionary(x => x.c, x => x.Item2) })).StatusCode);
        }

        var bytes = await (await admin.GetAsync($"{rounds}/{typedEntry}/workbook")).Content.ReadAsByteArrayAsync();

        // Into rounds with no results yet: every row added, the table as typed.
        var (entry, _) = await RoundsAsync("2024-10-01", "2024-12-16");
        var imported = await (await ImportAsync(admin, $"{rounds}/{entry}/import", bytes)).ReadJsonAsync();
        Assert.Equal((12, 0, 0), ((int)imported["added"]!, (int)imported["changed"]!, (int)imported["unchanged"]!));
        Assert.Equal(SeedMeans, await MeansAsync(entry));

        // Into rounds where one teacher's result was typed before the file came: the others added, that one replaced
        // by the file's values with the typed ones kept as its history.
        var (later, _) = await RoundsAsync("2025-10-01", "2025-12-15");
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"{rounds}/{later}/results/{teachers[2]}", new { levels = new Dictionary<string, int> { ["subject"] = 11 } })).StatusCode);
        var second = await (await ImportAsync(admin, $"{rounds}/{later}/import", bytes)).ReadJsonAsync();
        Assert.Equal((11, 1, 0), ((int)second["added"]!, (int)second["changed"]!, (int)second["unchanged"]!));
        Assert.Equal(SeedMeans, await MeansAsync(later));
        var history = await (await admin.GetAsync($"{rounds}/{later}/results/{teachers[2]}/history")).ReadJsonAsync();
        Assert.Equal(11, (int)history.AsArray().Single()!["levels"]!["subject"]!);
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string url, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return await client.PostAsync(url, content);
    }

    private static Dictionary<string, string> Cells(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Диагностика");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>()
            .Where(c => c.CellReference is not null)
            .ToDictionary(c => c.CellReference!.Value!, c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
    }

    /// <summary>
    /// The workbook as Excel writes it back: every text in a shared strings table (cells point at it by index), the
    /// sheet «Уровни» listed first.
    /// </summary>
    private static byte[] AsExcelSaves(byte[] xlsx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var strings = new List<string>();
            foreach (var part in workbook.WorksheetParts)
            {
                foreach (var cell in part.Worksheet.Descendants<Cell>().Where(c => c.DataType?.Value == CellValues.InlineString).ToList())
                {
                    var text = cell.InlineString!.InnerText;
                    if (!strings.Contains(text))
                    {
                        strings.Add(text);
                    }

                    cell.InlineString = null;
                    cell.DataType = CellValues.SharedString;
                    cell.CellValue = new CellValue(strings.IndexOf(text));
                }

                part.Worksheet.Save();
            }

            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(t => new SharedStringItem(new Text(t))));
            var sheets = workbook.Workbook.Sheets!;
            var last = sheets.Elements<Sheet>().Last();
            last.Remove();
            sheets.PrependChild(last);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The workbook with some cells rewritten as a person would type them (text cells).</summary>
    private static byte[] Edit(byte[] xlsx, params (string Cell, string Text)[] edits)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Диагностика");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            foreach (var (reference, text) in edits)
            {
                var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference?.Value == reference);
                cell.CellValue = null;
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text));
            }

            part.Worksheet.Save();
        }

        return stream.ToArray();
    }
}
