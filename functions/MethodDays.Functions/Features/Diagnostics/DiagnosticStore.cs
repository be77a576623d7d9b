using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace MethodDays.Features.Diagnostics;

/// <summary>Rounds and results of the teachers' diagnostics (tables <c>diagnosticrounds</c>, <c>diagnosticresults</c>).</summary>
public sealed class DiagnosticStore(TableServiceClient tables, StorageNames names, IMemoryCache cache)
{
    /// <summary>How long a school's known rounds are kept in memory after their last use (see <see cref="KnownRounds"/>).</summary>
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(10);

    public const string RoundsTable = "diagnosticrounds";
    public const string ResultsTable = "diagnosticresults";

    /// <summary>Table Storage's limit on a transaction (entities of one partition).</summary>
    public const int BatchSize = 100;

    private TableClient Rounds => tables.Table(names, RoundsTable);

    private TableClient Results => tables.Table(names, ResultsTable);

    internal static string SchoolPartition(string municipalityId, string schoolId) => $"{municipalityId}|{schoolId}";

    internal static string RoundPartition(string municipalityId, string schoolId, string roundId) => $"{municipalityId}|{schoolId}|{roundId}";

    internal async Task<IReadOnlyList<RoundEntity>> RoundsAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var list = new List<RoundEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SchoolPartition(municipalityId, schoolId)}");
        await foreach (var e in Rounds.QueryAsync<RoundEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        cache.Set(KnownKey(municipalityId, schoolId), list.Select(RoundFacts.Of).ToList(), new MemoryCacheEntryOptions { SlidingExpiration = KnownFor });
        return list;
    }

    /// <summary>
    /// The school's rounds as this instance last saw them (a list read, a round it added), without reading; null when
    /// it has not seen them lately. Only what never changes after a round is created: its id, kind and entry round
    /// (rounds are never deleted). It can miss a round another instance created since: a caller that does not find
    /// what it looks for reads the list (<see cref="RoundsAsync"/>).
    /// </summary>
    internal IReadOnlyList<RoundFacts>? KnownRounds(string municipalityId, string schoolId) =>
        cache.TryGetValue(KnownKey(municipalityId, schoolId), out IReadOnlyList<RoundFacts>? known) ? known : null;

    private static string KnownKey(string municipalityId, string schoolId) => $"diagnostic-rounds|{municipalityId}|{schoolId}";

    /// <summary>Every round of the municipality: one PartitionKey-range query.</summary>
    internal async Task<IReadOnlyList<RoundEntity>> MunicipalityRoundsAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {municipalityId + "|"} and PartitionKey lt {municipalityId + "}"}");
        var list = new List<RoundEntity>();
        await foreach (var e in Rounds.QueryAsync<RoundEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    internal async Task<RoundEntity?> RoundAsync(string municipalityId, string schoolId, string roundId, CancellationToken ct)
    {
        var found = await Rounds.GetEntityIfExistsAsync<RoundEntity>(SchoolPartition(municipalityId, schoolId), roundId, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Adds a round; false when its id is taken.</summary>
    internal async Task<bool> AddRoundAsync(RoundEntity round, CancellationToken ct)
    {
        if (!await Rounds.TryAddAsync(round, ct))
        {
            return false;
        }

        if (KnownRounds(round.MunicipalityId, round.SchoolId) is { } known)
        {
            cache.Set(KnownKey(round.MunicipalityId, round.SchoolId), known.Append(RoundFacts.Of(round)).ToList(), new MemoryCacheEntryOptions { SlidingExpiration = KnownFor });
        }

        return true;
    }

    /// <summary>Replaces a round if nobody changed it since <paramref name="ifMatch"/>; false on a conflict.</summary>
    internal Task<bool> UpdateRoundAsync(RoundEntity round, ETag ifMatch, CancellationToken ct) => Rounds.TryReplaceAsync(round, ifMatch, ct);

    /// <summary>The current results of a round (not their history): one partition, one prefix.</summary>
    internal async Task<IReadOnlyList<ResultEntity>> ResultsAsync(string municipalityId, string schoolId, string roundId, CancellationToken ct)
    {
        var partition = RoundPartition(municipalityId, schoolId, roundId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ResultEntity.CurrentPrefix} and RowKey lt {"t}"}");
        var list = new List<ResultEntity>();
        await foreach (var e in Results.QueryAsync<ResultEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>A teacher's current result in a round: one point read.</summary>
    internal async Task<ResultEntity?> ResultAsync(string municipalityId, string schoolId, string roundId, string teacherId, CancellationToken ct)
    {
        var found = await Results.GetEntityIfExistsAsync<ResultEntity>(RoundPartition(municipalityId, schoolId, roundId), ResultEntity.CurrentPrefix + teacherId, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>How many teachers have a result in each of a school's rounds: one PartitionKey-range query of keys only.</summary>
    internal async Task<IReadOnlyDictionary<string, int>> ResultCountsAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var prefix = SchoolPartition(municipalityId, schoolId) + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + "}"} and RowKey ge {ResultEntity.CurrentPrefix} and RowKey lt {"t}"}");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in Results.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: ct))
        {
            var round = e.PartitionKey[prefix.Length..];
            counts[round] = counts.GetValueOrDefault(round) + 1;
        }

        return counts;
    }

    /// <summary>The current results of every round of the municipality, without names: one PartitionKey-range query.</summary>
    internal async Task<IReadOnlyList<ResultEntity>> MunicipalityResultsAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {municipalityId + "|"} and PartitionKey lt {municipalityId + "}"} and RowKey ge {ResultEntity.CurrentPrefix} and RowKey lt {"t}"}");
        var list = new List<ResultEntity>();
        await foreach (var e in Results.QueryAsync<ResultEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Earlier versions of a teacher's result in a round, newest first.</summary>
    internal async Task<IReadOnlyList<ResultEntity>> HistoryAsync(string municipalityId, string schoolId, string roundId, string teacherId, CancellationToken ct)
    {
        var partition = RoundPartition(municipalityId, schoolId, roundId);
        var prefix = $"{ResultEntity.HistoryPrefix}{teacherId}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var list = new List<ResultEntity>();
        await foreach (var e in Results.QueryAsync<ResultEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>
    /// The optimistic first write of an import: every result added (no read before), in transactions of at most
    /// <see cref="BatchSize"/>. Stops at the first transaction refused because a result is already there (nothing of
    /// that transaction is written) and returns how many results, from the start of the list, were written.
    /// </summary>
    internal async Task<int> AddAllAsync(IReadOnlyList<ResultEntity> results, CancellationToken ct)
    {
        var written = 0;
        foreach (var chunk in results.Chunk(BatchSize))
        {
            try
            {
                await Results.SubmitTransactionAsync(chunk.Select(x => new TableTransactionAction(TableTransactionActionType.Add, x)), ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                return written;
            }

            written += chunk.Length;
        }

        return written;
    }

    /// <summary>
    /// Writes changed results of one round: a new result is added, a changed one replaced under its ETag with its
    /// previous version added as history in the same transaction. Transactions of at most <see cref="BatchSize"/>
    /// entities; a change never splits from its history. Returns false when someone changed a result meanwhile:
    /// nothing of that transaction is written.
    /// </summary>
    internal async Task<bool> WriteAsync(IReadOnlyList<(ResultEntity Result, ResultEntity? Previous)> changes, CancellationToken ct)
    {
        var batch = new List<TableTransactionAction>();
        async Task<bool> FlushAsync()
        {
            if (batch.Count == 0)
            {
                return true;
            }

            try
            {
                await Results.SubmitTransactionAsync(batch, ct);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                return false;
            }
            finally
            {
                batch.Clear();
            }
        }

        foreach (var (result, previous) in changes)
        {
            var size = previous is null ? 1 : 2;
            if (batch.Count + size > BatchSize && !await FlushAsync())
            {
                return false;
            }

            if (previous is null)
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, result));
            }
            else
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, result, previous.ETag));
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, History(previous)));
            }
        }

        return await FlushAsync();
    }

    private static ResultEntity History(ResultEntity previous) => new()
    {
        PartitionKey = previous.PartitionKey,
        RowKey = $"{ResultEntity.HistoryPrefix}{previous.TeacherId}|{DateTimeOffset.MaxValue.UtcTicks - previous.UpdatedAt.UtcTicks:D19}",
        MunicipalityId = previous.MunicipalityId,
        SchoolId = previous.SchoolId,
        RoundId = previous.RoundId,
        TeacherId = previous.TeacherId,
        Subject = previous.Subject,
        Methodical = previous.Methodical,
        Digital = previous.Digital,
        Communicative = previous.Communicative,
        Psychological = previous.Psychological,
        UpdatedById = previous.UpdatedById,
        UpdatedByName = previous.UpdatedByName,
        UpdatedAt = previous.UpdatedAt,
    };
}

/// <summary>What never changes about a round once it is created.</summary>
internal sealed record RoundFacts(string RoundId, string Kind, string? EntryRoundId)
{
    public static RoundFacts Of(RoundEntity round) => new(round.RoundId, round.Kind, round.EntryRoundId);
}
