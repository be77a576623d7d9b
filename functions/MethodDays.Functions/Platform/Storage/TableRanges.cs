using Azure.Data.Tables;

namespace MethodDays.Platform.Storage;

/// <summary>The one query shape the stores use besides point reads: the rows of a partition whose RowKey starts with a prefix.</summary>
public static class TableRanges
{
    /// <summary>RowKey ≥ prefix and &lt; the prefix with its last character bumped ("sheet|" → "sheet}").</summary>
    public static string PrefixFilter(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    public static async Task<IReadOnlyList<T>> PrefixAsync<T>(this TableClient table, string partition, string prefix, CancellationToken ct, IEnumerable<string>? select = null)
        where T : class, ITableEntity, new()
    {
        var list = new List<T>();
        await foreach (var e in table.QueryAsync<T>(PrefixFilter(partition, prefix), select: select, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }
}
