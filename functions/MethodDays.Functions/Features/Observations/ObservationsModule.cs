using MethodDays.Platform.Storage;

namespace MethodDays.Features.Observations;

/// <summary>
/// The lesson observation protocol of school visits (seed 000: «посещение уроков педагогов-предметников с дальнейшим
/// анализом и самоанализом»): a versioned template, one protocol per observer and lesson (marks, notes, analysis,
/// photos), the teacher's self-analysis, release by the team lead, and two observers' agreement.
/// </summary>
public static class ObservationsModule
{
    public static IServiceCollection AddObservations(this IServiceCollection services)
    {
        // Loaded and checked at start: a broken shipped template stops the app, not an observer's save.
        services.AddSingleton(_ => new ShippedProtocolTemplates(ShippedProtocolTemplates.DefaultFolder));
        services.AddSingleton<ProtocolTemplateStore>();
        services.AddMemoryCache(); // the photo lists this instance wrote (ProtocolStore)
        services.AddSingleton<ProtocolStore>();
        services.AddStorageTable(ProtocolStore.Table);
        services.AddStorageTable(ProtocolTemplateStore.Table);
        services.AddStorageContainer(ProtocolStore.PhotosContainer);

        // ILessonRoster (which lessons a visit has, who is on its team) is the school visits feature's: VisitsModule.
        return services;
    }

    public static RouteGroupBuilder MapObservations(this RouteGroupBuilder api)
    {
        ProtocolEndpoints.Map(api);
        LessonEndpoints.Map(api);
        PhotoEndpoints.Map(api);
        TemplateEndpoints.Map(api);
        return api;
    }
}
