using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Routes;

/// <summary>Routes, their earlier revisions and consultations (table <c>routes</c>).</summary>
public sealed class RouteStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "routes";

    private TableClient Routes => tables.Table(names, Table);

    internal static string Partition(string municipalityId, string schoolId) => $"{municipalityId}|{schoolId}";

    internal static string CurrentKey(string teacherId, string period) => $"{RouteEntity.CurrentPrefix}{teacherId}|{period}";

    internal static string RevisionKey(string teacherId, string period, int revision) => $"{RouteEntity.RevisionPrefix}{teacherId}|{period}|{revision:D4}";

    internal async Task<RouteEntity?> GetAsync(string m, string s, string teacherId, string period, CancellationToken ct)
    {
        var found = await Routes.GetEntityIfExistsAsync<RouteEntity>(Partition(m, s), CurrentKey(teacherId, period), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The current routes of a school (of one period when given): one partition, one prefix.</summary>
    internal Task<List<RouteEntity>> SchoolAsync(string m, string s, string? period, CancellationToken ct) =>
        QueryAsync<RouteEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(m, s)} and RowKey ge {RouteEntity.CurrentPrefix} and RowKey lt {"r}"}"), period, ct);

    /// <summary>The current routes of every school of the municipality: one PartitionKey-range query.</summary>
    internal Task<List<RouteEntity>> MunicipalityAsync(string m, string? period, CancellationToken ct) =>
        QueryAsync<RouteEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey ge {m + "|"} and PartitionKey lt {m + "}"} and RowKey ge {RouteEntity.CurrentPrefix} and RowKey lt {"r}"}"), period, ct);

    internal async Task<List<RouteEntity>> RevisionsAsync(string m, string s, string teacherId, string period, CancellationToken ct)
    {
        var prefix = $"{RouteEntity.RevisionPrefix}{teacherId}|{period}|";
        var list = await QueryAsync<RouteEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(m, s)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"), null, ct);
        return [.. list.OrderByDescending(r => r.Revision)];
    }

    internal async Task<List<ConsultationEntity>> ConsultationsAsync(string m, string s, string teacherId, string period, CancellationToken ct)
    {
        var prefix = $"{ConsultationEntity.Prefix}{teacherId}|{period}|";
        var list = new List<ConsultationEntity>();
        await foreach (var e in Routes.QueryAsync<ConsultationEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(m, s)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"), cancellationToken: ct))
        {
            list.Add(e);
        }

        return [.. list.OrderBy(c => c.Date, StringComparer.Ordinal).ThenBy(c => c.At)];
    }

    internal async Task AddConsultationAsync(ConsultationEntity consultation, CancellationToken ct) => await Routes.AddEntityAsync(consultation, ct);

    internal async Task<RouteReminderEntity?> ReminderAsync(string m, string s, string rowKey, CancellationToken ct)
    {
        var found = await Routes.GetEntityIfExistsAsync<RouteReminderEntity>(Partition(m, s), rowKey, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Claims a reminder insert-if-absent; false when another run claimed it.</summary>
    internal async Task<bool> ClaimReminderAsync(RouteReminderEntity claim, CancellationToken ct)
    {
        try
        {
            var response = await Routes.AddEntityAsync(claim, ct);
            claim.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    internal async Task MarkReminderEnqueuedAsync(RouteReminderEntity claim, CancellationToken ct)
    {
        claim.Enqueued = true;
        await Routes.UpsertEntityAsync(claim, TableUpdateMode.Replace, ct);
    }

    /// <summary>Adds a route; false when one exists already.</summary>
    internal async Task<bool> AddAsync(RouteEntity route, CancellationToken ct)
    {
        try
        {
            var response = await Routes.AddEntityAsync(route, ct);
            route.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces the current revision under <paramref name="ifMatch"/>; with <paramref name="kept"/> the replaced
    /// revision is added beside it in the same transaction. False when someone changed the route meanwhile: nothing written.
    /// </summary>
    internal async Task<bool> ReplaceAsync(RouteEntity route, ETag ifMatch, RouteEntity? kept, CancellationToken ct)
    {
        try
        {
            if (kept is null)
            {
                var response = await Routes.UpdateEntityAsync(route, ifMatch, TableUpdateMode.Replace, ct);
                route.ETag = response.Headers.ETag ?? default;
            }
            else
            {
                await Routes.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, route, ifMatch),
                    new TableTransactionAction(TableTransactionActionType.Add, kept),
                ], ct);
                route.ETag = (await GetAsync(route.MunicipalityId, route.SchoolId, route.TeacherId, route.Period, ct))?.ETag ?? default;
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            return false;
        }
    }

    private async Task<List<T>> QueryAsync<T>(string filter, string? period, CancellationToken ct)
        where T : class, ITableEntity
    {
        var list = new List<T>();
        await foreach (var e in Routes.QueryAsync<T>(filter, cancellationToken: ct))
        {
            if (period is null || e is not RouteEntity r || r.Period == period)
            {
                list.Add(e);
            }
        }

        return list;
    }
}
