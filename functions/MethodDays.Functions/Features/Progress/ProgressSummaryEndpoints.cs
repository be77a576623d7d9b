using MethodDays.Features.People;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Progress;

/// <summary>What the progress summary needs besides its route values. Services are marked: a GET has no body to bind the rest from.</summary>
internal sealed record ProgressSummaryRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DirectoryStore Directory,
    [FromServices] ProgressStore Store,
    [FromServices] HelpPlanStore Plans,
    [FromServices] ProgressTemplates Templates,
    [FromServices] TimeProvider Time,
    CancellationToken Ct);

/// <summary>The municipality's month of progress sheets, and the template versions for the page.</summary>
internal static class ProgressSummaryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/municipalities/{municipalityId}/progress").WithTags("Лист продвижения")
            .MapGet("/{month}/summary", GetSummaryAsync).WithName("ProgressSummary")
            .WithSummary("Листы продвижения за месяц: кто отправил, ЕМД и доля педагогов, педагоги по этапам, открытые запросы на помощь")
            .ProducesProblems(403, 404);

        var templates = api.MapGroup("/progress/templates").WithTags("Лист продвижения");
        templates.MapGet("", (ProgressTemplates t) => TypedResults.Ok(new TemplateVersions(t.Current.Version, [.. t.All.Select(x => x.Version).Order()])))
            .WithName("ProgressTemplates").WithSummary("Версии шаблона листа продвижения");
        templates.MapGet("/{version}", GetTemplate).WithName("ProgressTemplate").WithSummary("Шаблон листа продвижения: поля, формы ЕМД, этапы")
            .ProducesProblems(404);
    }

    public static Results<Ok<ProgressTemplate>, ProblemHttpResult> GetTemplate(string version, ProgressTemplates templates, HttpContext http)
    {
        var template = version == "current" ? templates.Current : templates.Find(version);
        if (template is null)
        {
            return Problems.NotFound($"Версии листа продвижения «{version}» нет.");
        }

        // A version never changes once shipped.
        http.Response.Headers.CacheControl = version == "current" ? "private, max-age=3600" : "private, max-age=31536000, immutable";
        return TypedResults.Ok(template);
    }

    /// <summary>
    /// Coordinators and methodists see every school, a curator the assigned ones. One range of the month's partition
    /// (figure columns only) joined with the school list, and one query of the plans for items answering the month.
    /// </summary>
    public static async Task<Results<Ok<ProgressSummaryView>, ValidationProblem, ProblemHttpResult>> GetSummaryAsync(
        string municipalityId, string month, [AsParameters] ProgressSummaryRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId,
                u => u.CanSeeMunicipality(municipalityId) || (u.MunicipalityId == municipalityId && u.Role == Role.Curator), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (FormMonth.Check(month, ctx.Municipality, r.Time, errors, ProgressForm.FormNames) is not { } m)
        {
            return errors.ToProblem();
        }

        var schoolsTask = r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var sheetsTask = r.Store.ReadMonthSheetsAsync(municipalityId, m, r.Ct);
        var answersTask = r.Plans.ForSourceMonthAsync(municipalityId, m.ToString(), r.Ct);
        var schools = (await schoolsTask).Where(s => r.User.CanReadSchool(municipalityId, s.Id)).ToList();
        var sheets = (await sheetsTask).ToDictionary(s => FormKeys.SchoolOf(s.RowKey));
        var answers = (await answersTask).Where(a => a.SourceRequestId is not null).ToLookup(a => (a.SchoolId, a.SourceRequestId!));
        var template = r.Templates.Current;

        var rows = new List<ProgressSummaryRow>();
        var open = new List<OpenRequest>();
        var totalStages = new Dictionary<string, int>();
        var answered = 0;
        foreach (var school in schools)
        {
            var sheet = sheets.GetValueOrDefault(school.Id);
            if (sheet is not { Revision: > 0 })
            {
                rows.Add(new ProgressSummaryRow(school.Id, school.ShortName, school.Name, school.LowResults, sheet is null ? "empty" : "draft",
                    0, null, null, 0, false, null, null, 0, ProgressViews.StageCounts(template, new Dictionary<string, int>())));
                continue;
            }

            var stages = ProgressJson.ReadStages(sheet.Stages);
            foreach (var (stage, count) in stages)
            {
                totalStages[stage] = totalStages.GetValueOrDefault(stage) + count;
            }

            rows.Add(new ProgressSummaryRow(school.Id, school.ShortName, school.Name, school.LowResults, sheet.DraftDiffers ? "changed" : "submitted",
                sheet.Revision, sheet.SubmittedAt, sheet.SubmittedByName, sheet.Days, sheet.NoDays, sheet.NoDaysReason, sheet.AverageShare,
                sheet.Teachers, ProgressViews.StageCounts(template, stages)));

            // A request is answered once a plan item that is not cancelled points at it.
            foreach (var request in ProgressJson.ReadRequests(sheet.Requests))
            {
                var items = answers[(school.Id, request.Id)].ToList();
                if (items.Any(i => i.Status != "cancelled"))
                {
                    answered++;
                    continue;
                }

                open.Add(new OpenRequest(school.Id, school.ShortName, request.Id, request.Topic ?? "", request.Text ?? "",
                    [.. items.Select(i => new RequestAnswer(i.ItemId, i.Action, i.Status))]));
            }
        }

        var submitted = rows.Where(x => x.Revision > 0).ToList();
        var shares = submitted.Where(x => x.AverageSharePercent is not null).Select(x => x.AverageSharePercent!.Value).ToList();
        var totals = new ProgressTotals(
            rows.Count,
            submitted.Count,
            submitted.Sum(x => x.Days),
            shares.Count == 0 ? null : Math.Round(shares.Average(), 1),
            submitted.Sum(x => x.Teachers),
            ProgressViews.StageCounts(template, totalStages));
        var missing = rows.Where(x => x.Revision == 0).Select(x => new SchoolRef(x.SchoolId, x.ShortName, x.Name)).ToList();
        return TypedResults.Ok(new ProgressSummaryView(municipalityId, m.ToString(), rows, missing, totals, open, answered));
    }
}
