using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.People;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using static MethodDays.Tests.People.PeopleImportWorkbook;

namespace MethodDays.Tests.People;

/// <summary>
/// A coordinator sets up a municipality from one workbook instead of typing thirty schools and two hundred people
/// with invented codes: the template, the import (all or nothing, repeatable), the codes derived from names.
/// </summary>
public sealed class PeopleImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = $"/api/municipalities/{TestWorld.North}";
    private const string Import = Base + "/people-import";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Surnames = ["Смирнова", "Кузнецов", "Попова", "Васильев", "Петрова", "Соколов", "Михайлова", "Новиков", "Фёдорова", "Морозов"];
    private static readonly string[] FirstNames = ["Анна", "Игорь", "Юлия", "Ярослав", "Яна", "Эдуард", "Жанна", "Хасан", "Ольга", "Цветана"];
    private static readonly string[] Patronymics = ["Петровна", "Ильич", "Сергеевна", "Юрьевич", "Андреевна", "Олегович", "Викторовна"];

    [Fact]
    public async Task CoordinatorDownloadsATemplateWithSchoolsAndPeopleSheets()
    {
        var response = await app.ClientFor("coord-n").GetAsync(Import + "/template");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);

        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToArray();
        Assert.Equal(["Инструкция", SchoolsSheet, PeopleSheet], sheets);
        Assert.Equal(["Полное название", "Краткое название", "Тип (ООШ/СОШ)", "ШНОР", "ПРШ", "Школа-лидер", "Код (необязательно)"],
            "ABCDEFG".Select(c => Text(document, SchoolsSheet, $"{c}1")));
        Assert.Equal(["ФИО", "Роль", "E-mail", "Школы (через «;»)"], "ABCD".Select(c => Text(document, PeopleSheet, $"{c}1")));
        Assert.Contains("через «;»", Text(document, "Инструкция", "A7"));

        // Drop-down lists: the roles as the people page names them, да/нет for the flags.
        var roleList = Part(document, PeopleSheet).Worksheet!.Descendants<DataValidation>().Single();
        Assert.Equal("\"Координатор,Методист,Куратор,Администрация школы,Педагог\"", roleList.Formula1!.Text);
        Assert.Contains(Part(document, SchoolsSheet).Worksheet!.Descendants<DataValidation>(), v => v.Formula1!.Text == "\"да,нет\"");
    }

    [Fact]
    public async Task ThirtySchoolsAndTwoHundredPeopleArriveInOneImportAndASecondImportChangesNothing()
    {
        var coordinator = app.ClientFor("coord-n");
        var file = Fill(await TemplateAsync(), BigSchools(), BigPeople());

        var first = await (await PostAsync(coordinator, file)).ReadJsonAsync();
        Assert.Equal(30, (int)first["schools"]!["created"]!);
        Assert.Equal(200, (int)first["people"]!["created"]!);
        Assert.False((bool)first["dryRun"]!);

        // Everything is there through the API, with codes derived from the names.
        var schools = (await (await coordinator.GetAsync(Base + "/schools")).ReadJsonAsync()).AsArray();
        var school1 = schools.Single(s => (string?)s!["shortName"] == "Школа № 1")!;
        Assert.Equal("shkola-1", (string?)school1["id"]);
        Assert.True((bool)school1["leader"]!);
        var school3 = schools.Single(s => (string?)s!["id"] == "shkola-3")!;
        Assert.Equal("Basic", (string?)school3["kind"]);
        Assert.Contains(schools, s => (string?)s!["id"] == "kedr-30"); // an explicit code is kept
        Assert.Equal(30, schools.Count(s => ((string?)s!["shortName"])!.StartsWith("Школа № ", StringComparison.Ordinal)));

        var members = (await (await coordinator.GetAsync(Base + "/members")).ReadJsonAsync()).AsArray();
        var imported = members.Where(m => ((string?)m!["email"])!.EndsWith("@kedrovka.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, imported.Count);
        Assert.Equal(200, imported.Select(m => (string?)m!["personId"]).Distinct().Count());
        var admin1 = Member(members, "person1@kedrovka.example");
        Assert.Equal("ivanova-mariia-petrovna", (string?)admin1["personId"]);
        Assert.Equal("SchoolAdmin", (string?)admin1["role"]);
        Assert.Equal(["shkola-1"], admin1["schoolIds"]!.AsArray().Select(s => (string)s!).ToArray());
        Assert.Equal("ivanova-mariia-petrovna-2", (string?)Member(members, "person2@kedrovka.example")["personId"]);
        Assert.Equal(["shkola-11"], Member(members, "person40@kedrovka.example")["schoolIds"]!.AsArray().Select(s => (string)s!).ToArray()); // named by code
        Assert.Equal(["shkola-2", "shkola-3", "kedr-30"], Member(members, "person181@kedrovka.example")["schoolIds"]!.AsArray().Select(s => (string)s!).ToArray());
        Assert.Equal("Coordinator", (string?)Member(members, "person200@kedrovka.example")["role"]);

        // The same file again, this time as a form upload: nothing changes, not even an ETag.
        var before = await SnapshotAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue(XlsxType) } }, "file", "школы.xlsx" } };
        var second = await (await coordinator.PostAsync(Import, form)).ReadJsonAsync();
        Assert.Equal((0, 0, 30), Counts(second["schools"]!));
        Assert.Equal((0, 0, 200), Counts(second["people"]!));
        Assert.Empty(second["changes"]!.AsArray());
        Assert.Equal(before, await SnapshotAsync());

        // The one imported coordinator can sign in by e-mail.
        var token = app.Service<MethodDays.Platform.Auth.DevTokenIssuer>().Issue("entra-import-200", "Координатор", "person200@kedrovka.example", TimeSpan.FromHours(1));
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task EveryBadRowIsListedWithItsCellAndNothingIsWritten()
    {
        var file = Fill(
            await TemplateAsync(),
            [
                ["МБОУ «Новая средняя школа»", "Новая школа", "СОШ", "нет", "нет", "нет"],
                ["МБОУ «Другая школа»", "Другая школа", "ООШ", "может быть", "нет", "нет"],
            ],
            [
                ["Петров Пётр Петрович", "Директор", "petrov@bad.example", "Первая ООШ"],
                ["Сидорова Анна", "Педагог", "not-an-email", "Первая ООШ"],
                ["Кузнецов Иван", "Педагог", "kuz@bad.example", "Несуществующая школа"],
                ["Орлова Ольга", "Педагог", "orlova@bad.example", "Новая школа"],
                ["Орлов Олег", "Педагог", "ORLOVA@bad.example", "Первая ООШ"],
                ["Чужой Координатор", "Методист", "coord@south.example", ""],
                ["", "Педагог", "empty@bad.example", "Первая ООШ"],
            ],
            d => Merge(d, PeopleSheet, "A10:D10"));
        var before = await SnapshotAsync();

        var body = await (await PostAsync(app.ClientFor("coord-n"), file)).AssertProblemAsync(422);
        var errors = body["errors"]!.AsArray().ToDictionary(e => (string)e!["cell"]!, e => (string)e!["reason"]!);
        Assert.Equal(["Школы!D3", "Люди!B2", "Люди!C3", "Люди!D4", "Люди!C6", "Люди!C7", "Люди!A8", "Люди!A10:D10"], errors.Keys);
        Assert.Contains("может быть", errors["Школы!D3"]);
        Assert.Contains("Неизвестная роль «Директор»", errors["Люди!B2"]);
        Assert.Contains("записан неверно", errors["Люди!C3"]);
        Assert.Contains("Школы «Несуществующая школа» нет", errors["Люди!D4"]);
        Assert.Contains("уже указан в строке 5", errors["Люди!C6"]);
        Assert.Contains("другом муниципалитете", errors["Люди!C7"]);
        Assert.Contains("Не заполнено: ФИО", errors["Люди!A8"]);
        Assert.Contains("Объединённые ячейки", errors["Люди!A10:D10"]);
        Assert.Contains("ничего не сохранено", (string)body["detail"]!, StringComparison.OrdinalIgnoreCase);

        // Not even the good rows (the new school, Орлова) were stored.
        Assert.Equal(before, await SnapshotAsync());
        var schools = await (await app.ClientFor("coord-n").GetAsync(Base + "/schools")).ReadJsonAsync();
        Assert.DoesNotContain(schools.AsArray(), s => (string?)s!["shortName"] == "Новая школа");
    }

    [Fact]
    public async Task AFileWithoutThePeopleSheetIsRefusedWithTheSheetNamed()
    {
        var file = Fill(await TemplateAsync(), [["МБОУ «Школа без людей»", "Без людей", "СОШ", "", "", ""]], [], d => RemoveSheet(d, PeopleSheet));
        var body = await (await PostAsync(app.ClientFor("coord-n"), file)).AssertProblemAsync(422);
        var error = Assert.Single(body["errors"]!.AsArray());
        Assert.Equal("Люди", (string?)error!["cell"]);
        Assert.Contains("нет листа «Люди»", (string?)error["reason"]);

        var notAWorkbook = await PostAsync(app.ClientFor("coord-n"), "ФИО;Роль\n"u8.ToArray());
        Assert.Contains(".xlsx", (string?)(await notAWorkbook.AssertProblemAsync(400))["detail"]);
    }

    [Fact]
    public async Task AnUploadOverFiveMegabytesIsRefusedBeforeItIsRead()
    {
        var body = await (await PostAsync(app.ClientFor("coord-n"), new byte[(5 * 1024 * 1024) + 1])).AssertProblemAsync(413);
        Assert.Contains("КБ", (string?)body["detail"]);
    }

    [Fact]
    public async Task ADryRunReportsWhatWouldHappenAndWritesNothing()
    {
        var file = Fill(await TemplateAsync(), [["МБОУ «Школа пробная»", "Пробная СОШ", "СОШ", "да", "", ""]], [["Пробный Педагог", "педагог", "probe@dry.example", "Пробная СОШ"]]);
        var before = await SnapshotAsync();
        var report = await (await PostAsync(app.ClientFor("coord-n"), file, dryRun: true)).ReadJsonAsync();
        Assert.True((bool)report["dryRun"]!);
        Assert.Equal((1, 0, 0), Counts(report["schools"]!));
        Assert.Equal((1, 0, 0), Counts(report["people"]!));
        Assert.Contains(report["changes"]!.AsArray(), c => (string?)c!["id"] == "probnaia-sosh" && (string?)c["action"] == "created");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task OnlyTheMunicipalitysCoordinatorDownloadsAndImports()
    {
        var file = Fill(await TemplateAsync(), [], []);
        foreach (var person in new[] { "methodist-n", "admin-s1", "curator-n", "coord-s" })
        {
            await (await app.ClientFor(person).GetAsync(Import + "/template")).AssertProblemAsync(403);
            await (await PostAsync(app.ClientFor(person), file)).AssertProblemAsync(403);
        }

        var other = await (await PostAsync(app.ClientFor("coord-s"), file)).AssertProblemAsync(403);
        Assert.Contains("другому муниципалитету", (string?)other["detail"]);
    }

    [Theory]
    [InlineData("Иванова Мария Петровна", "ivanova-mariia-petrovna")]
    [InlineData("Щукин Юрий Ёлкин-Хасанов", "shchukin-iurii-elkin-khasanov")]
    [InlineData("МБОУ «Средняя школа № 2» с. Подъячье", "mbou-sredniaia-shkola-2-s-podieiache")]
    [InlineData("Школа 1", "shkola-1")]
    [InlineData("№ 7", "school-7")]
    public void CodesAreTransliteratedFromTheName(string name, string code) =>
        Assert.Equal(code, PeopleCodes.Derive(name, new HashSet<string>(), "school"));

    [Fact]
    public void ACodeAlreadyTakenGetsASuffixAndLongNamesStayWithinTheLimit()
    {
        var taken = new HashSet<string> { "ivanova-mariia-petrovna", "ivanova-mariia-petrovna-2" };
        Assert.Equal("ivanova-mariia-petrovna-3", PeopleCodes.Derive("Иванова Мария Петровна", taken, "person"));

        var longName = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа»";
        var first = PeopleCodes.Derive(longName, new HashSet<string>(), "school");
        var second = PeopleCodes.Derive(longName, new HashSet<string> { first }, "school");
        Assert.True(first.Length <= 40 && second.Length <= 40);
        Assert.EndsWith("-2", second);
        Assert.True(PeopleCodes.IsValid(first) && PeopleCodes.IsValid(second));
    }

    [Fact]
    public async Task CoordinatorAddsASchoolAndPeopleWithoutTypingACode()
    {
        var coordinator = app.ClientFor("coord-n");
        var school = await coordinator.PostJsonAsync(Base + "/schools", new { name = "МБОУ «Четвёртая основная общеобразовательная школа»", shortName = "Четвёртая ООШ", kind = "Basic" });
        Assert.Equal(HttpStatusCode.Created, school.StatusCode);
        Assert.Equal("chetvertaia-oosh", (string?)(await school.ReadJsonAsync())["id"]);
        await (await coordinator.PostJsonAsync(Base + "/schools", new { name = "МБОУ «Другая»", shortName = "Четвёртая ООШ", kind = "Basic" })).AssertProblemAsync(409);

        var first = await (await coordinator.PostJsonAsync(Base + "/members", new { displayName = "Белова Ирина Юрьевна", email = "belova1@s4.example", role = "Teacher", schoolIds = new[] { "chetvertaia-oosh" } })).ReadJsonAsync();
        var namesake = await coordinator.PostJsonAsync(Base + "/members", new { displayName = "Белова Ирина Юрьевна", email = "belova2@s4.example", role = "Teacher", schoolIds = new[] { "chetvertaia-oosh" } });
        Assert.Equal(HttpStatusCode.Created, namesake.StatusCode);
        Assert.Equal("belova-irina-iurevna", (string?)first["personId"]);
        Assert.Equal("belova-irina-iurevna-2", (string?)(await namesake.ReadJsonAsync())["personId"]);

        await (await coordinator.PostJsonAsync(Base + "/members", new { displayName = "Белова И. Ю.", email = "Belova1@s4.example", role = "Teacher", schoolIds = new[] { "chetvertaia-oosh" } })).AssertProblemAsync(409);
        await (await coordinator.PostJsonAsync(Base + "/members", new { displayName = "Х", email = "no", role = "Teacher" })).AssertProblemAsync(400, "displayName", "email");
        await (await coordinator.PostJsonAsync(Base + "/members", new { displayName = "Чужой", email = "admin@t1.example", role = "Teacher", schoolIds = new[] { "zz" } })).AssertProblemAsync(400, "email", "schoolIds");
        await (await app.ClientFor("methodist-n").PostJsonAsync(Base + "/members", new { displayName = "Кто-то", email = "x@x.example", role = "Methodist" })).AssertProblemAsync(403);
    }

    private static IEnumerable<string[]> BigSchools() => Enumerable.Range(1, 30).Select(i => new[]
    {
        $"МБОУ «Средняя общеобразовательная школа № {i}» посёлка Кедровка",
        $"Школа № {i}",
        i % 3 == 0 ? "ООШ" : "СОШ",
        i % 2 == 0 ? "да" : "нет",
        i % 5 == 0 ? "да" : "",
        i % 10 == 1 ? "да" : "нет",
        i == 30 ? "kedr-30" : "",
    });

    /// <summary>30 school admins, 150 teachers, 10 curators, 8 methodists, 2 coordinators; two namesakes.</summary>
    private static IEnumerable<string[]> BigPeople() => Enumerable.Range(1, 200).Select(j =>
    {
        var name = j <= 2 ? "Иванова Мария Петровна" : $"{Surnames[j % 10]} {FirstNames[(j / 10) % 10]} {Patronymics[j % 7]} {j}";
        var (role, schools) = j switch
        {
            <= 30 => ("Администрация школы", $"Школа № {j}"),
            <= 180 => ("Педагог", j % 10 == 0 && (j % 30) + 1 != 30 ? $"shkola-{(j % 30) + 1}" : $"Школа № {(j % 30) + 1}"),
            <= 190 => ("Куратор", $"Школа № {j - 179}; Школа № {j - 178};Школа № 30"),
            <= 198 => ("Методист", ""),
            _ => ("Координатор", ""),
        };
        return new[] { name, role, $"person{j}@kedrovka.example", schools };
    });

    private async Task<byte[]> TemplateAsync() => await (await app.ClientFor("coord-n").GetAsync(Import + "/template")).Content.ReadAsByteArrayAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file, bool dryRun = false)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        return await client.PostAsync(Import + (dryRun ? "?dryRun=true" : ""), content);
    }

    private static JsonNode Member(JsonArray members, string email) => members.Single(m => (string?)m!["email"] == email)!;

    private static (int Created, int Updated, int Unchanged) Counts(JsonNode counts) =>
        ((int)counts["created"]!, (int)counts["updated"]!, (int)counts["unchanged"]!);

    /// <summary>Every school and member row of the municipality with its ETag: equal snapshots mean nothing was written.</summary>
    private async Task<string> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { DirectoryStore.SchoolsTable, DirectoryStore.MembersTable })
        {
            var client = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(table));
            await foreach (var row in client.QueryAsync<TableEntity>($"PartitionKey eq '{TestWorld.North}'", select: ["RowKey"]))
            {
                rows.Add($"{table}/{row.RowKey}/{row.ETag}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return string.Join('\n', rows);
    }
}
