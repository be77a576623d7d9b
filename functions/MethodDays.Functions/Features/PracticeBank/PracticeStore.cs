using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>Practices with their history and submitted versions (table <c>practices</c>).</summary>
public sealed class PracticeStore(TableServiceClient tables, StorageNames names)
{
    public const string PracticesTable = "practices";

    private TableClient Practices => tables.Table(names, PracticesTable);

    internal static void Register(IServiceCollection services)
    {
        services.AddSingleton<PracticeStore>();
        services.AddStorageTable(PracticesTable);
    }

    internal static string PracticeKey(string id) => $"p|{id}";

    internal async Task<PracticeEntity?> GetAsync(string municipalityId, string practiceId, CancellationToken ct)
    {
        var r = await Practices.GetEntityIfExistsAsync<PracticeEntity>(municipalityId, PracticeKey(practiceId), cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>The municipality's bank: one partition range, all practices.</summary>
    internal Task<IReadOnlyList<PracticeEntity>> ListAsync(string municipalityId, CancellationToken ct) =>
        Practices.PrefixAsync<PracticeEntity>(municipalityId, "p|", ct);

    internal Task<IReadOnlyList<PracticeEventEntity>> HistoryAsync(string municipalityId, string practiceId, CancellationToken ct) =>
        Practices.PrefixAsync<PracticeEventEntity>(municipalityId, $"h|{practiceId}|", ct);

    internal static PracticeEventEntity Event(string municipalityId, string practiceId, DateTimeOffset at, string byName, string action, string? comment, int version) => new()
    {
        PartitionKey = municipalityId,
        RowKey = $"h|{practiceId}|{at.UtcTicks:D19}|{Guid.NewGuid():n}",
        At = at,
        ByName = byName,
        Action = action,
        Comment = comment,
        Version = version,
    };

    /// <summary>Adds a practice with its first history event, in one transaction.</summary>
    internal async Task AddAsync(PracticeEntity practice, PracticeEventEntity created, CancellationToken ct)
    {
        var response = await Practices.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, practice), new(TableTransactionActionType.Add, created)], ct);
        practice.ETag = response.Value[0].Headers.ETag ?? default;
    }

    /// <summary>
    /// Saves a changed practice (ETag must match) with its history event and, on a submission, a snapshot of the
    /// version — together or not at all. False on a conflict.
    /// </summary>
    internal async Task<bool> UpdateAsync(PracticeEntity practice, ETag ifMatch, PracticeEventEntity? happened, bool snapshot, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, practice, ifMatch) };
        if (happened is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, happened));
        }

        if (snapshot)
        {
            var copy = new TableEntity(practice.PartitionKey, $"v|{practice.Id}|{practice.Version:D4}")
            {
                ["Snapshot"] = StoredJson.Write(new
                {
                    practice.Title, practice.Description, practice.TopicWeek, practice.Subject, practice.Grades, practice.Kind,
                    practice.Authors, practice.Links, practice.Indicators, practice.Competences, practice.Files, practice.UpdatedAt,
                }),
            };
            actions.Add(new(TableTransactionActionType.UpsertReplace, copy));
        }

        try
        {
            var response = await Practices.SubmitTransactionAsync(actions, ct);
            practice.ETag = response.Value[0].Headers.ETag ?? default;
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    internal async Task DeleteAsync(string municipalityId, string practiceId, CancellationToken ct)
    {
        var prefix = $"|{practiceId}";
        var rows = new List<TableEntity>();
        await foreach (var e in Practices.QueryAsync<TableEntity>(x => x.PartitionKey == municipalityId, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            if (e.RowKey == PracticeKey(practiceId) || e.RowKey.Contains(prefix + "|", StringComparison.Ordinal))
            {
                rows.Add(e);
            }
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await Practices.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct);
        }
    }
}
