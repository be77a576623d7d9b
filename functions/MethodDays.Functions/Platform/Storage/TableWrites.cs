using Azure;
using Azure.Data.Tables;

namespace MethodDays.Platform.Storage;

/// <summary>
/// The two optimistic writes the stores make, one copy each: add a row unless its key exists, and replace a row only
/// while it is the version read. Each gives the outcome as a value (a lost race is a normal answer, not an exception)
/// and leaves the entity carrying its new ETag.
/// </summary>
public static class TableWrites
{
    /// <summary>Adds the row; false when a row with its key exists already (another request made it first).</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken ct)
    {
        try
        {
            var response = await table.AddEntityAsync(entity, ct);
            entity.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row under <paramref name="ifMatch"/>; false when it changed or went meanwhile.</summary>
    public static async Task<bool> TryReplaceAsync(this TableClient table, ITableEntity entity, ETag ifMatch, CancellationToken ct)
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, ct);
            entity.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }
}
