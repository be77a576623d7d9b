using Azure;
using Azure.Data.Tables;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Progress;

/// <summary>A school's items with their status changes.</summary>
internal sealed record HelpPlanRows(IReadOnlyList<HelpItemEntity> Items, ILookup<string, HelpHistoryEntity> History);

/// <summary>
/// The plans of targeted help, table <c>helpplans</c>, PartitionKey <c>{municipality}</c>, RowKeys
/// <c>{school}|{item}</c> (the item) and <c>{school}|{item}|{n:D4}</c> (its status changes, numbered). A school's plan —
/// items and history — is one range of one partition; an item and its status change are written in one transaction;
/// the municipality's overdue list is one query of one partition (<c>Open</c> and the text-sortable <c>DueDate</c>).
/// A municipality has tens of schools with tens of items a year: one partition is small and rarely written.
/// </summary>
public sealed class HelpPlanStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "helpplans";

    private TableClient Plans => tables.Table(names, Table);

    internal static string ItemKey(string schoolId, string itemId) => $"{schoolId}|{itemId}";

    // Numbered by the item's count of changes: the item's ETag guards the count, so two changes never share a key.
    private static string HistoryKey(string schoolId, string itemId, int number) => $"{schoolId}|{itemId}|{number:D4}";

    internal async Task<HelpPlanRows> ReadSchoolAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var rows = await RangeAsync(municipalityId, $"{schoolId}|", ct);
        return Split(rows);
    }

    internal async Task<(HelpItemEntity Item, IReadOnlyList<HelpHistoryEntity> History)?> GetItemAsync(string municipalityId, string schoolId, string itemId, CancellationToken ct)
    {
        var rows = Split(await RangeAsync(municipalityId, ItemKey(schoolId, itemId) + "|", ct, includePrefixRow: ItemKey(schoolId, itemId)));
        var item = rows.Items.FirstOrDefault(i => i.ItemId == itemId);
        return item is null ? null : (item, [.. rows.History[itemId]]);
    }

    /// <summary>
    /// Adds an item and its first history row in one transaction. When an item with the id exists, it is returned
    /// with <see cref="SaveOutcome.AlreadySubmitted"/> if it is the same request again, else with a conflict.
    /// </summary>
    internal async Task<(SaveOutcome Outcome, HelpItemEntity Item)> AddAsync(HelpItemEntity item, HelpHistoryEntity created, CancellationToken ct)
    {
        try
        {
            var response = await Plans.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, item), new(TableTransactionActionType.Add, created)], ct);
            item.ETag = response.Value[0].Headers.ETag ?? default;
            return (SaveOutcome.Saved, item);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409)
        {
            var existing = await GetItemAsync(item.PartitionKey, item.SchoolId, item.ItemId, ct);
            if (existing is null)
            {
                throw;
            }

            var same = existing.Value.Item.ContentHash == item.ContentHash && existing.Value.Item.CreatedById == item.CreatedById && existing.Value.Item.WrittenFromEtag == "";
            return (same ? SaveOutcome.AlreadySubmitted : SaveOutcome.Conflict, existing.Value.Item);
        }
    }

    /// <summary>
    /// Replaces an item if its ETag still matches, with the status change (if any) in the same transaction. A stale
    /// ETag is a conflict — unless the item was last written by this very request (a retry), which is answered.
    /// </summary>
    internal async Task<(SaveOutcome Outcome, HelpItemEntity? Item)> UpdateAsync(HelpItemEntity item, ETag ifMatch, HelpHistoryEntity? change, CancellationToken ct)
    {
        TableTransactionAction[] batch = change is null
            ? [new(TableTransactionActionType.UpdateReplace, item, ifMatch)]
            : [new(TableTransactionActionType.UpdateReplace, item, ifMatch), new(TableTransactionActionType.Add, change)];
        try
        {
            var response = await Plans.SubmitTransactionAsync(batch, ct);
            item.ETag = response.Value[0].Headers.ETag ?? default;
            return (SaveOutcome.Saved, item);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            var current = await GetItemAsync(item.PartitionKey, item.SchoolId, item.ItemId, ct);
            if (current is { } c && c.Item.WrittenFromEtag == ifMatch.ToString() && c.Item.ContentHash == item.ContentHash && c.Item.UpdatedById == item.UpdatedById)
            {
                return (SaveOutcome.AlreadySubmitted, c.Item);
            }

            return (SaveOutcome.Conflict, current?.Item);
        }
    }

    /// <summary>Items of the municipality not done or cancelled whose due date is before <paramref name="today"/>: one query, one partition.</summary>
    internal async Task<IReadOnlyList<HelpItemEntity>> OverdueAsync(string municipalityId, DateOnly today, CancellationToken ct)
    {
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {municipalityId} and Kind eq {HelpItemEntity.ItemKind} and Open eq {true} and DueDate lt {day}");
        var list = new List<HelpItemEntity>();
        await foreach (var e in Plans.QueryAsync<HelpItemEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Items that answer a month's progress sheets (for the summary's open requests): one query, one partition.</summary>
    internal async Task<IReadOnlyList<HelpItemEntity>> ForSourceMonthAsync(string municipalityId, string month, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {municipalityId} and Kind eq {HelpItemEntity.ItemKind} and SourceMonth eq {month}");
        var list = new List<HelpItemEntity>();
        await foreach (var e in Plans.QueryAsync<HelpItemEntity>(filter, select: ["PartitionKey", "RowKey", "SchoolId", "ItemId", "Action", "Status", "SourceMonth", "SourceRequestId"], cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>The item's next status change (counts it on the item, which is written in the same transaction).</summary>
    internal static HelpHistoryEntity Change(HelpItemEntity item, string? from, string by, string byName, DateTimeOffset at, string? comment) => new()
    {
        PartitionKey = item.PartitionKey,
        RowKey = HistoryKey(item.SchoolId, item.ItemId, ++item.Changes),
        SchoolId = item.SchoolId,
        ItemId = item.ItemId,
        From = from,
        To = item.Status,
        ById = by,
        ByName = byName,
        At = at,
        Comment = comment,
    };

    private static HelpPlanRows Split(IReadOnlyList<TableEntity> rows) => new(
        [.. rows.Where(r => r.GetString("Kind") == HelpItemEntity.ItemKind).Select(HelpPlanMapping.ToItem)],
        rows.Where(r => r.GetString("Kind") == HelpHistoryEntity.HistoryKind).Select(HelpPlanMapping.ToHistory).ToLookup(h => h.ItemId));

    private async Task<IReadOnlyList<TableEntity>> RangeAsync(string partition, string prefix, CancellationToken ct, string? includePrefixRow = null)
    {
        // A prefix scan: RowKey ≥ prefix and < prefix with its last character bumped ('|' → '}').
        var lower = includePrefixRow ?? prefix;
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}");
        var list = new List<TableEntity>();
        await foreach (var e in Plans.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }
}
