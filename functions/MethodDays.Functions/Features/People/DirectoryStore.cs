using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace MethodDays.Features.People;

/// <summary>
/// Municipalities, schools and members. Keys: municipalities in one small partition; schools and members
/// partitioned by municipality (a municipality's lists are one partition scan); identities by sign-in key.
/// </summary>
public sealed partial class DirectoryStore(TableServiceClient tables, StorageNames names, IMemoryCache cache)
{
    // Municipalities and schools change rarely and are read on every request: keep them a minute.
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public const string MunicipalitiesTable = "municipalities";
    public const string SchoolsTable = "schools";
    public const string MembersTable = "members";
    public const string IdentitiesTable = "identities";
    internal const string MunicipalityPartition = "municipality";

    private TableClient Municipalities => tables.Table(names, MunicipalitiesTable);
    private TableClient Schools => tables.Table(names, SchoolsTable);
    private TableClient Members => tables.Table(names, MembersTable);
    private TableClient Identities => tables.Table(names, IdentitiesTable);

    public async Task<Municipality?> GetMunicipalityAsync(string id, CancellationToken ct)
    {
        var key = "mun|" + id;
        if (cache.TryGetValue(key, out Municipality? cached))
        {
            return cached;
        }

        var r = await Municipalities.GetEntityIfExistsAsync<MunicipalityEntity>(MunicipalityPartition, id, cancellationToken: ct);
        var found = r.HasValue ? r.Value!.ToRecord() : null;
        if (found is not null)
        {
            cache.Set(key, found, CacheFor);
        }

        return found;
    }

    public async Task<IReadOnlyList<Municipality>> ListMunicipalitiesAsync(CancellationToken ct)
    {
        var list = new List<Municipality>();
        await foreach (var e in Municipalities.QueryAsync<MunicipalityEntity>(x => x.PartitionKey == MunicipalityPartition, cancellationToken: ct))
        {
            list.Add(e.ToRecord());
        }

        return list;
    }

    public async Task UpsertMunicipalityAsync(Municipality m, CancellationToken ct)
    {
        await Municipalities.UpsertEntityAsync(new MunicipalityEntity { RowKey = m.Id, Name = m.Name, TimeZone = m.TimeZone, ProgrammeStart = m.ProgrammeStart }, TableUpdateMode.Replace, ct);
        cache.Remove("mun|" + m.Id);
    }

    public async Task<IReadOnlyList<School>> ListSchoolsAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<School>();
        await foreach (var e in Schools.QueryAsync<SchoolEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(e.ToRecord());
        }

        return [.. list.OrderBy(s => s.ShortName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), false))];
    }

    public async Task<School?> GetSchoolAsync(string municipalityId, string schoolId, CancellationToken ct)
    {
        var key = $"school|{municipalityId}|{schoolId}";
        if (cache.TryGetValue(key, out School? cached))
        {
            return cached;
        }

        var r = await Schools.GetEntityIfExistsAsync<SchoolEntity>(municipalityId, schoolId, cancellationToken: ct);
        var found = r.HasValue ? r.Value!.ToRecord() : null;
        if (found is not null)
        {
            cache.Set(key, found, CacheFor);
        }

        return found;
    }

    public async Task UpsertSchoolAsync(School s, CancellationToken ct)
    {
        await Schools.UpsertEntityAsync(
            new SchoolEntity
            {
                PartitionKey = s.MunicipalityId,
                RowKey = s.Id,
                Name = s.Name,
                ShortName = s.ShortName,
                Kind = s.Kind.ToString(),
                LowResults = s.LowResults,
                Improving = s.Improving,
                Leader = s.Leader,
            },
            TableUpdateMode.Replace,
            ct);
        cache.Remove($"school|{s.MunicipalityId}|{s.Id}");
    }

    public async Task<IReadOnlyList<Member>> ListMembersAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<Member>();
        await foreach (var e in Members.QueryAsync<MemberEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(e.ToRecord());
        }

        return list;
    }

    public async Task<Member?> GetMemberAsync(string municipalityId, string personId, CancellationToken ct)
    {
        var r = await Members.GetEntityIfExistsAsync<MemberEntity>(municipalityId, personId, cancellationToken: ct);
        return r.HasValue ? r.Value!.ToRecord() : null;
    }

    /// <summary>
    /// Saves a member and indexes the e-mail (and identity id, when known) for sign-in. The index row is written
    /// first: if the member write then fails, an index row pointing at nothing is harmless and overwritten on retry.
    /// </summary>
    public async Task SaveMemberAsync(Member m, string? identityId, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(m.Email))
        {
            await Identities.UpsertEntityAsync(Index(EmailKey(m.Email), m), TableUpdateMode.Replace, ct);
        }

        if (!string.IsNullOrEmpty(identityId))
        {
            await Identities.UpsertEntityAsync(Index(ObjectIdKey(identityId), m), TableUpdateMode.Replace, ct);
        }

        var entity = new MemberEntity
        {
            PartitionKey = m.MunicipalityId,
            RowKey = m.PersonId,
            DisplayName = m.DisplayName,
            Email = m.Email,
            Role = m.Role.ToString(),
            SchoolIds = string.Join(',', m.SchoolIds),
            IdentityId = identityId,
            Active = m.Active,
        };
        if (identityId is null)
        {
            // Keep an identity already linked at sign-in.
            await Members.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
        }
        else
        {
            await Members.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        }

        MemberCache.MemberSaved(cache);
    }

    /// <summary>Finds the member for a signed-in identity: by object id, else by e-mail (first sign-in), then links the object id.</summary>
    public async Task<Member?> FindByIdentityAsync(string? objectId, string? email, CancellationToken ct)
    {
        IdentityEntity? index = null;
        if (!string.IsNullOrEmpty(objectId))
        {
            var r = await Identities.GetEntityIfExistsAsync<IdentityEntity>(ObjectIdKey(objectId), "", cancellationToken: ct);
            index = r.HasValue ? r.Value : null;
        }

        var linkNeeded = false;
        if (index is null && !string.IsNullOrEmpty(email))
        {
            var r = await Identities.GetEntityIfExistsAsync<IdentityEntity>(EmailKey(email), "", cancellationToken: ct);
            index = r.HasValue ? r.Value : null;
            linkNeeded = index is not null && !string.IsNullOrEmpty(objectId);
        }

        if (index is null)
        {
            return null;
        }

        var member = await Members.GetEntityIfExistsAsync<MemberEntity>(index.MunicipalityId, index.PersonId, cancellationToken: ct);
        if (!member.HasValue)
        {
            return null;
        }

        if (linkNeeded)
        {
            var entity = member.Value!;
            entity.IdentityId = objectId;
            await Identities.UpsertEntityAsync(new IdentityEntity { PartitionKey = ObjectIdKey(objectId!), RowKey = "", MunicipalityId = entity.PartitionKey, PersonId = entity.RowKey }, TableUpdateMode.Replace, ct);
            await Members.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, ct);
        }

        return member.Value!.ToRecord();
    }

    private static IdentityEntity Index(string key, Member m) => new() { PartitionKey = key, RowKey = "", MunicipalityId = m.MunicipalityId, PersonId = m.PersonId };

    private static string ObjectIdKey(string objectId) => "oid|" + objectId.ToLowerInvariant();

    private static string EmailKey(string email) => "email|" + email.Trim().ToLowerInvariant();
}
