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

    internal Task<RouteEntity?> GetAsync(string m, string s, string teacherId, string period, CancellationToken ct) =>
        GetAsync<RouteEntity>(Partition(m, s), CurrentKey(teacherId, period), ct);

    /// <summary>The current routes of a school (of one period when given): one partition, one prefix.</summary>
    internal Task<List<RouteEntity>> SchoolAsync(string m, string s, string? period, CancellationToken ct) =>
        QueryAsync(TableRanges.PrefixFilter(Partition(m, s), RouteEntity.CurrentPrefix), period, ct);

    /// <summary>The current routes of every school of the municipality: one PartitionKey-range query.</summary>
    internal Task<List<RouteEntity>> MunicipalityAsync(string m, string? period, CancellationToken ct) =>
        QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey ge {m + "|"} and PartitionKey lt {m + "}"} and RowKey ge {RouteEntity.CurrentPrefix} and RowKey lt {"r}"}"), period, ct);

    internal async Task<List<RouteEntity>> RevisionsAsync(string m, string s, string teacherId, string period, CancellationToken ct)
    {
        var list = await Routes.PrefixAsync<RouteEntity>(Partition(m, s), $"{RouteEntity.RevisionPrefix}{teacherId}|{period}|", ct);
        return [.. list.OrderByDescending(r => r.Revision)];
    }

    internal async Task<List<ConsultationEntity>> ConsultationsAsync(string m, string s, string teacherId, string period, CancellationToken ct)
    {
        var list = await Routes.PrefixAsync<ConsultationEntity>(Partition(m, s), $"{ConsultationEntity.Prefix}{teacherId}|{period}|", ct);
        return [.. list.OrderBy(c => c.Date, StringComparer.Ordinal).ThenBy(c => c.At)];
    }

    internal async Task AddConsultationAsync(ConsultationEntity consultation, CancellationToken ct) => await Routes.AddEntityAsync(consultation, ct);

    internal Task<RouteReminderEntity?> ReminderAsync(string m, string s, string rowKey, CancellationToken ct) =>
        GetAsync<RouteReminderEntity>(Partition(m, s), rowKey, ct);

    /// <summary>Claims a reminder insert-if-absent; false when another run claimed it.</summary>
    internal Task<bool> ClaimReminderAsync(RouteReminderEntity claim, CancellationToken ct) => Routes.TryAddAsync(claim, ct);

    internal async Task MarkReminderEnqueuedAsync(RouteReminderEntity claim, CancellationToken ct)
    {
        claim.Enqueued = true;
        await Routes.UpsertEntityAsync(claim, TableUpdateMode.Replace, ct);
    }

    /// <summary>Adds a route; false when one exists already.</summary>
    internal Task<bool> AddAsync(RouteEntity route, CancellationToken ct) => Routes.TryAddAsync(route, ct);

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

    /// <summary>The id of the route item that stands for a module of the methodical subscription.</summary>
    internal static string ModuleItemId(string moduleId) => $"{ModuleItemPrefix}{moduleId}";

    internal const string ModuleItemPrefix = "abon-";

    /// <summary>
    /// A teacher attended a module of the methodical subscription: the route's item for that module (the one linked to it
    /// in the editor, or id <see cref="ModuleItemId"/>) is marked done with <paramref name="evidence"/>. That is progress, not plan: an approved
    /// route stays approved, no revision. Without such an item, <paramref name="item"/> is added to a route that is not
    /// approved — its plan changes, so agreement marks are given again, as when the route is saved; an approved plan is not
    /// changed here (a new revision is the school's decision). Retried when someone saved the route meanwhile.
    /// </summary>
    internal async Task<ModuleMark> MarkModuleAttendedAsync(
        string m, string s, string teacherId, string period, string moduleId, Func<(DateOnly Start, DateOnly End), RouteItem> item, string evidence,
        string byId, string byName, DateTimeOffset now, CancellationToken ct)
    {
        var id = ModuleItemId(moduleId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await GetAsync(m, s, teacherId, period, ct) is not { } route)
            {
                return ModuleMark.NoRoute;
            }

            var items = route.ItemList.ToList();
            var index = items.FindIndex(i => RouteRules.LinkedModule(i) == moduleId);
            var next = route.Copy(route.RowKey);
            ModuleMark result;
            if (index >= 0)
            {
                var old = items[index];
                var note = string.IsNullOrEmpty(old.EvidenceNote) ? evidence
                    : old.EvidenceNote.Contains(evidence, StringComparison.Ordinal) ? old.EvidenceNote : $"{old.EvidenceNote}; {evidence}";
                note = note.Length > RouteRules.MaxNote ? note[..RouteRules.MaxNote] : note;
                if (old.Status == "done" && old.EvidenceNote == note)
                {
                    return ModuleMark.Marked;
                }

                items[index] = old with { Status = "done", EvidenceNote = note };
                result = ModuleMark.Marked;
            }
            else if (route.Approved)
            {
                return ModuleMark.ApprovedNotInPlan;
            }
            else if (items.Count >= RouteRules.MaxItems)
            {
                return ModuleMark.Full;
            }
            else
            {
                // The id names the module; if an item relinked to another module holds it, a plain one is taken.
                var free = items.Any(i => i.Id == id) ? FreeId(items) : id;
                items.Add(item(RouteRules.Bounds(period)) with { Id = free, Status = "done", EvidenceNote = evidence, ModuleId = moduleId });
                next.TeacherAgreedById = next.TeacherAgreedByName = next.TutorAgreedById = next.TutorAgreedByName = null;
                next.TeacherAgreedAt = next.TutorAgreedAt = null;
                result = ModuleMark.Added;
            }

            next.Items = StoredJson.Write(items);
            (next.UpdatedById, next.UpdatedByName, next.UpdatedAt) = (byId, byName, now);
            if (await ReplaceAsync(next, route.ETag, null, ct))
            {
                return result;
            }
        }

        return ModuleMark.Busy;
    }

    private static string FreeId(IReadOnlyList<RouteItem> items)
    {
        var n = items.Count + 1;
        while (items.Any(i => i.Id == $"i{n}"))
        {
            n++;
        }

        return $"i{n}";
    }

    private async Task<T?> GetAsync<T>(string partition, string rowKey, CancellationToken ct)
        where T : class, ITableEntity
    {
        var found = await Routes.GetEntityIfExistsAsync<T>(partition, rowKey, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    private async Task<List<RouteEntity>> QueryAsync(string filter, string? period, CancellationToken ct)
    {
        var list = new List<RouteEntity>();
        await foreach (var e in Routes.QueryAsync<RouteEntity>(filter, cancellationToken: ct))
        {
            if (period is null || e.Period == period)
            {
                list.Add(e);
            }
        }

        return list;
    }
}

/// <summary>What attending a subscription module did to a teacher's route.</summary>
internal enum ModuleMark
{
    /// <summary>The teacher has no route for the school year.</summary>
    NoRoute,

    /// <summary>The route's item for the module is marked done.</summary>
    Marked,

    /// <summary>A done item for the module was added to a route that is not approved.</summary>
    Added,

    /// <summary>The route is approved and has no item for the module: its plan is left as approved.</summary>
    ApprovedNotInPlan,

    /// <summary>The route has the most items a route may have.</summary>
    Full,

    /// <summary>The route kept changing under us; nothing written.</summary>
    Busy,
}
