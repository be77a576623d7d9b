using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
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

/// <summary>The progress sheet as a monthly duty: the cycle reminds schools before month end and notes who is late.</summary>
public sealed class ProgressMonthlySheet(ProgressStore store) : IMonthlySheetSource
{
    public string Id => "progress";

    public string Title => "Лист продвижения";

    public string Link(string schoolId, YearMonth month) => $"/#/progress/{schoolId}/{month}";

    public async Task<IReadOnlySet<string>> SubmittedSchoolsAsync(string municipalityId, YearMonth month, CancellationToken ct) =>
        (await store.ReadMonthSheetsAsync(municipalityId, month, ct)).Where(s => s.Revision > 0).Select(s => ProgressStore.SchoolOf(s.RowKey)).ToHashSet();
}
