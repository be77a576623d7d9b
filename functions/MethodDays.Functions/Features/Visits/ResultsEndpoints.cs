using MethodDays.Platform.Files;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>
/// The register of each school's results by school year: read a year, save one school's year, download the Excel
/// template and import it (checked whole: every bad cell listed, nothing half-imported).
/// </summary>
internal static class ResultsEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;
    private const long MaxFileBytes = 2 * 1024 * 1024;
    private const string Tag = "Посещения школ";

    public static void Map(RouteGroupBuilder api)
    {
        var results = api.MapGroup("/municipalities/{municipalityId}/results/{year}").WithTags(Tag);
        results.MapGet("", YearAsync).WithName("ResultsYear")
            .WithSummary("Результаты школ за учебный год (year — «2025-2026»): ШНОР, ОГЭ/ЕГЭ/ВПР, олимпиада, качество и успеваемость")
            .ProducesProblems(400, 403, 404);
        results.MapPut("/schools/{schoolId}", SaveAsync).WithName("ResultsSave")
            .WithSummary("Сохранить результаты школы за год; If-Match — ETag, если результаты уже вносили")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409, 428);
        results.MapGet("/template", TemplateAsync).WithName("ResultsTemplate")
            .WithSummary("Шаблон .xlsx результатов за год: школы муниципалитета и то, что уже внесено").ProducesProblems(400, 403, 404);
        results.MapPut("/import", ImportAsync).WithName("ResultsImport")
            .WithSummary("Импорт результатов за год из .xlsx (тело — файл): всё или ничего")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes)).ProducesProblems(400, 403, 404, 409, 413);
    }

    public static async Task<Results<Ok<ResultsYearView>, ValidationProblem, ProblemHttpResult>> YearAsync(
        string municipalityId, string year, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (!SchoolYears.TryParse(year, out var y))
        {
            return Problems.Invalid("year", "Учебный год — в виде «2025-2026».");
        }

        var schools = await r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var rows = (await r.Store.YearAsync(municipalityId, y, r.Ct)).ToDictionary(e => e.SchoolId);
        var shnor = (await r.Store.ShnorAsync(municipalityId, r.Ct)).ToDictionary(e => e.SchoolId);
        var years = (await r.Store.YearsAsync(municipalityId, r.Ct)).Append(y).Append(Current(r)).Distinct().OrderDescending().ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ResultsYearView(municipalityId, y, SchoolYears.Label(y), years,
            [.. schools.OrderBy(s => s.ShortName, StringComparer.Ordinal).Select(s => View(s, y, rows.GetValueOrDefault(s.Id), shnor.GetValueOrDefault(s.Id)))],
            r.User.CanPlanVisits(municipalityId)));
    }

    public static async Task<Results<Ok<SchoolResultsView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, string year, string schoolId, SchoolResultsInput input, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (!SchoolYears.TryParse(year, out var y))
        {
            errors.Add("year", "Учебный год — в виде «2025-2026».");
        }

        var (from, to) = Period(input.ShnorFrom, input.ShnorTo, errors, "shnorFrom", "shnorTo");
        var fields = ResultsRules.Check(input, errors);
        if (fields is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var existing = (await r.Store.YearAsync(municipalityId, y, r.Ct)).FirstOrDefault(e => e.SchoolId == schoolId);
        var tag = r.Http.Request.Headers.IfMatch.FirstOrDefault();
        if (existing is not null && string.IsNullOrEmpty(tag))
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag результатов, которые вы изменяете: так ничьи изменения не потеряются.");
        }

        if (existing is not null && tag != existing.ETag.ToString())
        {
            return Conflict(ctx.School, y, existing, await ShnorOf(r, municipalityId, schoolId));
        }

        var entity = existing ?? new ResultsEntity { PartitionKey = municipalityId, RowKey = VisitStore.ResultsKey(y, schoolId), SchoolId = schoolId, Year = y };
        fields.ApplyTo(entity, r.User.PersonId, r.User.Member.DisplayName, r.Time.GetUtcNow());
        var shnor = new ShnorEntity { PartitionKey = municipalityId, RowKey = VisitStore.ShnorKey(schoolId), SchoolId = schoolId, From = from, To = to };
        if (!await r.Store.WriteResultsAsync([(entity, existing is null), (shnor, false)], r.Ct))
        {
            var current = (await r.Store.YearAsync(municipalityId, y, r.Ct)).FirstOrDefault(e => e.SchoolId == schoolId);
            return Conflict(ctx.School, y, current, await ShnorOf(r, municipalityId, schoolId));
        }

        r.Http.Response.Headers.ETag = entity.ETag.ToString();
        return TypedResults.Ok(View(ctx.School, y, entity, shnor));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> TemplateAsync(
        string municipalityId, string year, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (!SchoolYears.TryParse(year, out var y))
        {
            return Problems.Invalid("year", "Учебный год — в виде «2025-2026».");
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).OrderBy(s => s.ShortName, StringComparer.Ordinal).ToList();
        var rows = (await r.Store.YearAsync(municipalityId, y, r.Ct)).ToDictionary(e => e.SchoolId);
        var shnor = (await r.Store.ShnorAsync(municipalityId, r.Ct)).ToDictionary(e => e.SchoolId);
        return TypedResults.File(ResultsWorkbook.Template(y, schools, rows, shnor), StaffWorkbook.XlsxType, $"Результаты школ {y}.xlsx");
    }

    public static async Task<Results<Ok<ResultsImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string municipalityId, string year, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (!SchoolYears.TryParse(year, out var y))
        {
            return Problems.Invalid("year", "Учебный год — в виде «2025-2026».");
        }

        using var buffer = await ExcelUpload.ReadAsync(r.Http.Request, r.Ct);
        const string NotExcel = "Загрузите файл Excel (.xlsx): лучше всего — скачанный шаблон.";
        if (!ExcelUpload.LooksLikeXlsx(buffer))
        {
            return Problems.Invalid("file", NotExcel);
        }

        Dictionary<string, ImportGrid> grids;
        try
        {
            buffer.Position = 0;
            grids = ImportGrid.ReadAll(buffer);
        }
        catch (Exception ex) when (ImportGrid.Unreadable(ex))
        {
            return Problems.Invalid("file", "Файл не читается как книга Excel (.xlsx). " + NotExcel);
        }

        if (!grids.TryGetValue(ResultsWorkbook.SchoolsSheet, out var schoolGrid))
        {
            return Problems.Invalid("file", $"В файле нет листа «{ResultsWorkbook.SchoolsSheet}». Скачайте шаблон и перенесите данные в него.");
        }

        var examGrid = grids.GetValueOrDefault(ResultsWorkbook.ExamsSheet);
        var schools = await r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var read = ResultsImport.Read(schoolGrid, examGrid, schools);
        if (read.FileError is not null)
        {
            return Problems.Invalid("file", read.FileError);
        }

        if (read.Cells.Count > 0)
        {
            var errors = read.Cells.GroupBy(c => c.Cell).ToDictionary(g => g.Key, g => g.Select(c => c.Message).ToArray());
            return TypedResults.ValidationProblem(errors,
                $"Ошибки в ячейках файла: {read.Cells.Count}. Ничего не сохранено — исправьте отмеченные ячейки и загрузите файл ещё раз.",
                title: "Данные не прошли проверку", extensions: new Dictionary<string, object?> { ["cells"] = read.Cells });
        }

        var existing = (await r.Store.YearAsync(municipalityId, y, r.Ct)).ToDictionary(e => e.SchoolId);
        var shnor = (await r.Store.ShnorAsync(municipalityId, r.Ct)).ToDictionary(e => e.SchoolId);
        var now = r.Time.GetUtcNow();
        var changes = new List<(ITableEntity, bool)>();
        var changed = 0;
        foreach (var row in read.Rows)
        {
            var schoolChanged = false;
            var before = existing.GetValueOrDefault(row.SchoolId);
            var entity = before ?? new ResultsEntity { PartitionKey = municipalityId, RowKey = VisitStore.ResultsKey(y, row.SchoolId), SchoolId = row.SchoolId, Year = y };
            var content = before?.Content;
            row.Fields.ApplyTo(entity, r.User.PersonId, r.User.Member.DisplayName, now);
            // A school's empty row (as the template gives a school with nothing entered) creates nothing.
            if (entity.Content != content && (before is not null || entity.Content != new ResultsEntity().Content))
            {
                changes.Add((entity, before is null));
                schoolChanged = true;
            }

            var period = shnor.GetValueOrDefault(row.SchoolId);
            if (period?.From != row.ShnorFrom || period?.To != row.ShnorTo)
            {
                changes.Add((new ShnorEntity { PartitionKey = municipalityId, RowKey = VisitStore.ShnorKey(row.SchoolId), SchoolId = row.SchoolId, From = row.ShnorFrom, To = row.ShnorTo }, false));
                schoolChanged = true;
            }

            changed += schoolChanged ? 1 : 0;
        }

        if (!await r.Store.WriteResultsAsync(changes, r.Ct))
        {
            return Problems.Conflict("Результаты изменили, пока шёл импорт. Загрузите файл ещё раз: уже совпадающие строки он не тронет.");
        }

        return TypedResults.Ok(new ResultsImportResult(read.Rows.Count + read.Rows.Sum(x => x.Fields.Exams.Count), read.Rows.Count,
            read.Rows.Sum(x => x.Fields.Exams.Count), changed, read.Rows.Count - changed));
    }

    /// <summary>A ШНОР period: two school years, «по» not before «с»; «по» without «с» is refused.</summary>
    internal static (string? From, string? To) Period(string? fromText, string? toText, FieldErrors errors, string fromField, string toField)
    {
        string? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(fromText))
        {
            if (SchoolYears.TryParse(fromText, out var f))
            {
                from = f;
            }
            else
            {
                errors.Add(fromField, "Учебный год — в виде «2021-2022».");
            }
        }

        if (!string.IsNullOrWhiteSpace(toText))
        {
            if (SchoolYears.TryParse(toText, out var t))
            {
                to = t;
            }
            else
            {
                errors.Add(toField, "Учебный год — в виде «2023-2024».");
            }
        }

        if (to is not null && from is null && string.IsNullOrWhiteSpace(fromText))
        {
            errors.Add(fromField, "Укажите, с какого учебного года школа в списке ШНОР.");
        }
        else if (from is not null && to is not null && string.CompareOrdinal(to, from) < 0)
        {
            errors.Add(toField, "Год выхода из списка ШНОР не может быть раньше года включения.");
        }

        return (from, to);
    }

    internal static bool OnShnorList(School school, string year, ShnorEntity? period) =>
        period?.From is { } from ? SchoolYears.Within(year, from, period.To) : school.LowResults;

    internal static string? PeriodLabel(ShnorEntity? period) => period?.From is { } from
        ? period.To is { } to ? $"с {SchoolYears.BankSpelling(from)} по {SchoolYears.BankSpelling(to)} уч. г." : $"с {SchoolYears.BankSpelling(from)} уч. г. (по сей день)"
        : null;

    internal static SchoolResultsView View(School s, string year, ResultsEntity? e, ShnorEntity? p) => new(
        s.Id, s.ShortName, year, p?.From, p?.To, OnShnorList(s, year, p),
        (decimal?)e?.QualityPercent, (decimal?)e?.AttainmentPercent, e?.OlympiadSchoolParticipants, e?.OlympiadSchoolWinners,
        e?.OlympiadHigherParticipants, e?.OlympiadHigherWinners, e?.InnovationTeachers, e?.ExamList ?? [], e is not null,
        e?.UpdatedAt, e?.UpdatedByName, e?.ETag.ToString());

    private static string Current(VisitRequest r) => SchoolYears.Of(DateOnly.FromDateTime(r.Time.GetUtcNow().UtcDateTime));

    private static async Task<ShnorEntity?> ShnorOf(VisitRequest r, string municipalityId, string schoolId) =>
        (await r.Store.ShnorAsync(municipalityId, r.Ct)).FirstOrDefault(e => e.SchoolId == schoolId);

    private static ProblemHttpResult Conflict(School school, string year, ResultsEntity? current, ShnorEntity? shnor) =>
        Problems.Conflict(
            current is null
                ? "Результаты этой школы изменились. Обновите страницу и внесите их ещё раз."
                : $"Результаты школы уже изменил(а) {current.UpdatedByName}. Ваши изменения не сохранены: сравните их с текущими и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = View(school, year, current, shnor) });
}
