using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.SelfAssessment;

/// <summary>Which template versions exist and which one new sheets use.</summary>
public sealed record TemplateVersions(string Current, IReadOnlyList<string> Versions);

/// <summary>The municipality's views of the sheets: the month's summary (and its Excel), the trend, the templates.</summary>
internal static class SummaryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/self-assessment").WithTags("Лист оценки результативности");
        group.MapGet("/{month}/summary", GetSummaryAsync).WithName("SelfAssessmentSummary")
            .WithSummary("Сводная таблица за месяц: показатели × школы, итоги, кластеры, кто не отправил");
        group.MapGet("/{month}/summary/xlsx", SheetWorkbookEndpoints.SummaryAsync).WithName("SelfAssessmentSummaryXlsx").WithSummary("Сводная таблица в Excel").RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
        group.MapGet("/trend", GetTrendAsync).WithName("SelfAssessmentTrend").WithSummary("Итоги муниципалитета по месяцам");

        var templates = api.MapGroup("/self-assessment/templates").WithTags("Лист оценки результативности");
        templates.MapGet("", (SheetTemplates t) => TypedResults.Ok(new TemplateVersions(t.Current.Version, [.. t.All.Select(x => x.Version).Order()])))
            .WithName("SelfAssessmentTemplates").WithSummary("Версии шаблона листа");
        templates.MapGet("/{version}", GetTemplate).WithName("SelfAssessmentTemplate").WithSummary("Шаблон листа: области, критерии, 70 показателей");
    }

    public static Results<Ok<SheetTemplate>, ProblemHttpResult> GetTemplate(string version, SheetTemplates templates, HttpContext http)
    {
        var template = version == "current" ? templates.Current : templates.Find(version);
        if (template is null)
        {
            return Problems.NotFound($"Версии листа «{version}» нет.");
        }

        // A version never changes once shipped: let phones on slow lines keep it.
        http.Response.Headers.CacheControl = version == "current" ? "private, max-age=3600" : "private, max-age=31536000, immutable";
        return TypedResults.Ok(template);
    }

    public static async Task<Results<Ok<SummaryView>, ValidationProblem, ProblemHttpResult>> GetSummaryAsync(
        string municipalityId, string month, CurrentUser user, DirectoryStore directory, SheetStore store, SheetTemplates templates,
        TimeProvider time, CancellationToken ct)
    {
        var (view, problem, invalid) = await BuildSummaryAsync(municipalityId, month, user, directory, store, templates, time, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        return problem is not null ? problem : TypedResults.Ok(view!);
    }

    /// <summary>
    /// The month's summary. Coordinators and methodists see every school; a curator sees the assigned schools.
    /// One partition range read, joined with the school list.
    /// </summary>
    internal static async Task<(SummaryView? View, ProblemHttpResult? Problem, ValidationProblem? Invalid)> BuildSummaryAsync(
        string municipalityId, string month, CurrentUser user, DirectoryStore directory, SheetStore store, SheetTemplates templates,
        TimeProvider time, CancellationToken ct)
    {
        var (municipality, problem) = await SchoolScope.ResolveMunicipalityAsync(directory, user, municipalityId,
            u => u.CanSeeMunicipality(municipalityId) || (u.MunicipalityId == municipalityId && u.Role == Role.Curator), ct);
        if (problem is not null)
        {
            return (null, problem, null);
        }

        var errors = new FieldErrors();
        if (SheetInputRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return (null, null, errors.ToProblem());
        }

        var schoolsTask = directory.ListSchoolsAsync(municipalityId, ct);
        var sheetsTask = store.ReadMonthSheetsAsync(municipalityId, m, ct);
        var schools = (await schoolsTask).Where(s => user.CanReadSchool(municipalityId, s.Id)).ToList();
        var sheets = (await sheetsTask).ToDictionary(s => s.RowKey["sheet|".Length..]);
        var columns = schools.Select(s => SheetViews.Column(s, sheets.GetValueOrDefault(s.Id))).ToList();
        var missing = columns.Where(c => c.Revision == 0).Select(c => new SchoolRef(c.SchoolId, c.ShortName, c.Name)).ToList();
        var clusters = new ClusterCounts(
            columns.Count(c => c.Cluster == Cluster.High),
            columns.Count(c => c.Cluster == Cluster.Medium),
            columns.Count(c => c.Cluster == Cluster.Low));
        return (new SummaryView(municipalityId, m.ToString(), templates.Current.Version, columns, missing, clusters), null, null);
    }

    public static async Task<Results<Ok<TrendView>, ProblemHttpResult>> GetTrendAsync(
        string municipalityId, CurrentUser user, DirectoryStore directory, SheetStore store, CancellationToken ct)
    {
        var (_, problem) = await SchoolScope.ResolveMunicipalityAsync(directory, user, municipalityId, u => u.CanSeeMunicipality(municipalityId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var stats = await store.ReadStatsAsync(municipalityId, ct);
        return TypedResults.Ok(new TrendView(municipalityId, [.. stats.OrderBy(s => s.RowKey, StringComparer.Ordinal).Select(s =>
            new TrendPoint(s.RowKey, s.Schools, s.Submitted, s.High, s.Medium, s.Low, s.AveragePercent, SheetJson.ReadAverages(s.AreaAverages)))]));
    }
}
