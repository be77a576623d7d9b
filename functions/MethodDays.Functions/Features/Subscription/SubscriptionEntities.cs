using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Subscription;

/// <summary>
/// A school's written application to join the subscription for a school year (table <c>subscription</c>, PartitionKey
/// the municipality, RowKey <c>a|{year}|{school}</c>): one per school and year, so a second one is refused by the table itself.
/// </summary>
internal sealed class ApplicationEntity : ITableEntity
{
    public const string Prefix = "a|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SchoolId { get; set; } = "";

    /// <summary><c>2026-2027</c>.</summary>
    public string Year { get; set; } = "";

    /// <summary>The grounds, comma-separated codes of <see cref="SubscriptionRules.Criteria"/>.</summary>
    public string Criteria { get; set; } = "";

    public string Justification { get; set; } = "";
    public string Status { get; set; } = SubscriptionRules.Pending;
    public string? Comment { get; set; }
    public string CreatedById { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    [IgnoreDataMember]
    public string ApplicationId => $"{Year}.{SchoolId}";

    [IgnoreDataMember]
    public IReadOnlyList<string> CriteriaList => Criteria.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A need stated by a teacher (тьюторант) or by the school: RowKey <c>q|{year}|{id}</c>.</summary>
internal sealed class NeedEntity : ITableEntity
{
    public const string Prefix = "q|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NeedId { get; set; } = "";
    public string Year { get; set; } = "";
    public string SchoolId { get; set; } = "";

    /// <summary>The teacher of the school's staff list; null for a request of the whole school.</summary>
    public string? TeacherId { get; set; }

    public string? TeacherName { get; set; }
    public string Topic { get; set; } = "";

    /// <summary>The topic as grouped: lower case, «ё» as «е», single spaces, no final punctuation.</summary>
    public string TopicKey { get; set; } = "";

    public string Competence { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Form { get; set; } = "";
    public string CreatedById { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A module of the subscription: RowKey <c>m|{id}</c>; edits go under the ETag.</summary>
internal sealed class ModuleEntity : ITableEntity
{
    public const string Prefix = "m|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ModuleId { get; set; } = "";
    public string Year { get; set; } = "";
    public string Form { get; set; } = "";
    public string Topic { get; set; } = "";
    public string Competence { get; set; } = "";
    public string LeadKind { get; set; } = "";
    public string LeadName { get; set; } = "";
    public string? LeadMemberId { get; set; }
    public double Hours { get; set; }
    public string StartDate { get; set; } = "";
    public string EndDate { get; set; } = "";
    public string Place { get; set; } = "";

    /// <summary>JSON array of school ids: the schools whose complex route the module is part of.</summary>
    public string Schools { get; set; } = "[]";

    /// <summary>JSON array of the ids of the requests the module answers.</summary>
    public string Needs { get; set; } = "[]";

    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> SchoolList => StoredJson.Read<List<string>>(Schools) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<string> NeedList => StoredJson.Read<List<string>>(Needs) ?? [];
}

/// <summary>One held session of a module with who came: RowKey <c>s|{module}|{session}</c>.</summary>
internal sealed class SessionEntity : ITableEntity
{
    public const string Prefix = "s|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ModuleId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string Date { get; set; } = "";

    /// <summary>JSON array of <see cref="Attendee"/>.</summary>
    public string Attendees { get; set; } = "[]";

    public string Feedback { get; set; } = "";
    public string RecordedById { get; set; } = "";
    public string RecordedByName { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<Attendee> AttendeeList => StoredJson.Read<List<Attendee>>(Attendees) ?? [];
}

/// <summary>A teacher who came to a session, with what happened to their route.</summary>
internal sealed record Attendee(string SchoolId, string TeacherId, string TeacherName, string RouteOutcome);

/// <summary>A school's agreement of its complex route: RowKey <c>r|{year}|{school}</c>, the modules it agreed.</summary>
internal sealed class RouteAgreementEntity : ITableEntity
{
    public const string Prefix = "r|";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SchoolId { get; set; } = "";
    public string Year { get; set; } = "";
    public string Modules { get; set; } = "[]";
    public string AgreedByName { get; set; } = "";
    public DateTimeOffset AgreedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> ModuleList => StoredJson.Read<List<string>>(Modules) ?? [];
}
