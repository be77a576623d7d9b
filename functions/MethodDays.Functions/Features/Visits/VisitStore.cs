using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace MethodDays.Features.Visits;

/// <summary>
/// The results register (table <c>schoolresults</c>) and the visits, their requests and the candidate criteria (table
/// <c>visits</c>). Both are partitioned by municipality: a municipality has tens of schools and a few visits a month,
/// so the candidates list reads one year's range of results and the visits' range in two queries.
/// </summary>
public sealed class VisitStore(TableServiceClient tables, StorageNames names, IMemoryCache cache)
{
    public const string ResultsTable = "schoolresults";
    public const string VisitsTable = "visits";
    internal const string CriteriaKey = "criteria";

    /// <summary>Counts this instance's visit writes: a visit read before one of them is not answered from the cache.</summary>
    private long written;

    private TableClient Results => tables.Table(names, ResultsTable);

    private TableClient Visits => tables.Table(names, VisitsTable);

    internal static string ResultsKey(string year, string schoolId) => $"y|{year}|{schoolId}";

    internal static string ShnorKey(string schoolId) => $"shnor|{schoolId}";

    internal static string VisitKey(string id) => $"v|{id}";

    internal static string RequestKey(string schoolId, string month) => $"r|{schoolId}|{month}";

    private async Task<List<T>> RangeAsync<T>(TableClient table, string municipalityId, string prefix, CancellationToken ct)
        where T : class, ITableEntity
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {municipalityId} and RowKey ge {prefix} and RowKey lt {prefix + "\uffff"}");
        var list = new List<T>();
        await foreach (var e in table.QueryAsync<T>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    internal Task<List<ResultsEntity>> YearAsync(string municipalityId, string year, CancellationToken ct) =>
        RangeAsync<ResultsEntity>(Results, municipalityId, $"y|{year}|", ct);

    internal Task<List<ShnorEntity>> ShnorAsync(string municipalityId, CancellationToken ct) =>
        RangeAsync<ShnorEntity>(Results, municipalityId, "shnor|", ct);

    /// <summary>The school years that have any results, newest first.</summary>
    internal async Task<IReadOnlyList<string>> YearsAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {municipalityId} and RowKey ge {"y|"} and RowKey lt {"y}"}");
        var years = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var e in Results.QueryAsync<ResultsEntity>(filter, select: ["Year"], cancellationToken: ct))
        {
            years.Add(e.Year);
        }

