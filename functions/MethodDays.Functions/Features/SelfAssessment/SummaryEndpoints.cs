using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.SelfAssessment;

/// <summary>What the municipality's sheet views need besides their route values. Services are marked: a GET has no body to bind the rest from.</summary>
internal sealed record SummaryRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DirectoryStore Directory,
    [FromServices] SheetStore Store,
    [FromServices] SheetTemplates Templates,
    [FromServices] TimeProvider Time,
    CancellationToken Ct);

/// <summary>The municipality's views of the sheets: the month's summary (and its Excel), the trend, the templates.</summary>
internal static class SummaryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/self-assessment").WithTags("Лист оценки результативности");
        group.MapGet("/{month}/summary", GetSummaryAsync).WithName("SelfAssessmentSummary")
            .WithSummary("Сводная таблица за месяц: показатели × школы, итоги, кластеры, кто не отправил").ProducesProblems(403, 404);
        group.MapGet("/{month}/summary/xlsx", SheetWorkbookEndpoints.SummaryAsync).WithName("SelfAssessmentSummaryXlsx").WithSummary("Сводная таблица в Excel")
            .ProducesProblems(403, 404, 429).RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
        group.MapGet("/trend", GetTrendAsync).WithName("SelfAssessmentTrend").WithSummary("Итоги муниципалитета по месяцам").ProducesProblems(403, 404);

        var templates = api.MapGroup("/self-assessment/templates").WithTags("Лист оценки результативности");
        templates.MapGet("", (SheetTemplates t) => TypedResults.Ok(new TemplateVersions(t.Current.Version, [.. t.All.Select(x => x.Version).Order()])))
            .WithName("SelfAssessmentTemplates").WithSummary("Версии шаблона листа");
        templates.MapGet("/{version}", GetTemplate).WithName("SelfAssessmentTemplate").WithSummary("Шаблон листа: области, критерии, 70 показателей")
            .ProducesProblems(404);
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
        string municipalityId, string month, [AsParameters] SummaryRequest r)
    {
        var (view, problem, invalid) = await BuildSummaryAsync(municipalityId, month, r);
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
        string municipalityId, string month, SummaryRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId,
                u => u.CanSeeMunicipality(municipalityId) || (u.MunicipalityId == municipalityId && u.Role == Role.Curator), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return (null, problem, null);
        }

        var errors = new FieldErrors();
        if (FormMonth.Check(month, ctx.Municipality, r.Time, errors, SelfAssessmentForm.FormNames) is not { } m)
        {
            return (null, null, errors.ToProblem());
        }

        var schoolsTask = r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var sheetsTask = r.Store.ReadMonthSheetsAsync(municipalityId, m, r.Ct);
        var schools = (await schoolsTask).Where(s => r.User.CanReadSchool(municipalityId, s.Id)).ToList();
        var sheets = (await sheetsTask).ToDictionary(s => FormKeys.SchoolOf(s.RowKey));
        var columns = schools.Select(s => SheetViews.Column(s, sheets.GetValueOrDefault(s.Id))).ToList();
        var missing = columns.Where(c => c.Revision == 0).Select(c => new SchoolRef(c.SchoolId, c.ShortName, c.Name)).ToList();
        var clusters = new ClusterCounts(
            columns.Count(c => c.Cluster == Cluster.High),
            columns.Count(c => c.Cluster == Cluster.Medium),
            columns.Count(c => c.Cluster == Cluster.Low));
        return (new SummaryView(municipalityId, m.ToString(), r.Templates.Current.Version, columns, missing, clusters), null, null);
    }

    public static async Task<Results<Ok<TrendView>, ProblemHttpResult>> GetTrendAsync(string municipalityId, [AsParameters] SummaryRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var stats = await r.Store.ReadStatsAsync(municipalityId, r.Ct);
        return TypedResults.Ok(new TrendView(municipalityId, [.. stats.OrderBy(s => s.RowKey, StringComparer.Ordinal).Select(s =>
            new TrendPoint(s.RowKey, s.Schools, s.Submitted, s.High, s.Medium, s.Low, s.AveragePercent, SheetJson.ReadAverages(s.AreaAverages)))]));
    }
}
