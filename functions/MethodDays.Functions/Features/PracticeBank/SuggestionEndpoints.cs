using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.PracticeBank;

/// <summary>On a school's sheet: its weak indicators (0 two months running) with accepted practices that help with them.</summary>
internal static class SuggestionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/municipalities/{municipalityId}/schools/{schoolId}/self-assessment/{month}/practice-suggestions", GetAsync)
            .WithName("PracticeSuggestions").WithTags("Банк практик")
            .WithSummary("Слабые показатели школы (0 два месяца подряд) и практики банка, которые с ними помогают");
    }

    public static async Task<Results<Ok<IReadOnlyList<WeakIndicator>>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string month, CurrentUser user, DirectoryStore directory, SheetStore sheets, SheetTemplates templates,
        PracticeStore store, TimeProvider time, CancellationToken ct)
    {
        var (municipality, _, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (SheetInputRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        var history = await sheets.ReadHistoryAsync(municipalityId, schoolId, [m.Previous, m], ct);
        if (history.Count < 2 || history.Any(h => h.Sheet.Revision == 0))
        {
            return TypedResults.Ok<IReadOnlyList<WeakIndicator>>([]);
        }

        var before = SheetJson.ReadValues(history[0].Sheet.SubmittedValues);
        var now = SheetJson.ReadValues(history[1].Sheet.SubmittedValues);
        var weak = templates.Current.Indicators.Where(i => before.GetValueOrDefault(i.Id) == "0" && now.GetValueOrDefault(i.Id) == "0").ToList();
        if (weak.Count == 0)
        {
            return TypedResults.Ok<IReadOnlyList<WeakIndicator>>([]);
        }

        var schools = (await directory.ListSchoolsAsync(municipalityId, ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var accepted = (await store.ListAsync(municipalityId, ct)).Where(p => p.StateValue == PracticeState.Accepted).ToList();
        return TypedResults.Ok<IReadOnlyList<WeakIndicator>>([.. weak.Select(i => new WeakIndicator(i.Id, i.Text,
            [.. accepted.Where(p => p.Indicators.Split(',').Contains(i.Id)).OrderByDescending(p => p.UpdatedAt).Take(5)
                .Select(p => PracticeViews.Card(p, schools.GetValueOrDefault(p.SchoolId, p.SchoolId)))]))]);
    }
}
