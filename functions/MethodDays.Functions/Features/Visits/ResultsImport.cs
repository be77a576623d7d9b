using System.Globalization;
using MethodDays.Features.People;
using ImportCellError = MethodDays.Features.Staff.ImportCellError;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Visits;

/// <summary>One school's year as read from a file.</summary>
internal sealed record ImportedSchool(string SchoolId, int Row, string? ShnorFrom, string? ShnorTo, ResultsFields Fields);

internal sealed record ResultsFileRead(IReadOnlyList<ImportedSchool> Rows, IReadOnlyList<ImportCellError> Cells, string? FileError);

/// <summary>
/// Reads the two sheets of a results file and checks every cell with the same rules as the page; each error names its
/// cell as Excel shows it, with the sheet («Экзамены!E7»).
/// </summary>
internal static class ResultsImport
{
    public const int MaxRows = 2000;

    public static ResultsFileRead Read(ImportGrid schoolGrid, ImportGrid? examGrid, IReadOnlyList<School> schools)
    {
        var cells = new List<ImportCellError>();
        var schoolCols = ResultsWorkbook.Headers(schoolGrid, ResultsWorkbook.SchoolColumns);
        if (!schoolCols.ContainsKey("school"))
        {
            return new([], [], $"На листе «{ResultsWorkbook.SchoolsSheet}» в первой строке нет столбца «Школа». Скачайте шаблон и перенесите данные в него.");
        }

        var examCols = examGrid is null ? new Dictionary<string, int>() : ResultsWorkbook.Headers(examGrid, ResultsWorkbook.ExamColumns);
        if (examGrid is not null && examGrid.RowCount > 0 && !examCols.ContainsKey("school"))
        {
            return new([], [], $"На листе «{ResultsWorkbook.ExamsSheet}» в первой строке нет столбца «Школа». Скачайте шаблон и перенесите данные в него.");
        }

        if (schoolGrid.RowCount + (examGrid?.RowCount ?? 0) > MaxRows)
        {
            return new([], [], $"В файле больше {MaxRows} строк: это не похоже на результаты школ одного муниципалитета.");
        }

        var byName = new Dictionary<string, School>(StringComparer.Ordinal);
        foreach (var s in schools)
        {
            byName.TryAdd(ResultsWorkbook.Key(s.ShortName), s);
            byName.TryAdd(ResultsWorkbook.Key(s.Name), s);
            byName.TryAdd(ResultsWorkbook.Key(s.Id), s);
        }

        // Exams first, by school.
        var exams = new Dictionary<string, List<(int Row, ExamResultInput Input)>>(StringComparer.Ordinal);
        if (examGrid is not null)
        {
            foreach (var row in examGrid.DataRows(examCols.Values))
            {
                string Text(string field) => examCols.TryGetValue(field, out var c) ? examGrid.Text(row, c) : "";
                var where = Where(ResultsWorkbook.ExamsSheet, examCols, ResultsWorkbook.ExamColumns, row);
                var school = Find(Text("school"), byName, where("school"), cells);
                var ok = school is not null;
                var grade = Int(Text("grade"), where("grade"), cells, ref ok);
                var mean = Dec(Text("school_mean"), where("school_mean"), cells, ref ok);
                var mun = Dec(Text("municipality"), where("municipality"), cells, ref ok);
                var city = Dec(Text("city"), where("city"), cells, ref ok);
                if (!ok)
                {
                    continue;
                }

                var input = new ExamResultInput(Text("exam"), Text("subject"), grade, mean, mun, city);
                var errors = new FieldErrors();
                ResultsRules.CheckExam(input, "e", errors);
                if (Report(errors, f => where(f switch { "e.school" => "school_mean", var x => x[2..] }), cells))
                {
                    continue;
                }

                if (!exams.TryGetValue(school!.Id, out var list))
                {
                    exams[school.Id] = list = [];
                }

                list.Add((row, input));
            }
        }

        var rows = new List<ImportedSchool>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in schoolGrid.DataRows(schoolCols.Values))
        {
            string Text(string field) => schoolCols.TryGetValue(field, out var c) ? schoolGrid.Text(row, c) : "";
            var where = Where(ResultsWorkbook.SchoolsSheet, schoolCols, ResultsWorkbook.SchoolColumns, row);
            var school = Find(Text("school"), byName, where("school"), cells);
            if (school is not null && seen.TryGetValue(school.Id, out var earlier))
            {
                cells.Add(Error(where("school"), $"школа «{school.ShortName}» уже есть в строке {earlier}."));
                continue;
            }

            if (school is not null)
            {
                listed.Add(school.Id);
            }

            var ok = school is not null;
            var quality = Dec(Text("qualityPercent"), where("qualityPercent"), cells, ref ok);
            var attainment = Dec(Text("attainmentPercent"), where("attainmentPercent"), cells, ref ok);
            var c1 = Int(Text("olympiadSchoolParticipants"), where("olympiadSchoolParticipants"), cells, ref ok);
            var c2 = Int(Text("olympiadSchoolWinners"), where("olympiadSchoolWinners"), cells, ref ok);
            var c3 = Int(Text("olympiadHigherParticipants"), where("olympiadHigherParticipants"), cells, ref ok);
            var c4 = Int(Text("olympiadHigherWinners"), where("olympiadHigherWinners"), cells, ref ok);
            var c5 = Int(Text("innovationTeachers"), where("innovationTeachers"), cells, ref ok);
            if (!ok)
            {
                continue;
            }

            seen[school!.Id] = row;
            var lines = exams.GetValueOrDefault(school.Id) ?? [];
            var errors = new FieldErrors();
            var (from, to) = ResultsEndpoints.Period(Text("shnorFrom"), Text("shnorTo"), errors, "shnorFrom", "shnorTo");
            var fields = ResultsRules.Check(new SchoolResultsInput(null, null, quality, attainment, c1, c2, c3, c4, c5, [.. lines.Select(l => l.Input)]), errors);
            if (Report(errors, f =>
                {
                    // exams.{i}.{field} points at the exam sheet's row; the rest at this row.
                    var parts = f.Split('.');
                    if (parts[0] == "exams" && parts.Length > 1 && int.TryParse(parts[1], out var i) && i < lines.Count)
                    {
                        var field = parts.Length > 2 ? (parts[2] == "school" ? "school_mean" : parts[2]) : "subject";
                        return Where(ResultsWorkbook.ExamsSheet, examCols, ResultsWorkbook.ExamColumns, lines[i].Row)(field);
                    }

                    return where(parts[0]);
                }, cells) || fields is null)
            {
                continue;
            }

            rows.Add(new ImportedSchool(school.Id, row, from, to, fields));
        }

