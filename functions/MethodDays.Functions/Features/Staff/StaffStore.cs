using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Staff;

/// <summary>The outcome of a staff write.</summary>
internal enum StaffWrite
{
    Saved,

    /// <summary>The teacher changed since the given ETag (or, for an add, the id is taken).</summary>
    Conflict,

    /// <summary>Another teacher of the school has that name now (given to them meanwhile).</summary>
    NameTaken,

    /// <summary>The school's roster would not fit in one row (thousands of teachers).</summary>
    Full,
}

/// <summary>
/// The staff lists, table <c>staff</c>, PartitionKey <c>{municipality}|{school}</c>, RowKey the teacher id.
/// Chosen over <c>{municipality}</c> + <c>{school}|{teacher}</c> because the hot paths are per school: the school's
/// list is one partition scan, and an import's transactions (≤ 100 entities of one partition) never share a partition
/// with another school's import. The municipality's category summary is still one query: a PartitionKey range
/// (<c>{municipality}|</c> to <c>{municipality}}</c>) reading three properties of a few thousand rows, a rare read.
/// Each partition also holds the school's roster (<see cref="StaffRoster"/>, RowKey <c>~roster</c>): names to ids,
/// kept in the same transaction as every add and rename; the queries here skip it.
/// </summary>
public sealed class StaffStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "staff";

    /// <summary>Table Storage's limit on a transaction (entities of one partition).</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// How many times a write refused only because the roster moved on is tried on the roster as it now is. Each
    /// refusal means another change of the school's list went through, so ten covers ten people saving at once.
    /// </summary>
    private const int RosterAttempts = 10;

    private TableClient Staff => tables.Table(names, Table);

    internal static string PartitionFor(string municipalityId, string schoolId) => $"{municipalityId}|{schoolId}";

    internal async Task<IReadOnlyList<TeacherEntity>> ListAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var list = new List<TeacherEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionFor(municipalityId, schoolId)}");
        await foreach (var e in Staff.QueryAsync<TeacherEntity>(filter, cancellationToken: ct))
        {
            if (e.RowKey != StaffRoster.Key)
            {
                list.Add(e);
            }
        }

        return list;
    }

    /// <summary>
    /// The school's teachers as an import matches them, archived ones included: the id and the compared name. One
    /// point read of the school's roster. A school whose staff was written before the roster existed has none: its
    /// rows are queried (two properties each) and the roster is added from them, so the next import reads it.
    /// </summary>
    internal async Task<IReadOnlyList<(string TeacherId, string NameKey)>> NamesAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var partition = PartitionFor(municipalityId, schoolId);
        var found = await Staff.GetEntityIfExistsAsync<TableEntity>(partition, StaffRoster.Key, cancellationToken: ct);
        if (found.HasValue)
        {
            return [.. StaffRoster.Read(found.Value!).Entries];
        }

        var roster = StaffRoster.Build(await NamesQueryAsync(partition, ct));
        if (roster.Count > 0 && roster.ToEntity(partition) is { } row)
        {
            // Safe from a stale read: any staff change that commits before this add adds the roster itself (no row was
            // there), so this add then fails, and any that commits after it works on this roster under its ETag.
            // False when written meanwhile by a staff change or another import: that one is at least as new.
            await Staff.TryAddAsync(row, ct);
        }

        return [.. roster.Entries];
    }

    /// <summary>
    /// The school's names read from the staff rows themselves, for a name the roster does not know: a teacher added or
    /// renamed by an instance of the previous release during a deployment (it did not keep the roster). When the rows
    /// say otherwise than the roster, the roster is put right from them, under the ETag it was read with (read before
    /// the rows: a staff change that commits meanwhile moves the roster on, and this repair then gives way to it).
    /// </summary>
    internal async Task<IReadOnlyList<(string TeacherId, string NameKey)>> NamesFromRowsAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var partition = PartitionFor(municipalityId, schoolId);
        var found = await Staff.GetEntityIfExistsAsync<TableEntity>(partition, StaffRoster.Key, cancellationToken: ct);
        var rows = StaffRoster.Build(await NamesQueryAsync(partition, ct));
        if (rows.ToEntity(partition) is { } row)
        {
            if (!found.HasValue)
            {
                await Staff.TryAddAsync(row, ct);
            }
            else if (!StaffRoster.Read(found.Value!).Entries.ToHashSet().SetEquals(rows.Entries))
            {
                await Staff.TryReplaceAsync(row, found.Value!.ETag, ct);
            }
        }

        return [.. rows.Entries];
    }

    private async Task<List<(string TeacherId, string NameKey)>> NamesQueryAsync(string partition, CancellationToken ct)
    {
        var list = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var e in Staff.QueryAsync<TableEntity>(filter, select: ["RowKey", "NameKey"], cancellationToken: ct))
        {
            if (e.RowKey != StaffRoster.Key)
            {
                list.Add((e.RowKey, e.GetString("NameKey") ?? ""));
            }
        }

        return list;
    }

    /// <summary>The roster as a write starts from: the stored row, or one built from the rows when there is none yet.</summary>
    private async Task<StaffRoster> RosterForWriteAsync(string partition, CancellationToken ct)
    {
        var found = await Staff.GetEntityIfExistsAsync<TableEntity>(partition, StaffRoster.Key, cancellationToken: ct);
        return found.HasValue ? StaffRoster.Read(found.Value!) : StaffRoster.Build(await NamesQueryAsync(partition, ct));
    }

    internal async Task<TeacherEntity?> GetAsync(string municipalityId, string schoolId, string teacherId, CancellationToken ct)
    {
        var found = await Staff.GetEntityIfExistsAsync<TeacherEntity>(PartitionFor(municipalityId, schoolId), teacherId, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Adds a teacher and their name to the roster in one transaction. <see cref="StaffWrite.Conflict"/> when the id
    /// is taken (a repeated create or a namesake), <see cref="StaffWrite.NameTaken"/> when another teacher has the name.
    /// </summary>
    internal Task<StaffWrite> AddAsync(TeacherEntity teacher, CancellationToken ct) =>
        WriteAsync(teacher.PartitionKey, [(teacher, true)], ct);

    /// <summary>
    /// Replaces a teacher if nobody changed it since <paramref name="ifMatch"/>. A new name goes into the roster in the
    /// same transaction; other changes are a single write, as the roster stays as it is.
    /// </summary>
    internal async Task<StaffWrite> UpdateAsync(TeacherEntity teacher, ETag ifMatch, CancellationToken ct)
    {
        teacher.ETag = ifMatch;
        return await WriteAsync(teacher.PartitionKey, [(teacher, false)], ct);
    }

    /// <summary>
    /// Writes an import's changes (adds and ETag-guarded replaces, all of one school) in transactions of at most
    /// <see cref="BatchSize"/> entities, the roster among them. Up to 99 changed teachers are one transaction: all or
    /// nothing. A larger change is several; if one fails (someone edited the list meanwhile), the earlier ones stay
    /// (with the roster as they left it) and the same file imported again completes the rest, as an import of
    /// unchanged rows changes nothing.
    /// </summary>
    internal async Task<StaffWrite> WriteBatchesAsync(IReadOnlyList<(TeacherEntity Entity, bool IsNew)> changes, CancellationToken ct)
    {
        foreach (var partition in changes.GroupBy(c => c.Entity.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(BatchSize - 1))
            {
                if (await WriteAsync(partition.Key, chunk, ct) is not StaffWrite.Saved and var outcome)
                {
                    return outcome;
                }
            }
        }

        return StaffWrite.Saved;
    }

    /// <summary>
    /// One transaction: the teachers (adds, and replaces under each entity's ETag) and, when a name is new, the roster
    /// under its ETag (or added, when the school has none yet). Refused only because the roster moved on (another
    /// teacher added or renamed meanwhile), it is tried again on the roster as it now is; refused for a teacher, it is
    /// a conflict. Teachers' ETags are updated on success.
    /// </summary>
    private async Task<StaffWrite> WriteAsync(string partition, IReadOnlyList<(TeacherEntity Entity, bool IsNew)> changes, CancellationToken ct)
    {
        var roster = await RosterForWriteAsync(partition, ct);
        for (var attempt = 1; ; attempt++)
        {
            var next = roster.With(changes.Select(c => (c.Entity.TeacherId, c.Entity.NameKey)), out var renamed);
            if (next is null)
            {
                return StaffWrite.NameTaken;
            }

            var actions = changes.Select(c => c.IsNew
                ? new TableTransactionAction(TableTransactionActionType.Add, c.Entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, c.Entity, c.Entity.ETag)).ToList();
            if (renamed)
            {
                if (next.ToEntity(partition) is not { } row)
                {
                    return StaffWrite.Full;
                }

                actions.Add(next.Stored
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, next.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, row));
            }

            try
            {
                var response = await Staff.SubmitTransactionAsync(actions, ct);
                for (var i = 0; i < changes.Count; i++)
                {
                    changes[i].Entity.ETag = response.Value[i].Headers.ETag ?? default;
                }

                return StaffWrite.Saved;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                if (!renamed || attempt == RosterAttempts)
                {
                    return StaffWrite.Conflict;
                }

                var fresh = await RosterForWriteAsync(partition, ct);
                if (fresh.Stored == roster.Stored && fresh.ETag == roster.ETag)
                {
                    return StaffWrite.Conflict; // the roster is as it was: a teacher was the cause
                }

                roster = fresh;
            }
        }
    }

    /// <summary>Category and state of every teacher of the municipality: one PartitionKey-range query.</summary>
    internal async Task<IReadOnlyList<TeacherEntity>> MunicipalityCategoriesAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {municipalityId + "|"} and PartitionKey lt {municipalityId + "}"}");
        var list = new List<TeacherEntity>();
        await foreach (var e in Staff.QueryAsync<TeacherEntity>(filter, select: ["PartitionKey", "RowKey", "SchoolId", "Category", "Active"], cancellationToken: ct))
        {
            if (e.RowKey != StaffRoster.Key)
            {
                list.Add(e);
            }
        }

        return list;
    }

    /// <summary>The subjects of every active teacher of the municipality by <c>{school}|{teacher}</c>: one PartitionKey-range query.</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> MunicipalitySubjectsAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {municipalityId + "|"} and PartitionKey lt {municipalityId + "}"}");
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await foreach (var e in Staff.QueryAsync<TeacherEntity>(filter, select: ["PartitionKey", "RowKey", "SchoolId", "Subjects", "Active"], cancellationToken: ct))
        {
            if (e.Active && e.RowKey != StaffRoster.Key)
            {
                map[$"{e.SchoolId}|{e.TeacherId}"] = e.SubjectList;
            }
        }

        return map;
    }
}
