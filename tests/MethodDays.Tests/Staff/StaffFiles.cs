using System.Net.Http.Headers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Tests.Staff;

/// <summary>Staff files as a school would make them in Excel (shared strings, headers in the first row) and the calls that send them.</summary>
internal static class StaffFiles
{
    public static readonly string[] Headers = ["ФИО", "Предметы (через «;»)", "Категория", "Должность", "E-mail"];

    /// <summary>An .xlsx with the given rows under <paramref name="headers"/> (default: the template's), strings shared as Excel writes them.</summary>
    public static byte[] Xlsx(IEnumerable<string[]> rows, string[]? headers = null)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            var data = new SheetData();
            var all = new[] { headers ?? Headers }.Concat(rows).ToList();
            for (var r = 0; r < all.Count; r++)
            {
                var row = new Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < all[r].Length; c++)
                {
                    if (all[r][c].Length == 0)
                    {
                        continue;
                    }

                    var index = strings.IndexOf(all[r][c]);
                    if (index < 0)
                    {
                        strings.Add(all[r][c]);
                        index = strings.Count - 1;
                    }

                    row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.SharedString, CellValue = new CellValue(index) });
                }

                data.Append(row);
            }

            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Педагоги" }));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    /// <summary><paramref name="count"/> distinct teachers: the first <paramref name="highest"/> высшая, then первая, then без категории.</summary>
    public static List<string[]> Teachers(int count, int highest, int first, string tag = "")
    {
        string[] surnames = ["Андреева", "Борисова", "Волкова", "Громова", "Дёмина", "Ершова", "Жукова", "Зимина", "Исаева", "Климова", "Лосева", "Минина"];
        string[] names = ["Анна", "Вера", "Галина", "Дарья", "Елена", "Жанна", "Зоя", "Инна", "Кира", "Лидия", "Мария", "Нина"];
        return [.. Enumerable.Range(0, count).Select(i => new[]
        {
            $"{surnames[i % 12]}{tag} {names[i / 12 % 12]} {(i / 144 == 0 ? "Петровна" : "Ивановна")}",
            i % 2 == 0 ? "Математика; Информатика" : "Русский язык",
            i < highest ? "высшая" : i < highest + first ? "первая" : "без категории",
            "учитель",
            "",
        })];
    }

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string url, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return client.PostAsync(url, content);
    }
}
