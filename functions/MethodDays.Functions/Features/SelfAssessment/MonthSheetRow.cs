using Azure;
using Azure.Data.Tables;
using MethodDays.Features.People;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// What the monthly sheets' rows share (the self-assessment sheet, the progress sheet): RowKey <c>sheet|{school}</c>
/// in partition <c>{municipality}|{month}</c>, a working copy with who changed it last, and the last submission's
/// number and author. Each sheet adds its content and the figures its summary reads.
/// </summary>
internal abstract class MonthSheetRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string TemplateVersion { get; set; } = "";

    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Number of the last submitted revision; 0 while never submitted.</summary>
    public int Revision { get; set; }

    /// <summary>The working copy was changed after the last submission.</summary>
    public bool DraftDiffers { get; set; }

    public string? SubmittedTemplateVersion { get; set; }
    public string? SubmittedById { get; set; }
    public string? SubmittedByName { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The ETag the last submission was made against: a retried submit is recognised and answered, not repeated.</summary>
    public string? SubmittedFromEtag { get; set; }
}

internal static class MonthSheetRows
{
    /// <summary>
    /// Saves a sheet's working copy. Without an ETag the sheet must not exist yet; with one it must still match.
    /// <paramref name="fill"/> puts the content (and what follows from it) on the row; a conflict answers with the
    /// row as it is now.
    /// </summary>
    public static async Task<(SaveOutcome Outcome, T? Sheet)> SaveDraftAsync<T>(
        TableClient table, string partition, string rowKey, ETag? ifMatch, CurrentUser user, DateTimeOffset now, Action<T> fill, CancellationToken ct)
        where T : MonthSheetRow, new()
    {
        T entity;
        if (ifMatch is null)
        {
            entity = new T { PartitionKey = partition, RowKey = rowKey };
        }
        else
        {
            var existing = await GetAsync<T>(table, partition, rowKey, ct);
            if (existing is null || existing.ETag != ifMatch.Value)
            {
                return (SaveOutcome.Conflict, existing);
            }

            entity = existing;
        }

        fill(entity);
        entity.UpdatedById = user.PersonId;
        entity.UpdatedByName = user.Member.DisplayName;
        entity.UpdatedAt = now;
        try
        {
            var response = ifMatch is null
                ? await table.AddEntityAsync(entity, ct)
                : await table.UpdateEntityAsync(entity, ifMatch.Value, TableUpdateMode.Replace, ct);
            entity.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (SaveOutcome.Conflict, await GetAsync<T>(table, partition, rowKey, ct));
        }

        return (SaveOutcome.Saved, entity);
    }

    public static async Task<T?> GetAsync<T>(TableClient table, string partition, string rowKey, CancellationToken ct)
        where T : MonthSheetRow
    {
        var r = await table.GetEntityIfExistsAsync<T>(partition, rowKey, cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }
}
