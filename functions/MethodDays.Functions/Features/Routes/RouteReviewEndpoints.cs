using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Routes;

/// <summary>
/// The effectiveness review (seed 004: «Анализ эффективности запланированных мероприятий реализации ИОМ», December):
/// per teacher the items done of those not cancelled and their hours, and each competence's change between the entry
/// and the repeat diagnostic; per school and per municipality the same summed, the levels as means.
/// </summary>
internal static class RouteReviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/municipalities/{municipalityId}/schools/{schoolId}/routes/review", SchoolAsync).WithTags("Индивидуальные образовательные маршруты")
            .WithName("RouteReview").WithSummary("Эффективность маршрутов школы за учебный год: выполнение, часы, изменение компетенций (имена — только администрации и методистам)")
            .ProducesProblems(400, 403, 404);
        api.MapGet("/municipalities/{municipalityId}/routes/review", MunicipalityAsync).WithTags("Индивидуальные образовательные маршруты")
            .WithName("RouteReviewMunicipality").WithSummary("Эффективность маршрутов по школам муниципалитета: только числа")
            .ProducesProblems(400, 403, 404);
    }

    public static async Task<Results<Ok<SchoolReview>, ValidationProblem, ProblemHttpResult>> SchoolAsync(
        string municipalityId, string schoolId, string? period, string? round, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReachRoutes(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (RouteRules.Period(period) is not { } p)
        {
            return Problems.Invalid("period", RouteRules.PeriodHint);
        }

        var rounds = await r.Diagnostics.RoundsAsync(municipalityId, schoolId, r.Ct);
        if (round is not null && rounds.FirstOrDefault(x => x.RoundId == round) is not { Kind: "entry" })
        {
            return Problems.Invalid("round", "Такой входной диагностики у школы нет.");
        }

        var routes = await r.Store.SchoolAsync(municipalityId, schoolId, p, r.Ct);
        var (entry, repeat) = Rounds(routes, rounds, round);
        var entryResults = entry is null ? [] : await r.Diagnostics.ResultsAsync(municipalityId, schoolId, entry.RoundId, r.Ct);
        var repeatResults = repeat is null ? [] : await r.Diagnostics.ResultsAsync(municipalityId, schoolId, repeat.RoundId, r.Ct);
        var staff = (await r.Staff.ListAsync(municipalityId, schoolId, r.Ct)).ToDictionary(t => t.TeacherId);
        var ru = StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), false);
        var ordered = routes.OrderBy(x => staff.GetValueOrDefault(x.TeacherId)?.FullName ?? x.TeacherId, ru).ToList();
        var rows = ordered.Select((x, i) => Row(i + 1, x, entryResults, repeatResults)).ToList();

        // Names for those who keep the routes; a teacher their own line; the coordinator and the curator the totals alone.
        var keeps = r.User.CanKeepRoutes(municipalityId, schoolId);
        var visible = new List<ReviewRow>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var teacher = staff.GetValueOrDefault(ordered[i].TeacherId);
            if (keeps || RouteEndpoints.Reads(r.User, municipalityId, schoolId, teacher, ordered[i]))
            {
                visible.Add(rows[i] with { TeacherId = ordered[i].TeacherId, TeacherName = teacher?.FullName ?? "педагог не найден в списке школы" });
            }
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SchoolReview(schoolId, ctx.School.ShortName, RouteRules.PeriodLabel(p), entry?.RoundId, repeat?.RoundId, visible, Totals(ordered, rows)));
    }

    public static async Task<Results<Ok<MunicipalityReview>, ValidationProblem, ProblemHttpResult>> MunicipalityAsync(
        string municipalityId, string? period, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (RouteRules.Period(period) is not { } p)
        {
            return Problems.Invalid("period", RouteRules.PeriodHint);
        }

        var routes = await r.Store.MunicipalityAsync(municipalityId, p, r.Ct);
        var allRounds = await r.Diagnostics.MunicipalityRoundsAsync(municipalityId, r.Ct);
        var allResults = await r.Diagnostics.MunicipalityResultsAsync(municipalityId, r.Ct);
        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id);
        var allRows = new List<ReviewRow>();
        var allRoutes = new List<RouteEntity>();
        var list = new List<SchoolReviewTotals>();
        foreach (var group in routes.GroupBy(x => x.SchoolId).OrderBy(g => schools.GetValueOrDefault(g.Key)?.ShortName ?? g.Key, StringComparer.Ordinal))
        {
            var schoolRoutes = group.ToList();
            var (entry, repeat) = Rounds(schoolRoutes, [.. allRounds.Where(x => x.SchoolId == group.Key)], null);
            var entryResults = entry is null ? [] : allResults.Where(x => x.SchoolId == group.Key && x.RoundId == entry.RoundId).ToList();
            var repeatResults = repeat is null ? [] : allResults.Where(x => x.SchoolId == group.Key && x.RoundId == repeat.RoundId).ToList();
            var rows = schoolRoutes.Select((x, i) => Row(i + 1, x, entryResults, repeatResults)).ToList();
            allRows.AddRange(rows);
            allRoutes.AddRange(schoolRoutes);
            list.Add(new SchoolReviewTotals(group.Key, schools.GetValueOrDefault(group.Key)?.ShortName ?? group.Key, entry?.RoundId, repeat?.RoundId, Totals(schoolRoutes, rows)));
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new MunicipalityReview(RouteRules.PeriodLabel(p), list, Totals(allRoutes, allRows)));
    }

    /// <summary>
    /// The diagnostic to compare: the entry round asked for; else the one most routes were drafted from; else the
    /// school's latest entry round with a repeat; else its latest entry round. The repeat is the one repeating it.
    /// </summary>
    private static (RoundEntity? Entry, RoundEntity? Repeat) Rounds(IReadOnlyList<RouteEntity> routes, IReadOnlyList<RoundEntity> rounds, string? asked)
    {
        var entries = rounds.Where(x => x.Kind == "entry").ToDictionary(x => x.RoundId);
        var id = asked
            ?? routes.Where(x => x.EntryRoundId is not null && entries.ContainsKey(x.EntryRoundId)).GroupBy(x => x.EntryRoundId!).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key
            ?? entries.Values.Where(e => rounds.Any(x => x.EntryRoundId == e.RoundId)).OrderByDescending(e => e.Date, StringComparer.Ordinal).FirstOrDefault()?.RoundId
            ?? entries.Values.OrderByDescending(e => e.Date, StringComparer.Ordinal).FirstOrDefault()?.RoundId;
        var entry = id is null ? null : entries.GetValueOrDefault(id);
        return (entry, entry is null ? null : rounds.FirstOrDefault(x => x.EntryRoundId == entry.RoundId));
    }

    private static ReviewRow Row(int number, RouteEntity route, IReadOnlyList<ResultEntity> entry, IReadOnlyList<ResultEntity> repeat)
    {
        var items = route.ItemList.Where(i => i.Status != "cancelled").ToList();
        var done = items.Where(i => i.Status == "done").ToList();
        var atEntry = entry.FirstOrDefault(x => x.TeacherId == route.TeacherId);
        var atRepeat = repeat.FirstOrDefault(x => x.TeacherId == route.TeacherId);
        return new ReviewRow(number, null, null, RouteRules.State(route), done.Count, items.Count, done.Sum(i => i.Hours), items.Sum(i => i.Hours),
            [.. Competences.All.Select(c => Change(c, atEntry?.Get(c.Code), atRepeat?.Get(c.Code)))]);
    }

    private static ReviewTotals Totals(IReadOnlyList<RouteEntity> routes, IReadOnlyList<ReviewRow> rows) => new(
        rows.Count,
        routes.Count(x => x.Approved),
        rows.Sum(x => x.ItemsDone),
        rows.Sum(x => x.ItemsTotal),
        rows.Sum(x => x.HoursDone),
        rows.Sum(x => x.HoursPlanned),
        [.. Competences.All.Select((c, k) =>
        {
            // Means over the teachers measured both times, so that the change is the same people's change.
            var both = rows.Select(x => x.Changes[k]).Where(x => x.Entry is not null && x.Repeat is not null).ToList();
            return Change(c, Competences.Mean(both.Select(x => x.Entry)), Competences.Mean(both.Select(x => x.Repeat)));
        })]);

    private static CompetenceChange Change(Competence c, int? entry, int? repeat) => new(c.Code, c.Label, entry, repeat, entry is { } e && repeat is { } p ? p - e : null);
}
