using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Routes;

/// <summary>
/// A route's item in the form «модуль методического абонемента» can stand for one module of the municipality's
/// subscription (docs/subscription.md): the editor offers the modules of the school's complex route first, then the
/// municipality's other modules of the year that have not ended; the item keeps the module's id, and attending the
/// module marks that item. The subscription answers which modules there are (<see cref="IRouteModules"/>).
/// </summary>
internal static class RouteModuleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/municipalities/{municipalityId}/schools/{schoolId}/routes/modules", ChoicesAsync).WithTags("Индивидуальные образовательные маршруты")
            .WithName("RouteModuleChoices")
            .WithSummary("Модули методического абонемента для мероприятия маршрута: сначала комплексного маршрута школы, затем другие незавершённые модули муниципалитета")
            .ProducesProblems(400, 403, 404);
    }

    public static async Task<Results<Ok<ModuleChoices>, ValidationProblem, ProblemHttpResult>> ChoicesAsync(
        string municipalityId, string schoolId, string? period, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepRoutes(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var today = LocalTime.Today(r.Time, ctx.Municipality.TimeZone);
        if (!RouteRules.TryPeriod(period, today, out var p, out var periodProblem))
        {
            return periodProblem!;
        }

        var list = await r.Modules.ChoicesAsync(municipalityId, schoolId, p, today, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ModuleChoices(RouteRules.PeriodLabel(p), list));
    }
}
