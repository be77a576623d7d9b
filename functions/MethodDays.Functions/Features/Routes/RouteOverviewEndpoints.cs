using System.Globalization;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Routes;

/// <summary>
/// The routes of several schools in numbers, for those who follow them: methodists and the coordinator every school of
/// the municipality, a curator their own schools. Per school: active teachers of the staff list, teachers with a route
/// for the year, routes approved, items done of those not cancelled, items overdue (not done, end date passed in the
/// municipality's time). No names and no item texts: a school's list with names is the school's page, for those who may read it.
/// </summary>
internal static class RouteOverviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/municipalities/{municipalityId}/routes/overview", OverviewAsync).WithTags("Индивидуальные образовательные маршруты")
            .WithName("RoutesOverview")
            .WithSummary("Маршруты (ИОМ) по школам: педагоги с маршрутом, утверждённые, мероприятия выполненные и просроченные (методистам и координатору — все школы, куратору — свои)")
            .ProducesProblems(400, 403, 404);
    }

    /// <summary>Methodists, the coordinator, and curators (for their schools).</summary>
    public static bool CanFollowRoutes(this CurrentUser user, string municipalityId) =>
        user.MunicipalityId == municipalityId && (user.IsMunicipalityWide || user.Role == Role.Curator);

    public static async Task<Results<Ok<RoutesOverview>, ValidationProblem, ProblemHttpResult>> OverviewAsync(
        string municipalityId, string? period, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanFollowRoutes(municipalityId), r.Ct,
            "Сводку маршрутов по школам видят методисты, координатор и кураторы. Маршруты своей школы — на странице «Маршруты (ИОМ)».")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var today = LocalTime.Today(r.Time, ctx.Municipality.TimeZone);
        if (!RouteRules.TryPeriod(period, today, out var p, out var periodProblem))
        {
            return periodProblem!;
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).Where(s => r.User.CanReviewSchool(municipalityId, s.Id)).ToList();
        var reach = schools.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var teachers = (await r.Staff.MunicipalityCategoriesAsync(municipalityId, r.Ct)).Where(t => t.Active && reach.Contains(t.SchoolId))
            .GroupBy(t => t.SchoolId).ToDictionary(g => g.Key, g => g.Count());
        var routes = (await r.Store.MunicipalityAsync(municipalityId, p, r.Ct)).Where(x => reach.Contains(x.SchoolId)).ToLookup(x => x.SchoolId);
        var todayIso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ru = StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), false);
        var lines = schools.OrderBy(s => s.ShortName, ru).Select(s => Line(s.Id, s.ShortName, teachers.GetValueOrDefault(s.Id), [.. routes[s.Id]], todayIso)).ToList();
        var totals = new SchoolRoutesLine("", "Всего", lines.Sum(l => l.Teachers), lines.Sum(l => l.WithRoutes), lines.Sum(l => l.Approved),
            lines.Sum(l => l.ItemsDone), lines.Sum(l => l.ItemsTotal), lines.Sum(l => l.ItemsOverdue));
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RoutesOverview(p, RouteRules.PeriodLabel(p), todayIso, lines, totals, r.User.Role == Role.Methodist));
    }

    private static SchoolRoutesLine Line(string schoolId, string name, int teachers, IReadOnlyList<RouteEntity> routes, string today)
    {
        var items = routes.SelectMany(x => x.ItemList).Where(i => i.Status != "cancelled").ToList();
        return new SchoolRoutesLine(schoolId, name, teachers, routes.Count, routes.Count(x => x.Approved), items.Count(i => i.Status == "done"), items.Count,
            items.Count(i => i.Status != "done" && string.CompareOrdinal(i.EndDate, today) < 0));
    }
}
