using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>Whose calendar a link opens: a school, as seen by one person (null for a school's link from before links were personal).</summary>
internal sealed record CalendarKey(string MunicipalityId, string SchoolId, string? PersonId);

/// <summary>
/// Calendar links (table <c>calendars</c>): a random token per person and school, and the index from a token back to
/// them. A token is valid only while the person's row still names it, so an index row left behind by a renewal or a
/// half-finished write opens nothing.
/// </summary>
public sealed class CalendarStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "calendars";

    private const string IndexPartition = "token";

    private TableClient Calendars => tables.Table(names, Table);

    private static string RowKey(string schoolId, string personId) => $"{schoolId}|{personId}";

    /// <summary>The person's token for the school, made on the first ask.</summary>
    internal async Task<string> TokenAsync(string municipalityId, string schoolId, string personId, CancellationToken ct)
    {
        if (await GetAsync(municipalityId, RowKey(schoolId, personId), ct) is { Token: { } existing })
        {
            return existing;
        }

        var token = NewToken();
        // Index first, then the person's row: a half-written pair leaves only an index row that opens nothing.
        await Calendars.UpsertEntityAsync(Index(token, municipalityId, schoolId, personId), TableUpdateMode.Replace, ct);
        if (await Calendars.TryAddAsync(new CalendarEntity { PartitionKey = municipalityId, RowKey = RowKey(schoolId, personId), Token = token }, ct))
        {
            return token;
        }

        // Another tab made one at the same moment: theirs stands.
        await Calendars.DeleteEntityAsync(IndexPartition, token, ETag.All, ct);
        return (await GetAsync(municipalityId, RowKey(schoolId, personId), ct))!.Token!;
    }

    /// <summary>
    /// A new token for the person; the old one stops opening anything at once. The school's shared link from before
    /// links were personal goes too: anyone of the school may have passed it on, so anyone may retire it.
    /// </summary>
    internal async Task<string> RenewAsync(string municipalityId, string schoolId, string personId, CancellationToken ct)
    {
        var token = NewToken();
        var old = await GetAsync(municipalityId, RowKey(schoolId, personId), ct);
        await Calendars.UpsertEntityAsync(Index(token, municipalityId, schoolId, personId), TableUpdateMode.Replace, ct);
        await Calendars.UpsertEntityAsync(new CalendarEntity { PartitionKey = municipalityId, RowKey = RowKey(schoolId, personId), Token = token }, TableUpdateMode.Replace, ct);
        if (old?.Token is { } oldToken)
        {
            await Calendars.DeleteEntityAsync(IndexPartition, oldToken, ETag.All, ct);
        }

        if (await GetAsync(municipalityId, schoolId, ct) is { } shared)
        {
            await Calendars.DeleteEntityAsync(municipalityId, schoolId, ETag.All, ct);
            if (shared.Token is { } sharedToken)
            {
                await Calendars.DeleteEntityAsync(IndexPartition, sharedToken, ETag.All, ct);
            }
        }

        return token;
    }

    /// <summary>Whose calendar a token opens, or null when it opens nothing (unknown, renewed, retired).</summary>
    internal async Task<CalendarKey?> FindAsync(string token, CancellationToken ct)
    {
        var index = await GetAsync(IndexPartition, token, ct);
        if (index is not { MunicipalityId: { } municipalityId, SchoolId: { } schoolId })
        {
            return null;
        }

        var personId = string.IsNullOrEmpty(index.PersonId) ? null : index.PersonId;
        var owner = await GetAsync(municipalityId, personId is null ? schoolId : RowKey(schoolId, personId), ct);
        return owner?.Token == token ? new CalendarKey(municipalityId, schoolId, personId) : null;
    }

    private async Task<CalendarEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var r = await Calendars.GetEntityIfExistsAsync<CalendarEntity>(partitionKey, rowKey, cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    private static CalendarEntity Index(string token, string municipalityId, string schoolId, string personId) =>
        new() { PartitionKey = IndexPartition, RowKey = token, MunicipalityId = municipalityId, SchoolId = schoolId, PersonId = personId };

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
}
