using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Staff;

/// <summary>The outcome of a write that carries an ETag.</summary>
internal enum StaffWrite
{
    Saved,
    Conflict,
}

/// <summary>
/// The staff lists, table <c>staff</c>, PartitionKey <c>{municipality}|{school}</c>, RowKey the teacher id.
/// Chosen over <c>{municipality}</c> + <c>{school}|{teacher}</c> because the hot paths are per school: the school's
/// list is one partition scan, and an import's transactions (≤ 100 entities of one partition) never share a partition
/// with another school's import. The municipality's category summary is still one query: a PartitionKey range
/// (<c>{municipality}|</c> to <c>{municipality}}</c>) reading three properties of a few thousand rows, a rare read.
/// </summary>
public sealed class StaffStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "staff";

    /// <summary>Table Storage's limit on a transaction (entities of one partition).</summary>
    public const int BatchSize = 100;

    private TableClient Staff => tables.Table(names, Table);

    internal static string PartitionFor(string municipalityId, string schoolId) => $"{municipalityId}|{schoolId}";

    internal async Task<IReadOnlyList<TeacherEntity>> ListAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var list = new List<TeacherEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionFor(municipalityId, schoolId)}");
        await foreach (var e in Staff.QueryAsync<TeacherEntity>(filter, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>
    /// The school's teachers as an import matches them: the id and the compared name only (two properties of each
    /// row, not the whole record).
    /// </summary>
    internal async Task<IReadOnlyList<(string TeacherId, string NameKey)>> NamesAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var list = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionFor(municipalityId, schoolId)}");
        await foreach (var e in Staff.QueryAsync<TableEntity>(filter, select: ["RowKey", "NameKey"], cancellationToken: ct))
        {
            list.Add((e.RowKey, e.GetString("NameKey") ?? ""));
        }

        return list;
    }

    internal async Task<TeacherEntity?> GetAsync(string municipalityId, string schoolId, string teacherId, CancellationToken ct)
    {
        var found = await Staff.GetEntityIfExistsAsync<TeacherEntity>(PartitionFor(municipalityId, schoolId), teacherId, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Adds a teacher; false when the id is taken (a repeated create or a namesake).</summary>
    internal async Task<bool> AddAsync(TeacherEntity teacher, CancellationToken ct)
    {
        try
        {
            var response = await Staff.AddEntityAsync(teacher, ct);
            teacher.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces a teacher if nobody changed it since <paramref name="ifMatch"/>.</summary>
    internal async Task<StaffWrite> UpdateAsync(TeacherEntity teacher, ETag ifMatch, CancellationToken ct)
    {
        try
        {
            var response = await Staff.UpdateEntityAsync(teacher, ifMatch, TableUpdateMode.Replace, ct);
            teacher.ETag = response.Headers.ETag ?? default;
            return StaffWrite.Saved;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return StaffWrite.Conflict;
        }
    }

    /// <summary>
    /// Writes an import's changes (adds and ETag-guarded replaces, all of one school) in transactions of at most
    /// <see cref="BatchSize"/>. Up to 100 changed teachers are one transaction: all or nothing. A larger change is
    /// several; if one fails (someone edited the list meanwhile), the earlier ones stay and the same file imported
    /// again completes the rest, as an import of unchanged rows changes nothing. Returns false on such a conflict.
    /// </summary>
    internal async Task<bool> WriteBatchesAsync(IReadOnlyList<(TeacherEntity Entity, bool IsNew)> changes, CancellationToken ct)
    {
        foreach (var chunk in changes.Chunk(BatchSize))
        {
            var actions = chunk.Select(c => c.IsNew
                ? new TableTransactionAction(TableTransactionActionType.Add, c.Entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, c.Entity, c.Entity.ETag)).ToList();
            try
            {
                await Staff.SubmitTransactionAsync(actions, ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Category and state of every teacher of the municipality: one PartitionKey-range query.</summary>
    internal async Task<IReadOnlyList<TeacherEntity>> MunicipalityCategoriesAsync(string municipalityId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {municipalityId + "|"} and PartitionKey lt {municipalityId + "}"}");
        var list = new List<TeacherEntity>();
        await foreach (var e in Staff.QueryAsync<TeacherEntity>(filter, select: ["PartitionKey", "RowKey", "SchoolId", "Category", "Active"], cancellationToken: ct))
        {
            list.Add(e);
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
            if (e.Active)
            {
                map[$"{e.SchoolId}|{e.TeacherId}"] = e.SubjectList;
            }
        }

        return map;
    }
}
