using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Progress;

/// <summary>
/// The monthly progress sheet (Лист продвижения, seed 001 §2.16) and the plan of targeted help built from it
/// (план адресной помощи, §2.17). DOMAIN.md §2b.
/// </summary>
public static class ProgressModule
{
    /// <summary>
    /// A full sheet of a large school (120 teachers with practices and help texts) is well under this; the limit also
    /// keeps the stored JSON inside the table row's chunks.
    /// </summary>
    public const long MaxBodyBytes = 128 * 1024;

    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.AddSingleton(_ => new ProgressTemplates(ProgressTemplates.DefaultFolder));
        services.AddSingleton<ProgressForm>();
        services.AddSingleton<ProgressStore>();
        services.AddSingleton<HelpPlanStore>();
        services.AddSingleton<IMonthlySheetSource, ProgressMonthlySheet>();
        services.AddStorageTable(ProgressStore.Table);
        services.AddStorageTable(HelpPlanStore.Table);
        return services;
    }

    public static RouteGroupBuilder MapProgress(this RouteGroupBuilder api)
    {
        ProgressEndpoints.Map(api);
        ProgressSummaryEndpoints.Map(api);
        HelpPlanEndpoints.Map(api);
        return api;
    }
}