        return [.. years.Reverse()];
    }

    /// <summary>
    /// Writes results rows (ETag-guarded replaces and adds) and ШНОР periods in transactions of one partition. Up to 100
    /// rows are one transaction; false when someone changed a row meanwhile (nothing of that transaction is written).
    /// </summary>
    internal async Task<bool> WriteResultsAsync(IReadOnlyList<(ITableEntity Entity, bool IsNew)> changes, CancellationToken ct)
    {
        foreach (var chunk in changes.Chunk(100))
        {
            var actions = chunk.Select(c => c.Entity is ShnorEntity
                ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, c.Entity)
                : c.IsNew
                    ? new TableTransactionAction(TableTransactionActionType.Add, c.Entity)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, c.Entity, c.Entity.ETag)).ToList();
            try
            {
                var response = await Results.SubmitTransactionAsync(actions, ct);
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i].Entity.ETag = response.Value[i].Headers.ETag ?? default;
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                return false;
            }
        }

        return true;
    }

    internal async Task<List<VisitEntity>> VisitsAsync(string municipalityId, CancellationToken ct) =>
        await RangeAsync<VisitEntity>(Visits, municipalityId, "v|", ct);

    internal async Task<VisitEntity?> GetVisitAsync(string municipalityId, string visitId, CancellationToken ct)
    {
        var found = await Visits.GetEntityIfExistsAsync<VisitEntity>(municipalityId, VisitKey(visitId), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The visit as the observation protocols check it on every save and photo (the lesson, its day, the team): on a
    /// visit day ten observers send hundreds of requests about one visit. Read once and kept by this instance as long
    /// as members are (<see cref="People.CurrentUserMiddleware.CacheFor"/>, 30 s); any visit written by this instance
    /// is read afresh at once (an observer taken off the team here is refused on their next request), another
    /// instance's change is seen within the 30 seconds. The visits' own pages read <see cref="GetVisitAsync"/>, never this.
    /// </summary>
    internal async Task<VisitForLessons?> GetVisitForLessonsAsync(string municipalityId, string visitId, CancellationToken ct)
    {
        var key = $"visit-lessons|{municipalityId}|{visitId}";
        var now = Interlocked.Read(ref written);
        if (cache.TryGetValue(key, out CachedVisit? kept) && kept is not null && kept.Written == now)
        {
            return kept.Visit;
        }

        if (await GetVisitAsync(municipalityId, visitId, ct) is not { } entity)
        {
            return null;
        }

        var visit = new VisitForLessons(entity.SchoolId, entity.Date, entity.LessonList, entity.TeamList);
        // Kept with the count taken before the read: a write that finished meanwhile makes it stale at once.
        cache.Set(key, new CachedVisit(visit, now), People.CurrentUserMiddleware.CacheFor);
        return visit;
    }

    internal async Task AddVisitAsync(VisitEntity visit, CancellationToken ct)
    {
        try
        {
            var response = await Visits.AddEntityAsync(visit, ct);
            visit.ETag = response.Headers.ETag ?? default;
        }
        finally
        {
            Interlocked.Increment(ref written);
        }
    }

    /// <summary>Replaces a visit if nobody changed it since <paramref name="ifMatch"/>; false on a conflict.</summary>
    internal async Task<bool> UpdateVisitAsync(VisitEntity visit, ETag ifMatch, CancellationToken ct)
    {
        try
        {
            return await Visits.TryReplaceAsync(visit, ifMatch, ct);
        }
        finally
        {
            Interlocked.Increment(ref written);
        }
    }

    internal Task<List<VisitRequestEntity>> RequestsAsync(string municipalityId, CancellationToken ct) =>
        RangeAsync<VisitRequestEntity>(Visits, municipalityId, "r|", ct);

    internal Task<List<VisitRequestEntity>> SchoolRequestsAsync(string municipalityId, string schoolId, CancellationToken ct) =>
        RangeAsync<VisitRequestEntity>(Visits, municipalityId, $"r|{schoolId}|", ct);

    internal async Task<VisitRequestEntity?> GetRequestAsync(string municipalityId, string schoolId, string month, CancellationToken ct)
    {
        var found = await Visits.GetEntityIfExistsAsync<VisitRequestEntity>(municipalityId, RequestKey(schoolId, month), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Adds a request; false when the school already asked for that month (insert-if-absent: two at once give one).</summary>
    internal Task<bool> AddRequestAsync(VisitRequestEntity request, CancellationToken ct) => Visits.TryAddAsync(request, ct);

    internal Task<bool> UpdateRequestAsync(VisitRequestEntity request, CancellationToken ct) => Visits.TryReplaceAsync(request, request.ETag, ct);

    internal async Task<CriteriaEntity?> GetCriteriaAsync(string municipalityId, CancellationToken ct)
    {
        var found = await Visits.GetEntityIfExistsAsync<CriteriaEntity>(municipalityId, CriteriaKey, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Saves the criteria: a new row (no ETag) only if none exists, else only over the ETag read.</summary>
    internal Task<bool> SaveCriteriaAsync(CriteriaEntity criteria, ETag? ifMatch, CancellationToken ct) =>
        ifMatch is { } tag ? Visits.TryReplaceAsync(criteria, tag, ct) : Visits.TryAddAsync(criteria, ct);
}

/// <summary>What the observation protocols need of a visit: its school and day, the lessons and the team (read once, not changed).</summary>
internal sealed record VisitForLessons(string SchoolId, string Date, IReadOnlyList<Lesson> LessonList, IReadOnlyList<TeamMember> TeamList);

/// <summary>A visit as kept for the protocols' checks, with the count of this instance's visit writes when it was read.</summary>
internal sealed record CachedVisit(VisitForLessons Visit, long Written);
