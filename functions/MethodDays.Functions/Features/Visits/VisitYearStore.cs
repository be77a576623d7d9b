using Azure.Data.Tables;
using MethodDays.Features.Observations;
using MethodDays.Features.Progress;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Visits;

/// <summary>A protocol's marks as the year's figures read them (only the columns they need).</summary>
internal sealed record YearProtocol(string SchoolId, string VisitId, string LessonId, string TemplateVersion, IReadOnlyDictionary<string, string> Marks);

/// <summary>A help plan item as the year's figures read it.</summary>
internal sealed record YearHelpItem(string SchoolId, string Status, string DueDate, bool Open);

/// <summary>
/// The reads behind a school year's figures, across the features' tables (no copy of their records): the protocols
/// of the year's visits (one RowKey range <c>p|</c> per visit's partition, read side by side), the municipality's help
/// plan items (one query of its partition, item rows only, four columns). Also the demo's batched writes of a past year.
/// </summary>
public sealed class VisitYearStore(TableServiceClient tables, StorageNames names)
{
    /// <summary>How many visits' protocols are read at once: a year has tens to a few hundred visits.</summary>
    private const int Parallel = 16;

    private static readonly string[] ProtocolColumns = ["SchoolId", "VisitId", "LessonId", "TemplateVersion", "Content"];

    private TableClient Observations => tables.Table(names, ProtocolStore.Table);

    private TableClient HelpPlans => tables.Table(names, HelpPlanStore.Table);

    private TableClient Visits => tables.Table(names, VisitStore.VisitsTable);

    internal async Task<IReadOnlyList<YearProtocol>> ProtocolsAsync(string municipalityId, IEnumerable<VisitEntity> visits, CancellationToken ct)
    {
        var result = new List<YearProtocol>();
        await System.Threading.Tasks.Parallel.ForEachAsync(visits, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (v, token) =>
        {
            var rows = await Observations.PrefixAsync<TableEntity>(Keys.Partition(municipalityId, v.SchoolId, v.VisitId), "p|", token, ProtocolColumns);
            var read = rows.Select(e => new YearProtocol(
                e.GetString("SchoolId") ?? v.SchoolId, e.GetString("VisitId") ?? v.VisitId, e.GetString("LessonId") ?? "", e.GetString("TemplateVersion") ?? "",
                (StoredJson.Read<ProtocolContent>(e.GetString("Content") ?? "{}") ?? ProtocolContent.Empty).Marks ?? new Dictionary<string, string>())).ToList();
            lock (result)
            {
                result.AddRange(read);
            }
        });
        return result;
    }

    internal async Task<IReadOnlyList<YearHelpItem>> HelpItemsAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {municipalityId} and Kind eq {HelpItemEntity.ItemKind}");
        var list = new List<YearHelpItem>();
        await foreach (var e in HelpPlans.QueryAsync<TableEntity>(filter, select: ["SchoolId", "Status", "DueDate", "Open"], cancellationToken: ct))
        {
            list.Add(new YearHelpItem(e.GetString("SchoolId") ?? "", e.GetString("Status") ?? "", e.GetString("DueDate") ?? "", e.GetBoolean("Open") ?? false));
        }

        return list;
    }

    /// <summary>Writes rows of one table in transactions of one partition (up to 100 rows each): the demo's past year.</summary>
    internal async Task WriteBatchAsync(string table, IEnumerable<ITableEntity> rows, CancellationToken ct)
    {
        var client = table switch
        {
            ProtocolStore.Table => Observations,
            HelpPlanStore.Table => HelpPlans,
            VisitStore.VisitsTable => Visits,
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        var tasks = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100))
            .Select(chunk => client.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
        await Task.WhenAll(tasks);
    }
}
