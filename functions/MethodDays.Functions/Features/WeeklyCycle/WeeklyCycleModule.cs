using MethodDays.Features.People;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>
/// What the weekly cycle's handlers need: who asks, the scope resolver, the directory, the cycle's records and the
/// clock. Services are marked <c>[FromServices]</c>: the compile-time request delegates cannot tell a service from a
/// body inside an <c>[AsParameters]</c> record, and guessing "body" breaks the route and the OpenAPI document.
/// </summary>
internal sealed record WeekRequest(
    CurrentUser User, [FromServices] ScopeResolver Scope, [FromServices] DirectoryStore Directory, [FromServices] CycleStore Store, [FromServices] CycleEngine Engine, [FromServices] TimeProvider Time, HttpContext Http, CancellationToken Ct);

/// <summary>The weekly cycle of the unified methodical day (DOMAIN.md §1): topics, steps, questions, boards, reminders.</summary>
public static class WeeklyCycleModule
{
    public static IServiceCollection AddWeeklyCycle(this IServiceCollection services)
    {
        services.AddSingleton<CycleStore>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<CycleEngine>();
        services.AddStorageTable(CycleStore.CyclesTable);
        services.AddStorageTable(CycleStore.TopicsTable);
        services.AddStorageTable(CycleStore.WeeksTable);
        services.AddStorageTable(CycleStore.EffectsTable);
        services.AddStorageTable(CalendarStore.Table);
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
        CalendarEndpoints.Map(api, app);
        return api;
    }
}