        foreach (var (schoolId, lines) in exams.Where(e => !listed.Contains(e.Key)))
        {
            var where = Where(ResultsWorkbook.ExamsSheet, examCols, ResultsWorkbook.ExamColumns, lines[0].Row);
            var name = schools.First(s => s.Id == schoolId).ShortName;
            cells.Add(Error(where("school"), $"школы «{name}» нет на листе «{ResultsWorkbook.SchoolsSheet}»: добавьте её строку туда."));
        }

        if (rows.Count == 0 && cells.Count == 0)
        {
            return new([], [], $"На листе «{ResultsWorkbook.SchoolsSheet}» нет ни одной школы.");
        }

        return new(rows, [.. cells.OrderBy(c => c.Cell.StartsWith(ResultsWorkbook.SchoolsSheet, StringComparison.Ordinal) ? 0 : 1).ThenBy(c => c.Row)], null);
    }

    /// <summary>Where a field of a row is: (cell address, row, field, column header).</summary>
    private static Func<string, (string Cell, int Row, string Field, string Column)> Where(
        string sheet, IReadOnlyDictionary<string, int> cols, IReadOnlyList<ResultsColumn> columns, int row) =>
        field =>
        {
            var col = cols.TryGetValue(field, out var c) ? c : cols.GetValueOrDefault("school", 1);
            return ($"{sheet}!{ImportGrid.ColumnName(col)}{row}", row, field, columns.FirstOrDefault(x => x.Field == field)?.Header ?? field);
        };

    private static ImportCellError Error((string Cell, int Row, string Field, string Column) at, string message) =>
        new(at.Cell, at.Row, at.Field, at.Column, $"Ячейка {at.Cell} («{at.Column}»): {message}");

    private static bool Report(FieldErrors errors, Func<string, (string Cell, int Row, string Field, string Column)> where, List<ImportCellError> cells)
    {
        if (!errors.Any)
        {
            return false;
        }

        foreach (var (key, messages) in errors.ToProblem().ProblemDetails.Errors)
        {
            cells.AddRange(messages.Select(m => Error(where(key), m)));
        }

        return true;
    }

    private static School? Find(string text, IReadOnlyDictionary<string, School> byName, (string Cell, int Row, string Field, string Column) at, List<ImportCellError> cells)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            cells.Add(Error(at, "укажите школу."));
            return null;
        }

        if (byName.TryGetValue(ResultsWorkbook.Key(text), out var school))
        {
            return school;
        }

        cells.Add(Error(at, $"школы «{text}» в муниципалитете нет (пишите краткое или полное название, как в MethodDays)."));
        return null;
    }

    private static decimal? Dec(string text, (string Cell, int Row, string Field, string Column) at, List<ImportCellError> cells, ref bool ok)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text.Replace(',', '.').Replace("%", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        cells.Add(Error(at, $"«{text}» — не число."));
        ok = false;
        return null;
    }

    private static int? Int(string text, (string Cell, int Row, string Field, string Column) at, List<ImportCellError> cells, ref bool ok)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text.Replace(',', '.').Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v == Math.Floor(v) && v is >= int.MinValue and <= int.MaxValue)
        {
            return (int)v;
        }

        cells.Add(Error(at, $"«{text}» — не целое число."));
        ok = false;
        return null;
    }
}
