using MethodDays.Features.Observations;
using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>What the year's figures read besides the visits' own store.</summary>
internal sealed record VisitYearSources([FromServices] VisitYearStore Year, [FromServices] ProtocolTemplateStore Templates);

/// <summary>
/// The municipality's figures for a school year (September–August), counted from the records each time they are asked
/// for: visits, schools, lessons observed, ШНОР schools and those that left the list, repeat visits, help items,
/// requests, and per school how its protocols' mean mark moved. As JSON and as an Excel file. The coordinator and the
/// methodists only (a municipality-wide view).
/// </summary>
internal static class VisitYearEndpoints
{
    private const string Tag = "Посещения школ";

    public static void Map(RouteGroupBuilder api)
    {
        var years = api.MapGroup("/municipalities/{municipalityId}/visits/years").WithTags(Tag);
        years.MapGet("/{year}", YearAsync).WithName("VisitYear")
            .WithSummary("Итоги учебного года (year — «2025-2026», сентябрь–август): посещения, школы, уроки, ШНОР, повторные посещения, помощь, запросы")
            .ProducesProblems(400, 403, 404);
        years.MapGet("/{year}.xlsx", WorkbookAsync).WithName("VisitYearWorkbook")
            .WithSummary("Итоги учебного года — файл .xlsx (итоги, школы, посещения)").ProducesProblems(400, 403, 404, 429)
            .RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
    }

    public static async Task<Results<Ok<VisitYearView>, ValidationProblem, ProblemHttpResult>> YearAsync(
        string municipalityId, string year, [AsParameters] VisitRequest r, [AsParameters] VisitYearSources s)
    {
        var (view, invalid, problem) = await CountAsync(municipalityId, year, r, s);
        if (view is null)
        {
            return invalid is not null ? invalid : problem!;
        }

        r.Http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(view);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> WorkbookAsync(
        string municipalityId, string year, [AsParameters] VisitRequest r, [AsParameters] VisitYearSources s)
    {
        var (view, invalid, problem) = await CountAsync(municipalityId, year, r, s);
        if (view is null)
        {
            return invalid is not null ? invalid : problem!;
        }

        r.Http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(VisitYearWorkbook.Write(view), StaffWorkbook.XlsxType, $"Итоги посещений {view.Year}.xlsx");
    }

    private static async Task<(VisitYearView? View, ValidationProblem? Invalid, ProblemHttpResult? Problem)> CountAsync(string municipalityId, string year, VisitRequest r, VisitYearSources s)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct,
            "Итоги учебного года доступны координатору и методистам муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return (null, null, problem);
        }

        if (!SchoolYears.TryParse(year, out var y))
        {
            return (null, Problems.Invalid("year", "Учебный год — в виде «2025-2026»."), null);
        }

        var today = DateOnly.FromDateTime(LocalTime.Now(r.Time, ctx.Municipality.TimeZone).DateTime);
        var schoolsTask = r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var visitsTask = r.Store.VisitsAsync(municipalityId, r.Ct);
        var shnorTask = r.Store.ShnorAsync(municipalityId, r.Ct);
        var requestsTask = r.Store.RequestsAsync(municipalityId, r.Ct);
        var helpTask = s.Year.HelpItemsAsync(municipalityId, r.Ct);
        var visits = await visitsTask;
        var held = VisitYearFigures.InYear(visits, y).Where(v => v.Date.CompareTo(VisitRules.Iso(today)) <= 0).ToList();
        var protocols = await s.Year.ProtocolsAsync(municipalityId, held, r.Ct);
        var templates = new Dictionary<string, ProtocolTemplate>(StringComparer.Ordinal);
        foreach (var version in protocols.Select(p => p.TemplateVersion).Distinct(StringComparer.Ordinal))
        {
            if (await s.Templates.FindAsync(municipalityId, version, r.Ct) is { } t)
            {
                templates[version] = t;
            }
        }

        var view = VisitYearFigures.Count(municipalityId, y, today, await schoolsTask, visits, protocols, templates, await shnorTask, await helpTask, await requestsTask);
        return (view, null, null);
    }
}
