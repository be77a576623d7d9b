using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.SelfAssessment;

/// <summary>Excel downloads: the month's summary (schools as columns) and one school's sheet.</summary>
internal static class SheetWorkbookEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SummaryAsync(
        string municipalityId, string month, [AsParameters] SummaryRequest r)
    {
        var (view, problem, invalid) = await SummaryEndpoints.BuildSummaryAsync(municipalityId, month, r);
        if (invalid is not null)
        {
            return invalid;
        }

        if (problem is not null)
        {
            return problem;
        }

        YearMonth.TryParse(view!.Month, out var m);
        var municipality = await r.Directory.GetMunicipalityAsync(municipalityId, r.Ct);
        var title = $"{r.Templates.Current.Title} по состоянию на {m.RussianName} — {municipality!.Name}";
        return File(r.Templates.Current, title, view.Schools, view.NotSubmitted, $"Лист оценки {municipalityId} {view.Month}.xlsx");
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SchoolSheetAsync(
        string municipalityId, string schoolId, string month, [AsParameters] SheetRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (FormMonth.Check(month, ctx.Municipality, r.Time, errors, SelfAssessmentForm.FormNames) is not { } m)
        {
            return errors.ToProblem();
        }

        var sheet = await r.Store.GetFiguresAsync(municipalityId, schoolId, m, r.Ct);
        if (sheet is not { Revision: > 0 })
        {
            return Problems.NotFound($"Школа ещё не отправила лист за {m.RussianName}.");
        }

        var column = SheetViews.Column(ctx.School, sheet);
        var template = r.Templates.Find(column.TemplateVersion) ?? r.Templates.Current;
        var title = $"{template.Title} по состоянию на {m.RussianName} — {ctx.School.Name}";
        return File(template, title, [column], null, $"Лист оценки {ctx.School.ShortName} {m}.xlsx");
    }

    private static FileContentHttpResult File(SheetTemplate template, string title, IReadOnlyList<SummaryColumn> columns, IReadOnlyList<SchoolRef>? missing, string fileName)
    {
        using var buffer = new MemoryStream();
        SheetWorkbook.Write(buffer, template, title, columns, missing);
        // A school's name goes into the download's name too: no control characters in a header.
        return TypedResults.File(buffer.ToArray(), XlsxType, string.Concat(fileName.Select(c => char.IsControl(c) ? ' ' : c)));
    }
}
