using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Routes;

/// <summary>
/// Individual educational routes of teachers (ИОМ, seed 004): a route per teacher per school year, drafted from the
/// entry diagnostic, agreed by the teacher and the tutor, approved by the school's order («Приказ об утверждении ИОМ»),
/// with tutor consultations and the December effectiveness review against the repeat diagnostic.
/// </summary>
public static class RoutesModule
{
    public static IServiceCollection AddRoutes(this IServiceCollection services)
    {
        services.AddSingleton<RouteStore>();
        services.AddStorageTable(RouteStore.Table);
        services.AddSingleton<RouteCertificateStore>();
        services.AddStorageContainer(RouteCertificateStore.Container);
        services.AddSingleton<RouteReminders>();
        services.AddTimerFunction<RouteReminderTimer>(RouteReminderTimer.Name, RouteReminderTimer.Schedule);
        return services;
    }

    public static RouteGroupBuilder MapRoutes(this RouteGroupBuilder api)
    {
        RouteEndpoints.Map(api);
        RouteReviewEndpoints.Map(api);
        RouteEvidenceEndpoints.Map(api);
        RouteModuleEndpoints.Map(api);
        RouteOverviewEndpoints.Map(api);
        return api;
    }
}
