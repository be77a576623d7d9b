using System.Globalization;
using MethodDays.Features.Subscription;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Routes;

/// <summary>
/// A route's item in the form «модуль методического абонемента» can stand for one module of the municipality's
/// subscription (docs/subscription.md): the editor offers the modules of the school's complex route first, then the
/// municipality's other modules of the year that have not ended; the item keeps the module's id, and attending the
/// module marks that item.
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

        var today = SubscriptionRules.Today(r.Time, ctx.Municipality);
        string p;
        if (period is null)
        {
            p = RouteRules.PeriodOf(today);
        }
        else if (RouteRules.Period(period) is { } given)
        {
            p = given;
        }
        else
        {
            return Problems.Invalid("period", RouteRules.PeriodHint);
        }

        var year = YearOf(p);
        var modules = (await r.Subscription.ListAsync<ModuleEntity>(municipalityId, ModuleEntity.Prefix, r.Ct)).Where(m => m.Year == year).ToList();
        var agreed = (await r.Subscription.GetAsync<RouteAgreementEntity>(municipalityId, SubscriptionStore.AgreementKey(year, schoolId), r.Ct))?.ModuleList ?? [];
        var todayIso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var list = modules
            .Select(m => (Module: m, InRoute: m.SchoolList.Contains(schoolId), Agreed: agreed.Contains(m.ModuleId)))
            .Where(x => x.InRoute || string.CompareOrdinal(x.Module.EndDate, todayIso) >= 0)
            .OrderByDescending(x => x.InRoute).ThenByDescending(x => x.Agreed).ThenBy(x => x.Module.StartDate, StringComparer.Ordinal).ThenBy(x => x.Module.Topic, StringComparer.Ordinal)
            .Select(x => new ModuleChoice(x.Module.ModuleId, x.Module.Form, SubscriptionRules.Label(SubscriptionRules.Forms, x.Module.Form), x.Module.Topic,
                x.Module.Competence, SubscriptionRules.CompetenceLabel(x.Module.Competence), (decimal)x.Module.Hours, x.Module.StartDate, x.Module.EndDate,
                x.Module.LeadName, x.Module.LeadMemberId, x.Module.Place, x.InRoute, x.Agreed))
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ModuleChoices(RouteRules.PeriodLabel(p), list));
    }

    /// <summary>
    /// The modules the items name exist in this municipality's subscription and belong to the route's school year. A
    /// module of another municipality is not found here: the table's partition is the municipality.
    /// </summary>
    public static async Task CheckAsync(IReadOnlyList<RouteItem> items, string municipalityId, string period, SubscriptionStore store, FieldErrors errors, CancellationToken ct)
    {
        var year = YearOf(period);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ModuleId is not { } id)
            {
                continue;
            }

            var module = await store.GetAsync<ModuleEntity>(municipalityId, SubscriptionStore.ModuleKey(id), ct);
            if (module is null)
            {
                errors.Add($"items.{i}.moduleId", "Такого модуля методического абонемента в муниципалитете нет: выберите модуль из списка.");
            }
            else if (module.Year != year)
            {
                errors.Add($"items.{i}.moduleId",
                    $"Модуль «{module.Topic}» запланирован на {module.Year.Replace('-', '/')} учебный год, а маршрут — на {RouteRules.PeriodLabel(period)}: выберите модуль этого года.");
            }
        }
    }

    /// <summary>The subscription's spelling of a route's school year: <c>2026-27</c> → <c>2026-2027</c>.</summary>
    private static string YearOf(string period)
    {
        var first = int.Parse(period[..4], CultureInfo.InvariantCulture);
        return $"{first}-{first + 1}";
    }
}
