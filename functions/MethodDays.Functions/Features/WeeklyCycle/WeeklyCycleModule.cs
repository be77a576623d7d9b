using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>The weekly cycle of the unified methodical day (DOMAIN.md §1): topics, steps, questions, boards, reminders.</summary>
public static class WeeklyCycleModule
{
    public static IServiceCollection AddWeeklyCycle(this IServiceCollection services)
    {
        services.AddSingleton<CycleStore>();
        services.AddSingleton<CycleEngine>();
        services.AddStorageTable(CycleStore.CyclesTable);
        services.AddStorageTable(CycleStore.TopicsTable);
        services.AddStorageTable(CycleStore.WeeksTable);
        services.AddStorageTable(CycleStore.EffectsTable);
        services.AddStorageTable(CalendarFeed.Table);
        services.AddTimerFunction<CycleTickTimer>(CycleTickTimer.Name, CycleTickTimer.Schedule);
        return services;
    }

    public static RouteGroupBuilder MapWeeklyCycle(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        CycleEndpoints.Map(api);
        CycleOptionsEndpoints.Map(api);
        TopicEndpoints.Map(api);
        WeekEndpoints.Map(api);
        BoardEndpoints.Map(api);
        CalendarFeed.Map(api, app);
        return api;
    }
}
