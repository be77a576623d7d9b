using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Host;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// Nightly (01:00 UTC): recomputes each municipality's figures for the current and previous month — how many
/// schools submitted, the cluster counts, average percentages overall and per area — for the trend chart.
/// Idempotent: a repeated or late run writes the same rows.
/// </summary>
internal sealed class MonthlyStatsTimer(DirectoryStore directory, SheetStore store, TimeProvider time, ILogger<MonthlyStatsTimer> logger) : ITimerFunction
{
    public const string Name = "RecomputeMonthlyStats";
    public const string Schedule = "0 0 1 * * *";

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var municipality in await directory.ListMunicipalitiesAsync(cancellationToken))
        {
            var current = LocalTime.CurrentMonth(time, municipality.TimeZone);
            var schools = await directory.ListSchoolsAsync(municipality.Id, cancellationToken);
            foreach (var month in new[] { current.Previous, current })
            {
                await RecomputeAsync(municipality.Id, month, schools, cancellationToken);
            }
        }

        logger.LogInformation("Monthly self-assessment figures recomputed (past due: {PastDue})", timer.IsPastDue);
    }

    public async Task RecomputeAsync(string municipalityId, YearMonth month, IReadOnlyList<School> schools, CancellationToken ct)
    {
        var known = schools.Select(s => s.Id).ToHashSet();
        var submitted = (await store.ReadMonthSheetsAsync(municipalityId, month, ct))
            .Where(s => s.Revision > 0 && known.Contains(FormKeys.SchoolOf(s.RowKey)))
            .ToList();
        var areas = submitted.SelectMany(s => SheetJson.ReadAreas(s.Areas))
            .GroupBy(a => a.Id)
            .ToDictionary(g => g.Key, g => g.Average(a => a.Percent) is { } avg ? Math.Round(avg, 1) : (double?)null);
        await store.UpsertStatsAsync(new MonthStatsEntity
        {
            PartitionKey = municipalityId,
            RowKey = month.ToString(),
            Schools = schools.Count,
            Submitted = submitted.Count,
            High = submitted.Count(s => s.Cluster == nameof(Cluster.High)),
            Medium = submitted.Count(s => s.Cluster == nameof(Cluster.Medium)),
            Low = submitted.Count(s => s.Cluster == nameof(Cluster.Low)),
            AveragePercent = submitted.Count == 0 ? null : Math.Round(submitted.Average(s => s.Percent ?? 0), 1),
            AreaAverages = SheetJson.Write(areas),
            ComputedAt = time.GetUtcNow(),
        }, ct);
    }
}
