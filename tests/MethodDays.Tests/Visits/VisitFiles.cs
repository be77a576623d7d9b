using System.Net.Http.Headers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Visits;

/// <summary>Results files as a coordinator makes them in Excel (shared strings, headers in the first row), and the visit payloads the tests send.</summary>
internal static class VisitFiles
{
    public static readonly string[] SchoolHeaders =
    [
        "Школа", "В списке ШНОР с (учебный год)", "В списке ШНОР по (учебный год)", "Качество знаний, %", "Успеваемость, %",
        "ВсОШ, школьный этап: участники", "ВсОШ, школьный этап: победители и призёры", "ВсОШ, муниципальный этап и выше: участники",
        "ВсОШ, муниципальный этап и выше: победители и призёры", "Педагогов в инновационной деятельности",
    ];

    public static readonly string[] ExamHeaders =
        ["Школа", "Экзамен (ОГЭ, ЕГЭ, ВПР)", "Предмет", "Класс (для ВПР)", "Средний результат школы", "Средний по муниципалитету", "Средний по городу"];

    public static byte[] Xlsx(IEnumerable<string[]> schools, IEnumerable<string[]> exams)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, strings, 1, "Школы", [SchoolHeaders, .. schools]);
            AddSheet(workbook, sheets, strings, 2, "Экзамены", [ExamHeaders, .. exams]);
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, List<string> strings, uint id, string name, IReadOnlyList<string[]> rows)
    {
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)r + 1 };
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c].Length == 0)
                {
                    continue;
                }

                var index = strings.IndexOf(rows[r][c]);
                if (index < 0)
                {
                    strings.Add(rows[r][c]);
                    index = strings.Count - 1;
                }

                row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.SharedString, CellValue = new CellValue(index) });
            }

            data.Append(row);
        }

        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return client.PutAsync(url, content);
    }

    /// <summary>Adds a teacher to a school's staff list as its administration would; returns the teacher's id.</summary>
    public static async Task<string> TeacherAsync(AppFactory app, string admin, string school, string name, string subject)
    {
        var response = await app.ClientFor(admin).PostJsonAsync($"/api/municipalities/north/schools/{school}/staff",
            new { fullName = name, subjects = new[] { subject }, category = "first", position = "учитель" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.ReadJsonAsync())["id"]!;
    }

    /// <summary>Six people of «north»: within the seed's 6–10.</summary>
    public static object[] Team() =>
    [
        new { personId = "methodist-n", role = "leader" },
        new { personId = "coord-n", role = "analyst" },
        new { personId = "curator-n", role = "observer" },
        new { personId = "admin-s3", role = "documents" },
        new { personId = "admin-s1b", role = "observer" },
        new { personId = "teacher-s1", role = "observer" },
    ];

    public static object Visit(string teacherId, string date = "2026-12-03", object[]? team = null, string? lessonDate = null, string[]? observers = null) => new
    {
        schoolId = "s2",
        date,
        purpose = "Адресная помощь школе по подготовке к ГИА",
        directions = new[] { "gia-quality", "control" },
        team = team ?? Team(),
        lessons = new[]
        {
            new { teacherId, subject = "Математика", grade = "9Б", number = 2, date = lessonDate ?? date, start = "09:00", end = "09:40", room = "21", observers = observers ?? ["curator-n"] },
        },
    };
}
