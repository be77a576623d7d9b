using Azure.Data.Tables;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// The self-assessment sheets, table <c>selfassessment</c>, on the monthly-forms core (keys: <see cref="FormKeys"/>).
/// Besides the core's reads and writes, the municipality's monthly figures for the trend chart, table
/// <c>selfassessmentstats</c>.
/// </summary>
internal sealed class SheetStore(TableServiceClient tables, StorageNames names, SelfAssessmentForm form)
    : MonthlyFormStore<IReadOnlyDictionary<string, string>, SheetEntity, RevisionEntity>(tables, names, form)
{
    public const string SheetsTable = SelfAssessmentForm.SheetsTable;
    public const string StatsTable = "selfassessmentstats";

    private readonly TableClient _stats = tables.Table(names, StatsTable);

    internal Task UpsertStatsAsync(MonthStatsEntity stats, CancellationToken ct) =>
        _stats.UpsertEntityAsync(stats, TableUpdateMode.Replace, ct);

    internal async Task<IReadOnlyList<MonthStatsEntity>> ReadStatsAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<MonthStatsEntity>();
        await foreach (var e in _stats.QueryAsync<MonthStatsEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }
}
