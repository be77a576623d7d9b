using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.SelfAssessment;

/// <summary>The self-assessment sheet (Лист оценки результативности, seed 003 appendix 1).</summary>
public static class SelfAssessmentModule
{
    /// <summary>A full sheet is about 2 KB of JSON; 64 KB leaves room and stops abuse.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddSelfAssessment(this IServiceCollection services)
    {
        services.AddSingleton(_ => new SheetTemplates(SheetTemplates.DefaultFolder));
        services.AddSingleton<SelfAssessmentForm>();
        services.AddSingleton<SheetStore>();
        services.AddSingleton<MethodDays.Features.WeeklyCycle.IMonthlySheetSource, SelfAssessmentMonthlySheet>();
        services.AddStorageTable(SheetStore.SheetsTable);
        services.AddStorageTable(SheetStore.StatsTable);
        services.AddTimerFunction<MonthlyStatsTimer>(MonthlyStatsTimer.Name, MonthlyStatsTimer.Schedule);
        return services;
    }

    public static RouteGroupBuilder MapSelfAssessment(this RouteGroupBuilder api)
    {
        SheetEndpoints.Map(api);
        SummaryEndpoints.Map(api);
        return api;
    }
}
