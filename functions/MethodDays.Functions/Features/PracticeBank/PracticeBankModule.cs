using MethodDays.Platform.Host;

namespace MethodDays.Features.PracticeBank;

/// <summary>The municipal bank of best practices (DOMAIN.md §3): submit, review, find, download.</summary>
public static class PracticeBankModule
{
    public static IServiceCollection AddPracticeBank(this IServiceCollection services)
    {
        PracticeStore.Register(services);
        PracticeFileStore.Register(services);
        ExportStore.Register(services);
        LinkKeyStore.Register(services);
        services.AddSingleton<ExportProgress>();
        services.AddSingleton<FileLinkSigner>();
        services.AddQueueFunction<ExportFunction>(ExportFunction.Name, ExportStore.Queue);
        services.AddTimerFunction<CleanupTimer>(CleanupTimer.Name, CleanupTimer.Schedule);
        return services;
    }

    public static RouteGroupBuilder MapPracticeBank(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        FileLinkEndpoints.Map(api, app);
        PracticeEndpoints.Map(api);
        ReviewEndpoints.Map(api);
        PracticeFileEndpoints.Map(api);
        UploadEndpoints.Map(api);
        ExportEndpoints.Map(api);
        SuggestionEndpoints.Map(api);
        return api;
    }
}
