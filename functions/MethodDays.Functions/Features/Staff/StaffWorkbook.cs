using MethodDays.Platform.Files;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.Staff;

/// <summary>A column of the staff file: the field it feeds and the header a person reads.</summary>
internal sealed record StaffColumn(string Field, string Header, double Width, bool Required);

/// <summary>A row of an imported file: its number in the sheet and its cells by field.</summary>
internal sealed record StaffFileRow(int Number, IReadOnlyDictionary<string, string> Cells);

/// <summary>A read file: which column letter holds which field, the rows, or what makes the file unreadable.</summary>
internal sealed record StaffFile(IReadOnlyDictionary<string, string> Letters, IReadOnlyList<StaffFileRow> Rows, string? Error);

/// <summary>
/// The staff list as an Excel file: the template (the school's current active teachers under the headers, so a
/// school can download, correct and import it again) and the reading of an imported file. Columns are found by
/// their headers, in any order; rows with every cell empty are skipped.
/// </summary>
internal static class StaffWorkbook
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<StaffColumn> Columns =
    [
        new("fullName", "ФИО", 38, true),
        new("subjects", "Предметы (через «;»)", 40, true),
        new("category", "Категория", 30, true),
        new("position", "Должность", 30, true),
        new("email", "E-mail", 30, false),
    ];

    private static readonly string[] Help =
    [
        "Как заполнить список педагогов",
        "Одна строка — один педагог. Заголовки первой строки не меняйте; порядок столбцов может быть любым.",
        "ФИО — полностью: фамилия, имя, отчество (если есть).",
        "Предметы — через точку с запятой, например: «Русский язык; Литература». Можно оставить пустым (например, у педагога-психолога).",
        "Категория — одно из: " + Categories.AcceptedWords + ".",
        "Должность — например, «учитель», «заместитель директора по УВР».",
        "E-mail — необязательно.",
        "Файл проверяется целиком: если в какой-то строке ошибка, не сохраняется ничего, а в ответе перечислены ячейки с ошибками.",
        "Педагог ищется по ФИО: существующая запись обновляется, новая добавляется, педагог из архива возвращается. Тех, кого нет в файле, импорт не трогает: уволившихся переводят в архив на странице.",
        "Повторная загрузка того же файла ничего не меняет.",
    ];

    public static byte[] Template(IEnumerable<(string FullName, IReadOnlyList<string> Subjects, string CategoryWords, string Position, string? Email)> teachers)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            ExcelStyles.AddPlainAndBold(workbook);

            var rows = new List<Row> { Row(1, Columns.Select(c => c.Header), bold: true) };
            var n = 2u;
            foreach (var t in teachers)
            {
                rows.Add(Row(n++, [t.FullName, string.Join("; ", t.Subjects), t.CategoryWords, t.Position, t.Email ?? ""], bold: false));
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, 1, "Педагоги", Columns.Select(c => c.Width), rows);
            AddSheet(workbook, sheets, 2, "Как заполнить", [120], [.. Help.Select((h, i) => Row((uint)i + 1, [h], bold: i == 0))]);
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the first sheet. Throws on a file that is not a workbook (the caller answers 400).</summary>
    public static StaffFile Read(Stream input)
    {
        using var document = SpreadsheetDocument.Open(input, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (first?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return new StaffFile(new Dictionary<string, string>(), [], "В файле нет листа со списком педагогов.");
        }

        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var grid = new List<(int Number, Dictionary<int, string> Cells)>();
        var rowNumber = 0;
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            rowNumber = row.RowIndex?.Value is { } ri ? (int)ri : rowNumber + 1;
            var cells = new Dictionary<int, string>();
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var text = Text(cell, shared);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    cells[column] = text;
                }
            }

            if (cells.Count > 0)
            {
                grid.Add((rowNumber, cells));
            }
        }

        if (grid.Count == 0)
        {
            return new StaffFile(new Dictionary<string, string>(), [], "Файл пуст: нет ни заголовков, ни педагогов.");
        }

        // The first non-empty row holds the headers.
        var letters = new Dictionary<string, string>();
        var fieldOf = new Dictionary<int, string>();
        foreach (var (col, header) in grid[0].Cells)
        {
            if (FieldOfHeader(header) is { } field && !letters.ContainsKey(field))
            {
                letters[field] = ColumnName(col);
                fieldOf[col] = field;
            }
        }

        var missing = Columns.Where(c => c.Required && !letters.ContainsKey(c.Field)).Select(c => $"«{c.Header}»").ToList();
        if (missing.Count > 0)
        {
            return new StaffFile(letters, [], $"В строке {grid[0].Number} нет столбцов {string.Join(", ", missing)}. Скачайте шаблон и перенесите данные в него.");
        }

        var rows = grid.Skip(1)
            .Select(g => new StaffFileRow(g.Number, g.Cells.Where(c => fieldOf.ContainsKey(c.Key)).ToDictionary(c => fieldOf[c.Key], c => c.Value)))
            .Where(r => r.Cells.Count > 0)
            .ToList();
        return new StaffFile(letters, rows, null);
    }

    internal static string? FieldOfHeader(string header)
    {
        var h = StaffRules.Collapse(header).ToLowerInvariant().Replace('ё', 'е');
        return h.StartsWith("фио", StringComparison.Ordinal) || h.StartsWith("ф.и.о", StringComparison.Ordinal) ? "fullName"
            : h.StartsWith("предмет", StringComparison.Ordinal) ? "subjects"
            : h.StartsWith("категор", StringComparison.Ordinal) || h.StartsWith("квалификац", StringComparison.Ordinal) ? "category"
            : h.StartsWith("должност", StringComparison.Ordinal) ? "position"
            : h.Contains("mail", StringComparison.Ordinal) || h.Contains("почт", StringComparison.Ordinal) ? "email"
            : null;
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index;
    }

    private static string Text(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var i) && i >= 0 && i < shared.Length ? shared[i] : value;
    }

    private static Row Row(uint index, IEnumerable<string> values, bool bold) =>
        new(values.Select((v, i) => new Cell
        {
            CellReference = ColumnName(i + 1) + index,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(v) { Space = SpaceProcessingModeValues.Preserve }),
            StyleIndex = bold ? 1u : 0u,
        }))
        { RowIndex = index };

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<double> widths, IEnumerable<Row> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, new SheetData(rows));
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }
}
