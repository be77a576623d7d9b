using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.People;

internal sealed class MunicipalityEntity : ITableEntity
{
    public string PartitionKey { get; set; } = DirectoryStore.MunicipalityPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string? ProgrammeStart { get; set; }
}

internal sealed class SchoolEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public string Kind { get; set; } = nameof(SchoolKind.Secondary);
    public bool LowResults { get; set; }
    public bool Improving { get; set; }
    public bool Leader { get; set; }
}

internal sealed class MemberEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public string Role { get; set; } = "";

    /// <summary>Comma-separated school ids (a school admin's or teacher's school, a curator's assigned schools).</summary>
    public string SchoolIds { get; set; } = "";

    /// <summary>The identity provider's object id once the person has signed in (or the dev identity).</summary>
    public string? IdentityId { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>Index from a sign-in identity (object id or e-mail) to the member record.</summary>
internal sealed class IdentityEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string MunicipalityId { get; set; } = "";
    public string PersonId { get; set; } = "";
}

internal static class PeopleMapping
{
    public static Municipality ToRecord(this MunicipalityEntity e) =>
        new(e.RowKey, e.Name, e.TimeZone, string.IsNullOrEmpty(e.ProgrammeStart) ? Municipality.DefaultProgrammeStart : e.ProgrammeStart);

    public static School ToRecord(this SchoolEntity e) => new(
        e.PartitionKey, e.RowKey, e.Name, e.ShortName,
        Enum.TryParse<SchoolKind>(e.Kind, out var kind) ? kind : SchoolKind.Secondary,
        e.LowResults, e.Improving, e.Leader);

    public static Member ToRecord(this MemberEntity e) => new(
        e.PartitionKey, e.RowKey, e.DisplayName, e.Email,
        Enum.Parse<Role>(e.Role),
        e.SchoolIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        e.Active);
}
