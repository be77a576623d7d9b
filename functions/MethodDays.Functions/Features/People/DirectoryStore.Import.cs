using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.People;

/// <summary>A record with the ETag it was read with, for a write that must not overwrite someone else's change.</summary>
public sealed record Stored<T>(T Value, ETag ETag);

/// <summary>The directory's side of the workbook import: versioned lists, e-mail owners, and the batched writes.</summary>
public sealed partial class DirectoryStore
{
    /// <summary>Entity group transactions take at most 100 entities of one partition.</summary>
    private const int BatchSize = 100;

    internal async Task<IReadOnlyList<Stored<School>>> ListSchoolVersionsAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<Stored<School>>();
        await foreach (var e in Schools.QueryAsync<SchoolEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(new(e.ToRecord(), e.ETag));
        }

        return list;
    }

    internal async Task<IReadOnlyList<Stored<Member>>> ListMemberVersionsAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<Stored<Member>>();
        await foreach (var e in Members.QueryAsync<MemberEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(new(e.ToRecord(), e.ETag));
        }

        return list;
    }

    /// <summary>
    /// For each e-mail already used to sign in somewhere, the municipality it belongs to (keys lower-case). Index
    /// rows are not removed when a member's address changes, so an index pointing at another municipality counts
    /// only while that member still has the address.
    /// </summary>
    internal async Task<IReadOnlyDictionary<string, string>> FindEmailMunicipalitiesAsync(IEnumerable<string> emails, string municipalityId, CancellationToken ct)
    {
        var found = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var distinct = emails.Select(e => e.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(distinct, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (email, token) =>
        {
            var index = await Identities.GetEntityIfExistsAsync<IdentityEntity>(EmailKey(email), "", cancellationToken: token);
            if (!index.HasValue)
            {
                return;
            }

            var owner = index.Value!;
            if (owner.MunicipalityId != municipalityId)
            {
                var member = await Members.GetEntityIfExistsAsync<MemberEntity>(owner.MunicipalityId, owner.PersonId, cancellationToken: token);
                if (!member.HasValue || !string.Equals(member.Value!.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }

            found[email] = owner.MunicipalityId;
        });
        return found;
    }

    /// <summary>
    /// Writes a checked import: schools, then the people's sign-in index rows, then the people. Schools and members
    /// are each one partition (the municipality), so they go in transactions of up to 100: creations as inserts
    /// (fail if the record appeared meanwhile), changes as updates with the ETag read at planning (fail if someone
    /// changed it meanwhile); a failed batch writes none of its rows and answers 409. Table Storage has no
    /// transaction across batches or tables: if the process dies between two batches, part of the import is
    /// stored; importing the same file again completes it, because the import matches what is already there (by code
    /// or name, by e-mail) and leaves it unchanged. An index row written before its member is harmless, as in
    /// <see cref="SaveMemberAsync"/>.
    /// </summary>
    internal async Task ApplyImportAsync(IReadOnlyList<ImportWrite<School>> schools, IReadOnlyList<ImportWrite<Member>> members, CancellationToken ct)
    {
        foreach (var batch in schools.Chunk(BatchSize))
        {
            await Schools.SubmitTransactionAsync(batch.Select(w => Action(SchoolEntityOf(w.Value), w.ETag, TableTransactionActionType.UpdateReplace)), ct);
            foreach (var w in batch)
            {
                cache.Remove($"school|{w.Value.MunicipalityId}|{w.Value.Id}");
            }
        }

        await Parallel.ForEachAsync(
            members.Where(w => !string.IsNullOrEmpty(w.Value.Email)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (w, token) => await Identities.UpsertEntityAsync(Index(EmailKey(w.Value.Email!), w.Value), TableUpdateMode.Replace, token));

        // Merge keeps the identity a member linked at sign-in (the entity's null IdentityId is not sent).
        foreach (var batch in members.Chunk(BatchSize))
        {
            await Members.SubmitTransactionAsync(batch.Select(w => Action(MemberEntityOf(w.Value), w.ETag, TableTransactionActionType.UpdateMerge)), ct);
        }
    }

    private static TableTransactionAction Action(ITableEntity entity, ETag? etag, TableTransactionActionType update) =>
        etag is { } e ? new(update, entity, e) : new(TableTransactionActionType.Add, entity);

    private static SchoolEntity SchoolEntityOf(School s) => new()
    {
        PartitionKey = s.MunicipalityId,
        RowKey = s.Id,
        Name = s.Name,
        ShortName = s.ShortName,
        Kind = s.Kind.ToString(),
        LowResults = s.LowResults,
        Improving = s.Improving,
        Leader = s.Leader,
    };

    private static MemberEntity MemberEntityOf(Member m) => new()
    {
        PartitionKey = m.MunicipalityId,
        RowKey = m.PersonId,
        DisplayName = m.DisplayName,
        Email = m.Email,
        Role = m.Role.ToString(),
        SchoolIds = string.Join(',', m.SchoolIds),
        Active = m.Active,
    };
}
