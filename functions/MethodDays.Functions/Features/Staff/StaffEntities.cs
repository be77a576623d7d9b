using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Staff;

/// <summary>A teacher of a school (table <c>staff</c>, PartitionKey <c>{municipality}|{school}</c>, RowKey the teacher id).</summary>
internal sealed class TeacherEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MunicipalityId { get; set; } = "";
    public string SchoolId { get; set; } = "";
    public string FullName { get; set; } = "";

    /// <summary>The name as compared: lower case, «ё» as «е», single spaces. Two teachers of a school never share it.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>The subjects, a JSON array (<see cref="StoredJson"/>).</summary>
    public string Subjects { get; set; } = "[]";

    public string Category { get; set; } = "";
    public string Position { get; set; } = "";
    public string? Email { get; set; }
    public string? PersonId { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset? ArchivedAt { get; set; }

    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The ETag the last update was made against: with the content it recognises a retried update.</summary>
    public string WrittenFromEtag { get; set; } = "";

    [IgnoreDataMember]
    public string TeacherId => RowKey;

    [IgnoreDataMember]
    public IReadOnlyList<string> SubjectList => StoredJson.Read<List<string>>(Subjects) ?? [];

    /// <summary>The editable content, to tell a change from a repeat.</summary>
    [IgnoreDataMember]
    public string Content => string.Join('\u001f', FullName, Subjects, Category, Position, Email ?? "", PersonId ?? "", Active ? "1" : "0");
}

/// <summary>The checked, normalised fields of a teacher, from the API or a row of an imported file.</summary>
internal sealed record TeacherFields(string FullName, IReadOnlyList<string> Subjects, string Category, string Position, string? Email, string? PersonId, bool? Active)
{
    public string NameKey => StaffRules.NameKey(FullName);

    /// <summary>Writes the fields onto an entity; the archive state stays as it is when <c>Active</c> is not given.</summary>
    public void ApplyTo(TeacherEntity e, string byId, string byName, DateTimeOffset now)
    {
        e.FullName = FullName;
        e.NameKey = NameKey;
        e.Subjects = StoredJson.Write(Subjects);
        e.Category = Category;
        e.Position = Position;
        e.Email = Email;
        e.PersonId = PersonId;
        if (Active is { } active && active != e.Active)
        {
            e.Active = active;
            e.ArchivedAt = active ? null : now;
        }

        e.UpdatedById = byId;
        e.UpdatedByName = byName;
        e.UpdatedAt = now;
    }
}

internal static class TeacherViews
{
    public static TeacherView ToView(TeacherEntity e, bool details) => details
        ? new(e.TeacherId, e.FullName, e.SubjectList, e.Category, Categories.ByCode(e.Category)?.Label ?? e.Category, e.Position, e.Email, e.PersonId,
            e.Active, e.UpdatedAt, e.UpdatedByName, e.ETag.ToString())
        : new(e.TeacherId, e.FullName, e.SubjectList, null, null, null, null, null, null, null, null, null);
}
