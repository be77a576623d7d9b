using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Routes;
using MethodDays.Features.Staff;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Subscription;

/// <summary>
/// The methodical subscription (seed 002, «Методический абонемент»): schools join by a written application with its
/// grounds, teachers (тьюторанты) and schools fill the bank of requests, the municipal centre plans modules in the seed's
/// seven forms, a school's complex route is the modules agreed with it, sessions record who came (and mark the teachers'
/// routes), and the programme's indicators are counted from the records.
/// </summary>
public static class SubscriptionModule
{
    public static IServiceCollection AddSubscription(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SubscriptionNotices>();
        services.AddSingleton<IRouteModules, SubscriptionRouteModules>();
        services.AddStorageTable(SubscriptionStore.Table);
        return services;
    }

    public static RouteGroupBuilder MapSubscription(this RouteGroupBuilder api)
    {
        SchoolSubscriptionEndpoints.Map(api);
        ModuleEndpoints.Map(api);
        IndicatorEndpoints.Map(api);
        return api;
    }
}

/// <summary>The dependencies of the subscription handlers, bound with <c>[AsParameters]</c> (services marked).</summary>
internal sealed record SubscriptionRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] SubscriptionStore Store,
    [FromServices] DirectoryStore Directory,
    [FromServices] StaffStore Staff,
    [FromServices] RouteStore Routes,
    [FromServices] SubscriptionNotices Notices,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>What the indicators read from the other features' stores.</summary>
internal sealed record IndicatorSources([FromServices] DiagnosticStore Diagnostics, [FromServices] PracticeStore Practices);
