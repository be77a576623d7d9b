using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>What the suggestions need: the school's two latest sheets, the indicators and the bank.</summary>
internal sealed record SuggestionRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DirectoryStore Directory,
    [FromServices] SheetStore Sheets,
    [FromServices] SheetTemplates Templates,
    [FromServices] PracticeStore Store,
    [FromServices] TimeProvider Time,
    CancellationToken Ct);

/// <summary>On a school's sheet: its weak indicators (0 two months running) with accepted practices that help with them.</summary>
internal static class SuggestionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/municipalities/{municipalityId}/schools/{schoolId}/self-assessment/{month}/practice-suggestions", GetAsync)
            .WithName("PracticeSuggestions").WithTags("Банк практик")
            .WithSummary("Слабые показатели школы (0 два месяца подряд) и практики банка, которые с ними помогают")
            .ProducesProblems(403, 404);
    }

    /// <summary>
    /// The rule is MethodDays' own: the seeds score indicators but name no threshold for "weak". Said wherever
    /// suggestions are shown; it is not a setting, and the note promises none.
    /// </summary>
    public const string RuleNote =
        "Правило MethodDays, а не документов программы: показатель считается слабым, если два месяца подряд оценён на 0. В документах порога для «слабого» показателя нет.";

    public static async Task<Results<Ok<PracticeSuggestions>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string month, [AsParameters] SuggestionRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (MethodDays.Features.MonthlyForms.FormMonth.Check(month, ctx.Municipality, r.Time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        var history = await r.Sheets.ReadHistoryAsync(municipalityId, schoolId, [m.Previous, m], r.Ct);
        if (history.Count < 2 || history.Any(h => h.Sheet.Revision == 0))
        {
            return TypedResults.Ok(new PracticeSuggestions(0, [], null, RuleNote));
        }

        var before = SheetJson.ReadValues(history[0].Sheet.SubmittedValues);
        var now = SheetJson.ReadValues(history[1].Sheet.SubmittedValues);
        var weak = r.Templates.Current.Indicators.Where(i => before.GetValueOrDefault(i.Id) == "0" && now.GetValueOrDefault(i.Id) == "0").ToList();
        if (weak.Count == 0)
        {
            return TypedResults.Ok(new PracticeSuggestions(0, [], null, RuleNote));
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var accepted = (await r.Store.ListAsync(municipalityId, r.Ct)).Where(p => p.StateValue == PracticeState.Accepted).ToList();

        // Only indicators the bank can help with: a dozen lines of «нет практик» hide the one that has some.
        var helped = weak
            .Select(i => new WeakIndicator(i.Id, i.Text,
                [.. accepted.Where(p => p.Indicators.Split(',').Contains(i.Id)).OrderByDescending(p => p.UpdatedAt).Take(5)
                    .Select(p => PracticeViews.Card(p, schools.GetValueOrDefault(p.SchoolId, p.SchoolId)))]))
            .Where(w => w.Practices.Count > 0)
            .ToList();
        var none = helped.Count == 0
            ? $"Слабых показателей: {weak.Count}. Практик по ним в банке пока нет."
            : null;
        return TypedResults.Ok(new PracticeSuggestions(weak.Count, helped, none, RuleNote));
    }
}
