using System.Globalization;
using MethodDays.Features.Routes;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Subscription;

/// <summary>
/// The subscription's modules as a teacher's route sees them (<see cref="IRouteModules"/>): the choices of the route
/// editor and the check of the module an item names.
/// </summary>
internal sealed class SubscriptionRouteModules(SubscriptionStore store) : IRouteModules
{
    public async Task<IReadOnlyList<ModuleChoice>> ChoicesAsync(string municipalityId, string schoolId, string period, DateOnly today, CancellationToken ct)
    {
        var year = YearOf(period);
        var modules = (await store.ListAsync<ModuleEntity>(municipalityId, ModuleEntity.Prefix, ct)).Where(m => m.Year == year).ToList();
        var agreed = (await store.GetAsync<RouteAgreementEntity>(municipalityId, SubscriptionStore.AgreementKey(year, schoolId), ct))?.ModuleList ?? [];
        var todayIso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return modules
            .Select(m => (Module: m, InRoute: m.SchoolList.Contains(schoolId), Agreed: agreed.Contains(m.ModuleId)))
            .Where(x => x.InRoute || string.CompareOrdinal(x.Module.EndDate, todayIso) >= 0)
            .OrderByDescending(x => x.InRoute).ThenByDescending(x => x.Agreed).ThenBy(x => x.Module.StartDate, StringComparer.Ordinal).ThenBy(x => x.Module.Topic, StringComparer.Ordinal)
            .Select(x => new ModuleChoice(x.Module.ModuleId, x.Module.Form, SubscriptionRules.Label(SubscriptionRules.Forms, x.Module.Form), x.Module.Topic,
                x.Module.Competence, SubscriptionRules.CompetenceLabel(x.Module.Competence), (decimal)x.Module.Hours, x.Module.StartDate, x.Module.EndDate,
                x.Module.LeadName, x.Module.LeadMemberId, x.Module.Place, x.InRoute, x.Agreed))
            .ToList();
    }

    /// <remarks>A module of another municipality is not found here: the table's partition is the municipality.</remarks>
    public async Task CheckAsync(IReadOnlyList<RouteItem> items, string municipalityId, string period, FieldErrors errors, CancellationToken ct)
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
