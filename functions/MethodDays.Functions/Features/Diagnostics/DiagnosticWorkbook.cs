using MethodDays.Platform.Files;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.People;
using MethodDays.Features.Staff;

namespace MethodDays.Features.Diagnostics;

/// <summary>One teacher's row of an imported file: the name as written and the per cents by competence.</summary>
internal sealed record DiagnosticFileRow(int Row, string Name, IReadOnlyDictionary<string, int?> Entry, IReadOnlyDictionary<string, int?> Repeat);

/// <summary>
/// Seed 004's table as an Excel sheet, for export and for import alike: a title, the school, then two header rows —
/// «№ п/п», «ФИО педагога» and each competence over its «вх. диагн. %» and «повторн. диагн. %» columns (merged as in
/// the seed) — one row per teacher and the «Ср. показатель» row. The seed numbers its teachers without names; the file
/// adds the name, by which a row is matched to the school's staff list. The import finds the columns by these headers
/// (competence words in the upper header row, «вх»/«повт» under them), so the seed's own table with a name column
/// added reads too.
/// </summary>
internal static class DiagnosticWorkbook
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Диагностика";

    public static byte[] Write(DiagnosticTable table, IReadOnlyList<string> extraTeachers)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            ExcelStyles.AddPlainAndBold(workbook);

            var rows = new List<Row>
            {
                TextRow(1, ["Результаты диагностики профессиональных дефицитов педагогических работников"], bold: true),
                TextRow(2, [table.SchoolName], bold: false),
                TextRow(3, ["№ п/п", "ФИО педагога", .. Competences.All.SelectMany(c => new[] { c.Header, "" })], bold: true),
                TextRow(4, ["", "", .. Competences.All.SelectMany(_ => new[] { "вх. диагн. %", "повторн. диагн. %" })], bold: true),
            };
            var r = 5u;
            var number = 0;
            foreach (var row in table.Rows)
            {
                number = row.Number;
                rows.Add(MixedRow(r++, [row.Number, row.TeacherName ?? "", .. row.Cells.SelectMany(c => new object?[] { c.Entry, c.Repeat })], bold: false));
            }

            foreach (var name in extraTeachers)
            {
                rows.Add(MixedRow(r++, [++number, name, .. Competences.All.SelectMany(_ => new object?[] { null, null })], bold: false));
            }

            rows.Add(MixedRow(r, ["Ср. показатель", "", .. table.Means.SelectMany(c => new object?[] { c.Entry, c.Repeat })], bold: true));

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var widths = new double[] { 8, 36 }.Concat(Competences.All.SelectMany(_ => new double[] { 12, 14 }));
            var merges = new MergeCells(Competences.All.Select((_, i) => new MergeCell { Reference = $"{Column(3 + (2 * i))}3:{Column(4 + (2 * i))}3" }));
            part.Worksheet = new Worksheet(
                new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                new SheetData(rows),
                merges);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = SheetName });

            var levels = workbook.AddNewPart<WorksheetPart>();
            var levelRows = new List<Row> { TextRow(1, ["Компетенция", "Уровень", "Входная диагностика, педагогов", "Повторная диагностика, педагогов"], bold: true) };
            var lr = 2u;
            foreach (var l in table.Levels)
            {
                levelRows.Add(MixedRow(lr++, [Competences.ByCode(l.Competence)!.Label, l.LevelLabel, l.AtEntry, table.Repeat is null ? null : l.AtRepeat], bold: false));
            }

            lr++;
            levelRows.Add(TextRow(lr++, ["Компетенция", "Изменение уровня", "Педагогов"], bold: true));
            foreach (var c in table.Changes)
            {
                levelRows.Add(MixedRow(lr++, [Competences.ByCode(c.Competence)!.Label, c.Words, c.Teachers], bold: false));
            }

            levels.Worksheet = new Worksheet(
                new Columns(new[] { 28.0, 22, 30, 30 }.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                new SheetData(levelRows));
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(levels), SheetId = 2, Name = "Уровни" });
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the sheet «Диагностика» (or the only sheet). Returns the rows, or the problems with their cells; never
    /// throws on content (a file that is not a workbook throws, and the caller answers 400).
    /// </summary>
    public static (IReadOnlyList<DiagnosticFileRow> Rows, IReadOnlyList<ImportRowProblem> Problems) Read(Stream xlsx)
    {
        var grid = ImportGrid.ReadSheet(xlsx, SheetName);
        var problems = new List<ImportRowProblem>();
        if (grid is null)
        {
            problems.Add(new(0, "", "file", $"В файле нет листа «{SheetName}». Скачайте таблицу диагностики и заполните её."));
            return ([], problems);
        }

        // The lower header row: the first row with a cell starting «вх».
        var maxRow = Math.Max(grid.RowCount * 4, 200);
        var header = Enumerable.Range(1, maxRow).FirstOrDefault(r => grid.Row(r).Any(c => Lower(c.Cell.Text).StartsWith("вх", StringComparison.Ordinal)));
        if (header == 0)
        {
            problems.Add(new(0, "", "file", "Не найдены заголовки «вх. диагн. %» и «повторн. диагн. %» под названиями компетенций. Скачайте таблицу диагностики и заполните её."));
            return ([], problems);
        }

        var upper = grid.Row(header - 1).OrderBy(c => c.Column).ToList();
        var entryColumns = new Dictionary<string, int>();
        var repeatColumns = new Dictionary<string, int>();
        foreach (var (column, cell) in grid.Row(header))
        {
            var words = Lower(cell.Text);
            var over = upper.LastOrDefault(u => u.Column <= column && CompetenceOf(u.Cell.Text) is not null);
            if (CompetenceOf(over.Cell.Text) is not { } competence)
            {
                continue;
            }

            if (words.StartsWith("вх", StringComparison.Ordinal))
            {
                entryColumns.TryAdd(competence, column);
            }
            else if (words.StartsWith("повт", StringComparison.Ordinal))
            {
                repeatColumns.TryAdd(competence, column);
            }
        }

        var nameColumn = grid.Row(header - 1).Concat(grid.Row(header))
            .Where(c => Lower(c.Cell.Text).Contains("фио", StringComparison.Ordinal) || Lower(c.Cell.Text).StartsWith("педагог", StringComparison.Ordinal))
            .Select(c => c.Column).FirstOrDefault();
        var missing = Competences.All.Where(c => !entryColumns.ContainsKey(c.Code)).Select(c => $"«{c.Label}»").ToList();
        if (nameColumn == 0)
        {
            problems.Add(new(header - 1, "", "file", $"В строке {header - 1} нет столбца «ФИО педагога»: по нему строка находит педагога в списке школы."));
        }

        if (missing.Count > 0)
        {
            problems.Add(new(header - 1, "", "file", $"Нет столбцов входной диагностики для компетенций {string.Join(", ", missing)}."));
        }

        foreach (var merge in grid.Merges)
        {
            if (FirstRowOf(merge) > header)
            {
                problems.Add(new(FirstRowOf(merge), merge, "file", $"Объединённые ячейки {merge} в строках педагогов: у каждого педагога и каждой компетенции — своя ячейка."));
            }
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var rows = new List<DiagnosticFileRow>();
        var lastRow = grid.DataRows(Enumerable.Range(1, 64)).DefaultIfEmpty(header).Max();
        for (var r = header + 1; r <= lastRow; r++)
        {
            var name = StaffRules.Collapse(grid.Text(r, nameColumn));
            var first = Lower(grid.Text(r, 1));
            if (first.StartsWith("ср", StringComparison.Ordinal) || Lower(name).StartsWith("ср. показ", StringComparison.Ordinal))
            {
                continue; // the means row: computed, not imported
            }

            var entry = new Dictionary<string, int?>();
            var repeat = new Dictionary<string, int?>();
            var any = false;
            foreach (var c in Competences.All)
            {
                any |= Number(grid, r, entryColumns[c.Code], c, "entry", entry, problems);
                if (repeatColumns.TryGetValue(c.Code, out var rc))
                {
                    any |= Number(grid, r, rc, c, "repeat", repeat, problems);
                }
            }

            if (name.Length == 0)
            {
                if (any)
                {
                    problems.Add(new(r, $"{ImportGrid.ColumnName(nameColumn)}{r}", "fullName", "Не указано ФИО педагога."));
                }

                continue;
            }

            if (!any)
            {
                continue; // a teacher listed without results yet
            }

            rows.Add(new DiagnosticFileRow(r, name, entry, repeat));
        }

        return (rows, problems);
    }

    private static bool Number(ImportGrid grid, int row, int column, Competence competence, string when, Dictionary<string, int?> into, List<ImportRowProblem> problems)
    {
        var text = grid.Text(row, column).Replace('%', ' ').Trim();
        if (text.Length == 0 || text is "-" or "–" or "—")
        {
            return false;
        }

        var cell = $"{ImportGrid.ColumnName(column)}{row}";
        var field = $"{competence.Code}.{when}";
        if (!decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add(new(row, cell, field, $"{cell}: «{text}» — не число: уровень {competence.Genitive} компетенции записывается процентом от 0 до 100."));
            return true;
        }

        if (value < 0 || value > 100)
        {
            problems.Add(new(row, cell, field, $"{cell}: {value.ToString(CultureInfo.InvariantCulture)} — вне 0–100: уровень компетенции — процент."));
            return true;
        }

        if (value != decimal.Truncate(value))
        {
            problems.Add(new(row, cell, field, $"{cell}: {value.ToString(CultureInfo.InvariantCulture)} — дробное: проценты в таблице диагностики целые, как в программе гимназии."));
            return true;
        }

        into[competence.Code] = (int)value;
        return true;
    }

    internal static string? CompetenceOf(string? header)
    {
        var h = Lower(header);
        return h.StartsWith("предмет", StringComparison.Ordinal) ? "subject"
            : h.StartsWith("методич", StringComparison.Ordinal) ? "methodical"
            : h.StartsWith("цифров", StringComparison.Ordinal) ? "digital"
            : h.StartsWith("коммуникат", StringComparison.Ordinal) ? "communicative"
            : h.StartsWith("психолог", StringComparison.Ordinal) ? "psychological"
            : null;
    }

    private static string Lower(string? text) => StaffRules.Collapse(text ?? "").ToLowerInvariant().Replace('ё', 'е');

    private static int FirstRowOf(string range) =>
        int.TryParse(new string([.. range.Split(':')[0].SkipWhile(char.IsAsciiLetter)]), out var row) ? row : 0;

    private static string Column(int index) => ImportGrid.ColumnName(index);

    private static Row TextRow(uint index, IEnumerable<string> values, bool bold) => MixedRow(index, values, bold);

    private static Row MixedRow(uint index, IEnumerable<object?> values, bool bold) =>
        new(values.Select((v, i) => v switch
        {
            null => new Cell { CellReference = Column(i + 1) + index, StyleIndex = bold ? 1u : 0u },
            int n => new Cell { CellReference = Column(i + 1) + index, CellValue = new CellValue(n), DataType = CellValues.Number, StyleIndex = bold ? 1u : 0u },
            _ => new Cell
            {
                CellReference = Column(i + 1) + index,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(v.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                StyleIndex = bold ? 1u : 0u,
            },
        }))
        { RowIndex = index };
}
