using MethodDays.Platform.Storage;

namespace MethodDays.Features.Diagnostics;

/// <summary>
/// Teachers' professional competences (seed 004): diagnostic rounds of a school, entry and repeat, each teacher's level
/// of five competences in per cent, the seed's table with its means and level counts, .xlsx import and export, and
/// the municipality's heat map. Teachers are the school's staff list (Features/Staff); individual routes (ИОМ) built
/// on these results come next.
/// </summary>
public static class DiagnosticsModule
{
    public static IServiceCollection AddDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<DiagnosticStore>();
        services.AddStorageTable(DiagnosticStore.RoundsTable);
        services.AddStorageTable(DiagnosticStore.ResultsTable);
        return services;
    }

    public static RouteGroupBuilder MapDiagnostics(this RouteGroupBuilder api)
    {
        DiagnosticEndpoints.Map(api);
        DiagnosticFileEndpoints.Map(api);
        return api;
    }
}
