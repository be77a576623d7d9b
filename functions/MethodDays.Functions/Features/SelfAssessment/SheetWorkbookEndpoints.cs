using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.SelfAssessment;

/// <summary>Excel downloads: the month's summary (schools as columns) and one school's sheet.</summary>
internal static class SheetWorkbookEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SummaryAsync(
        string municipalityId, string month, CurrentUser user, DirectoryStore directory, SheetStore store, SheetTemplates templates,
        TimeProvider time, CancellationToken ct)
    {
        var (view, problem, invalid) = await SummaryEndpoints.BuildSummaryAsync(municipalityId, month, user, directory, store, templates, time, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (problem is not null)
        {
            return problem;
        }

        YearMonth.TryParse(view!.Month, out var m);
        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        var title = $"{templates.Current.Title} по состоянию на {m.RussianName} — {municipality!.Name}";
        return File(templates.Current, title, view.Schools, view.NotSubmitted, $"Лист оценки {municipalityId} {view.Month}.xlsx");
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SchoolSheetAsync(
        string municipalityId, string schoolId, string month, CurrentUser user, DirectoryStore directory, SheetStore store,
        SheetTemplates templates, TimeProvider time, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (SheetInputRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        var sheet = await store.GetSheetAsync(municipalityId, schoolId, m, ct);
        if (sheet is not { Revision: > 0 })
        {
            return Problems.NotFound($"Школа ещё не отправила лист за {m.RussianName}.");
        }

        var column = SheetViews.Column(school!, sheet);
        var template = templates.Find(column.TemplateVersion) ?? templates.Current;
        var title = $"{template.Title} по состоянию на {m.RussianName} — {school!.Name}";
        return File(template, title, [column], [], $"Лист оценки {school.ShortName} {m}.xlsx");
    }

    private static FileContentHttpResult File(SheetTemplate template, string title, IReadOnlyList<SummaryColumn> columns, IReadOnlyList<SchoolRef> missing, string fileName)
    {
        using var buffer = new MemoryStream();
        SheetWorkbook.Write(buffer, template, title, columns, missing);
        return TypedResults.File(buffer.ToArray(), XlsxType, fileName);
    }
}
