using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Staff;

/// <summary>The list from Excel: every bad row named by its cell, all or nothing, and the same file twice changes nothing.</summary>
public sealed class StaffImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Staff(string school) => $"/api/municipalities/north/schools/{school}/staff";

    [Fact]
    public async Task AFileWithBadRowsNamesEachBadCellAndSavesNothing()
    {
        var admin = app.ClientFor("admin-s1");
        var file = StaffFiles.Xlsx(
        [
            ["Алексеева Анна Петровна", "Математика", "высшая", "учитель", ""],
            ["Борисов", "Физика", "первая", "учитель", ""],                               // row 3: one word
            ["Власова Вера Ильинична", "Химия", "вышая", "учитель", "vlasova@"],        // row 4: category, e-mail
            ["Глебова Галина Юрьевна", "История", "без категории", "", ""],              // row 5: no position
            ["алексеева  анна петровна", "Алгебра", "первая", "учитель", ""],            // row 6: the same teacher as row 2
        ]);
        var response = await admin.ImportAsync($"{Staff("s1")}/import", file);
        var problem = await response.AssertProblemAsync(400, "rows.3.fullName", "rows.4.category", "rows.4.email", "rows.5.position", "rows.6.fullName");
        Assert.Contains("строках файла: 4", (string?)problem["detail"]);
        Assert.Contains("Ничего не сохранено", (string?)problem["detail"]);
        var category = (string)problem["errors"]!["rows.4.category"]![0]!;
        Assert.StartsWith("Ячейка C4 (строка 4, «Категория»)", category);
        Assert.Contains("вышая", category);
        Assert.Contains("строке 2", (string)problem["errors"]!["rows.6.fullName"]![0]!);
        Assert.Equal(["A3", "C4", "E4", "D5", "A6"], problem["cells"]!.AsArray().Select(c => (string)c!["cell"]!));

        var list = await (await admin.GetAsync(Staff("s1"))).ReadJsonAsync();
        Assert.Empty(list["teachers"]!.AsArray()); // not even the good rows
    }

    [Fact]
    public async Task TheSameFileImportedTwiceChangesNothingTheSecondTime()
    {
        var admin = app.ClientFor("admin-s2");
        var file = StaffFiles.Xlsx(
        [
            ["Дроздова Дарья Андреевна", "Русский язык; Литература", "Высшая квалификационная категория", "учитель", "drozdova@s2.example"],
            ["Ершов Егор Иванович", "Физическая культура", "СЗД", "учитель", ""],
            ["Жданова Жанна Олеговна", "", "без категории", "педагог-психолог", ""],
        ]);
        var first = await (await admin.ImportAsync($"{Staff("s2")}/import", file)).ReadJsonAsync();
        Assert.Equal(3, (int)first["added"]!);

        var before = await (await admin.GetAsync(Staff("s2"))).ReadJsonAsync();
        var second = await admin.ImportAsync($"{Staff("s2")}/import", file);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var result = await second.ReadJsonAsync();
        Assert.Equal((0, 0, 0, 3), ((int)result["added"]!, (int)result["updated"]!, (int)result["restored"]!, (int)result["unchanged"]!));

        var after = await (await admin.GetAsync(Staff("s2"))).ReadJsonAsync();
        Assert.Equal(before.ToJsonString(), after.ToJsonString()); // the same ids, ETags and dates
        var drozdova = after["teachers"]!.AsArray().Single(t => ((string)t!["fullName"]!).StartsWith("Дроздова", StringComparison.Ordinal))!;
        Assert.Equal(["Русский язык", "Литература"], drozdova["subjects"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("highest", (string?)drozdova["category"]);
        Assert.Equal("fit", (string?)after["teachers"]!.AsArray().Single(t => ((string)t!["fullName"]!).StartsWith("Ершов", StringComparison.Ordinal))!["category"]);

        // A corrected file updates the changed row only.
        var corrected = StaffFiles.Xlsx(
        [
            ["Дроздова Дарья Андреевна", "Русский язык; Литература", "высшая", "учитель", "drozdova@s2.example"],
            ["Ершов Егор Иванович", "Физическая культура", "первая", "учитель", ""],
            ["Жданова Жанна Олеговна", "", "без категории", "педагог-психолог", ""],
        ]);
        var third = await (await admin.ImportAsync($"{Staff("s2")}/import", corrected)).ReadJsonAsync();
        Assert.Equal((1, 2), ((int)third["updated"]!, (int)third["unchanged"]!));
    }

    [Fact]
    public async Task AFileOfMoreThanOneTransactionIsWrittenWhole()
    {
        var coordinator = app.ClientFor("coord-n");
        var result = await (await coordinator.ImportAsync($"{Staff("s3")}/import", StaffFiles.Xlsx(StaffFiles.Teachers(130, 80, 30)))).ReadJsonAsync();
        Assert.Equal(130, (int)result["added"]!);
        var list = await (await coordinator.GetAsync(Staff("s3"))).ReadJsonAsync();
        Assert.Equal(130, list["teachers"]!.AsArray().Count);
        var summary = await (await coordinator.GetAsync($"{Staff("s3")}/summary")).ReadJsonAsync();
        Assert.Equal(130, (int)summary["summary"]!["total"]!);
    }

    [Fact]
    public async Task TheTemplateHasTheHeadersAndTheSchoolsTeachersAndImportsBackUnchanged()
    {
        var admin = app.ClientFor("admin-t1");
        const string T1 = "/api/municipalities/south/schools/t1/staff";
        await admin.ImportAsync($"{T1}/import", StaffFiles.Xlsx([["Южина Юлия Юрьевна", "Биология; Химия", "первая", "учитель", "yuzhina@t1.example"]]));

        var template = await admin.GetAsync($"{T1}/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType?.MediaType);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var sheet = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
            var rows = sheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToArray()).ToList();
            Assert.Equal(StaffFiles.Headers, rows[0]);
            Assert.Equal(["Южина Юлия Юрьевна", "Биология; Химия", "первая", "учитель", "yuzhina@t1.example"], rows[1]);
        }

        var again = await (await admin.ImportAsync($"{T1}/import", bytes)).ReadJsonAsync();
        Assert.Equal((0, 1), ((int)again["added"]!, (int)again["unchanged"]!));
    }

    [Fact]
    public async Task NotAnExcelFileOrAFileWithoutTheColumnsIsRefusedInRussian()
    {
        var admin = app.ClientFor("admin-s1");
        var text = await admin.ImportAsync($"{Staff("s1")}/import", "ФИО;Категория\nИванов Иван;высшая"u8.ToArray());
        Assert.Contains("xlsx", (string)(await text.AssertProblemAsync(400, "file"))["errors"]!["file"]![0]!);

        var broken = await admin.ImportAsync($"{Staff("s1")}/import", [.. "PK\u0003\u0004"u8, .. new byte[200]]);
        await broken.AssertProblemAsync(400, "file");

        var columns = await admin.ImportAsync($"{Staff("s1")}/import", StaffFiles.Xlsx([["Иванова Анна Ивановна", "учитель"]], headers: ["ФИО", "Должность"]));
        var problem = await columns.AssertProblemAsync(400, "file");
        Assert.Contains("Категория", (string)problem["errors"]!["file"]![0]!);
    }
}
