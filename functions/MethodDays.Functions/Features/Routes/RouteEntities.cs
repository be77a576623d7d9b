using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Routes;

/// <summary>
/// A teacher's route for a school year (table <c>routes</c>, PartitionKey <c>{municipality}|{school}</c>). The current
/// revision is RowKey <c>r|{teacher}|{period}</c> (period as <c>2026-27</c>); an approved revision replaced by a changed
/// plan stays as <c>v|{teacher}|{period}|{revision:D4}</c>, written in the same transaction; consultations are
/// <c>c|{teacher}|{period}|{ticks}</c>, so logging one never conflicts with editing the plan.
/// </summary>
internal sealed class RouteEntity : ITableEntity
{
    public const string CurrentPrefix = "r|";
    public const string RevisionPrefix = "v|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MunicipalityId { get; set; } = "";
    public string SchoolId { get; set; } = "";
    public string TeacherId { get; set; } = "";

    /// <summary><c>2026-27</c>.</summary>
    public string Period { get; set; } = "";

    public int Revision { get; set; } = 1;
    public string? EntryRoundId { get; set; }
    public string TutorName { get; set; } = "";
    public string? TutorMemberId { get; set; }

    /// <summary>The items, a JSON array of <see cref="RouteItem"/>.</summary>
    public string Items { get; set; } = "[]";

    public string? TeacherAgreedById { get; set; }
    public string? TeacherAgreedByName { get; set; }
    public DateTimeOffset? TeacherAgreedAt { get; set; }
    public string? TutorAgreedById { get; set; }
    public string? TutorAgreedByName { get; set; }
    public DateTimeOffset? TutorAgreedAt { get; set; }

    public string? ApprovedById { get; set; }
    public string? ApprovedByName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? OrderDate { get; set; }
    public string? OrderNumber { get; set; }

    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<RouteItem> ItemList => StoredJson.Read<List<RouteItem>>(Items) ?? [];

    [IgnoreDataMember]
    public bool Approved => ApprovedAt is not null;

    /// <summary>The plan as agreed and approved: tutor and items without their progress (status, evidence).</summary>
    [IgnoreDataMember]
    public string Plan => StoredJson.Write(new { TutorName, TutorMemberId, Items = ItemList.Select(i => i with { Status = "", PracticeId = null, EvidenceNote = null, Certificate = null, ModuleId = RouteRules.LinkedModule(i) }) });

    public RouteEntity Copy(string rowKey)
    {
        var copy = (RouteEntity)MemberwiseClone();
        copy.RowKey = rowKey;
        copy.ETag = default;
        copy.Timestamp = null;
        return copy;
    }
}

/// <summary>
/// One item of a route: what competence it targets, what, in what form, how many hours, when, who leads it, its state and
/// evidence; <see cref="ModuleId"/> the subscription module it stands for (an item added by attendance has id <c>abon-{module}</c>).
/// </summary>
public sealed record RouteItem(
    string Id,
    string Competence,
    string Content,
    string Form,
    decimal Hours,
    string StartDate,
    string EndDate,
    string? ResponsibleName,
    string? ResponsibleMemberId,
    string Status,
    string? PracticeId,
    string? EvidenceNote,
    RouteCertificate? Certificate = null,
    string? ModuleId = null);

/// <summary>
/// A certificate uploaded for an item (удостоверение, сертификат): the bytes are in container <c>route-certificates</c>
/// under <see cref="Blob"/>; progress, not plan: it never makes a new revision.
/// </summary>
public sealed record RouteCertificate(string Blob, string FileName, string ContentType, long Bytes, string ById, string ByName, DateTimeOffset At);

/// <summary>
/// An overdue item's reminder, claimed before it is queued (RowKey <c>n|{teacher}|{period}|{item}|{endDate}</c>): the
/// claim makes it once per item and end date; one not marked queued is queued again by a later run.
/// </summary>
internal sealed class RouteReminderEntity : ITableEntity
{
    public const string Prefix = "n|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public bool Enqueued { get; set; }
}

/// <summary>A tutor's consultation on a route (RowKey <c>c|{teacher}|{period}|{ticks}</c>).</summary>
internal sealed class ConsultationEntity : ITableEntity
{
    public const string Prefix = "c|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TeacherId { get; set; } = "";
    public string Period { get; set; } = "";

    /// <summary>yyyy-MM-dd.</summary>
    public string Date { get; set; } = "";

    public string Note { get; set; } = "";
    public string ById { get; set; } = "";
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
