using MethodDays.Platform.Files;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Staff;

/// <summary>
/// The staff list from Excel: a template to download and an import. The import checks every row before it writes
/// anything; a file with any bad row is refused whole, with each bad cell («C7») and its reason. Teachers are matched
/// by name, so importing the same file again changes nothing.
/// </summary>
internal static class StaffImportEndpoints
{
    /// <summary>A school's list of 500 teachers is some 40 KB; 2 MB leaves room for formatting, not for misuse.</summary>
    private const long MaxFileBytes = 2 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/staff").WithTags("Педагоги школы");
        staff.MapGet("/template", TemplateAsync).WithName("StaffTemplate")
            .WithSummary("Шаблон .xlsx для импорта: заголовки и нынешние педагоги школы").ProducesProblems(403, 404);
        staff.MapPost("/import", ImportAsync).WithName("StaffImport")
            .WithSummary("Импорт педагогов из .xlsx (тело запроса — файл, или multipart/form-data с одним файлом): всё или ничего")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes)).ProducesProblems(403, 404, 409, 413);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplateAsync(
        string municipalityId, string schoolId, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanEditStaff(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var teachers = (await r.Store.ListAsync(municipalityId, schoolId, r.Ct))
            .Where(t => t.Active)
            .OrderBy(t => t.NameKey, StringComparer.Ordinal)
            .Select(t => (t.FullName, t.SubjectList, Categories.ByCode(t.Category)?.Words[0] ?? t.Category, t.Position, t.Email));
        return TypedResults.File(StaffWorkbook.Template(teachers), StaffWorkbook.XlsxType, $"Педагоги {ctx.School.ShortName}.xlsx");
    }

    public static async Task<Results<Ok<StaffImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string municipalityId, string schoolId, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanEditStaff(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        using var buffer = await ExcelUpload.ReadAsync(r.Http.Request, r.Ct);

        const string NotExcel = "Загрузите файл Excel (.xlsx): лучше всего — скачанный шаблон.";
        if (!ExcelUpload.LooksLikeXlsx(buffer))
        {
            return Problems.Invalid("file", NotExcel);
        }

        StaffFile file;
        try
        {
            buffer.Position = 0;
            file = StaffWorkbook.Read(buffer);
        }
        catch (Exception ex) when (ImportGrid.Unreadable(ex))
        {
            return Problems.Invalid("file", "Файл не читается как книга Excel (.xlsx). " + NotExcel);
        }

        if (file.Error is not null)
        {
            return Problems.Invalid("file", file.Error);
        }

        if (file.Rows.Count > StaffRules.MaxTeachers)
        {
            return Problems.Invalid("file", $"В файле {file.Rows.Count} строк: не больше {StaffRules.MaxTeachers} педагогов в одной школе.");
        }

        var (rows, cells) = CheckRows(file);
        if (cells.Count > 0)
        {
            // Keyed rows.{row}.{field} for the page (field keys would lose a cell's capital letter); each message and
            // the "cells" list name the cell as Excel shows it.
            var errors = cells.GroupBy(c => $"rows.{c.Row}.{c.Field}").ToDictionary(g => g.Key, g => g.Select(c => c.Message).ToArray());
            var bad = cells.Select(c => c.Row).Distinct().Count();
            return TypedResults.ValidationProblem(errors,
                $"Ошибки в строках файла: {bad}. Ничего не сохранено — исправьте отмеченные ячейки и загрузите файл ещё раз.",
                title: "Данные не прошли проверку", extensions: new Dictionary<string, object?> { ["cells"] = cells });
        }

        var list = await r.Store.ListAsync(municipalityId, schoolId, r.Ct);
        var byName = list.ToDictionary(t => t.NameKey);
        var ids = list.Select(t => t.TeacherId).ToHashSet(StringComparer.Ordinal);
        var now = r.Time.GetUtcNow();
        var changes = new List<(TeacherEntity, bool)>();
        int added = 0, updated = 0, restored = 0;
        foreach (var fields in rows)
        {
            if (byName.TryGetValue(fields.NameKey, out var teacher))
            {
                var before = teacher.Content;
                var wasArchived = !teacher.Active;
                // The file has no account column: a link made on the page stays.
                (fields with { PersonId = teacher.PersonId }).ApplyTo(teacher, r.User.PersonId, r.User.Member.DisplayName, now);
                if (teacher.Content == before)
                {
                    continue;
                }

                teacher.WrittenFromEtag = teacher.ETag.ToString();
                changes.Add((teacher, false));
                _ = wasArchived ? restored++ : updated++;
                continue;
            }

            var id = StaffRules.NewId(fields.NameKey, ids.Contains);
            ids.Add(id);
            var created = new TeacherEntity
            {
                PartitionKey = StaffStore.PartitionFor(municipalityId, schoolId),
                RowKey = id,
                MunicipalityId = municipalityId,
                SchoolId = schoolId,
                CreatedById = r.User.PersonId,
                CreatedAt = now,
            };
            fields.ApplyTo(created, r.User.PersonId, r.User.Member.DisplayName, now);
            changes.Add((created, true));
            added++;
        }

        switch (await r.Store.WriteBatchesAsync(changes, r.Ct))
        {
            case StaffWrite.Full:
                return Problems.Conflict(StaffEndpoints.StaffFull);
            case StaffWrite.Conflict or StaffWrite.NameTaken:
                return Problems.Conflict("Список педагогов изменили, пока шёл импорт. Загрузите файл ещё раз: уже совпадающие строки он не тронет.");
        }

        return TypedResults.Ok(new StaffImportResult(rows.Count, added, updated, restored, rows.Count - added - updated - restored));
    }

    /// <summary>Checks every row; each error names its cell («C7»), row and column.</summary>
    private static (List<TeacherFields> Rows, List<ImportCellError> Errors) CheckRows(StaffFile file)
    {
        var rows = new List<TeacherFields>();
        var errors = new List<ImportCellError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = StaffWorkbook.Columns.ToDictionary(c => c.Field, c => c.Header);
        foreach (var row in file.Rows)
        {
            string? Cell(string field) => row.Cells.GetValueOrDefault(field);
            var rowErrors = new FieldErrors();
            var fields = StaffRules.Check(
                Cell("fullName"), Cell("subjects")?.Split(';'), Cell("category"), Categories.FromWords, Cell("position"), Cell("email"),
                personId: null, active: true, rowErrors, $"Допустимо: {Categories.AcceptedWords}.");
            if (fields is not null && seen.TryGetValue(fields.NameKey, out var earlier))
            {
                rowErrors.Add("fullName", $"Этот педагог уже есть в строке {earlier} файла.");
                fields = null;
            }

            if (fields is null)
            {
                foreach (var (key, messages) in rowErrors.ToProblem().ProblemDetails.Errors)
                {
                    var field = key.Split('.')[0];
                    var cell = file.Letters.GetValueOrDefault(field, "A") + row.Number;
                    var column = headers.GetValueOrDefault(field, field);
                    errors.AddRange(messages.Select(m => new ImportCellError(cell, row.Number, field, column, $"Ячейка {cell} (строка {row.Number}, «{column}»): {m}")));
                }

                continue;
            }

            seen[fields.NameKey] = row.Number;
            rows.Add(fields);
        }

        return (rows, errors);
    }
}

/// <summary>A bad cell of an imported file: where it is (as Excel shows it) and what is wrong.</summary>
public sealed record ImportCellError(string Cell, int Row, string Field, string Column, string Message);
