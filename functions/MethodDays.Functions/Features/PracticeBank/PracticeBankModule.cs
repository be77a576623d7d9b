using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>The municipal bank of best practices (DOMAIN.md §3): submit, review, find, download.</summary>
public static class PracticeBankModule
{
    public const string FilesContainer = "practices";
    public const string ExportsContainer = "exports";

    public static IServiceCollection AddPracticeBank(this IServiceCollection services)
    {
        services.AddSingleton<PracticeStore>();
        services.AddSingleton<ExportProgress>();
        services.AddSingleton<FileLinkSigner>();
        services.AddStorageTable(FileLinkSigner.SettingsTable);
        services.AddStorageTable(PracticeStore.PracticesTable);
        services.AddStorageTable(PracticeStore.UploadsTable);
        services.AddStorageTable(PracticeStore.ExportsTable);
        services.AddStorageContainer(FilesContainer);
        services.AddStorageContainer(ExportsContainer);
        services.AddStorageQueue(ExportEndpoints.Queue);
        services.AddQueueFunction<ExportFunction>(ExportFunction.Name, ExportEndpoints.Queue);
        services.AddTimerFunction<CleanupTimer>(CleanupTimer.Name, CleanupTimer.Schedule);
        return services;
    }

    public static RouteGroupBuilder MapPracticeBank(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        FileLinkEndpoints.Map(api, app);
        PracticeEndpoints.Map(api);
        UploadEndpoints.Map(api);
        ExportEndpoints.Map(api);
        SuggestionEndpoints.Map(api);
        return api;
    }
}
