using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Visits;

/// <summary>
/// A school's results for a school year (table <c>schoolresults</c>, PartitionKey the municipality, RowKey
/// <c>y|{year}|{school}</c>): a year of every school is one RowKey range.
/// </summary>
internal sealed class ResultsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SchoolId { get; set; } = "";
    public string Year { get; set; } = "";
    public double? QualityPercent { get; set; }
    public double? AttainmentPercent { get; set; }
    public int? OlympiadSchoolParticipants { get; set; }
    public int? OlympiadSchoolWinners { get; set; }
    public int? OlympiadHigherParticipants { get; set; }
    public int? OlympiadHigherWinners { get; set; }
    public int? InnovationTeachers { get; set; }

    /// <summary>The exam lines, a JSON array of <see cref="ExamResult"/>.</summary>
    public string Exams { get; set; } = "[]";

    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<ExamResult> ExamList => StoredJson.Read<List<ExamResult>>(Exams) ?? [];

    [IgnoreDataMember]
    public string Content => string.Join('\u001f', QualityPercent, AttainmentPercent, OlympiadSchoolParticipants, OlympiadSchoolWinners,
        OlympiadHigherParticipants, OlympiadHigherWinners, InnovationTeachers, Exams);
}

/// <summary>The years a school was on the ШНОР list (table <c>schoolresults</c>, RowKey <c>shnor|{school}</c>).</summary>
internal sealed class ShnorEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SchoolId { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
}

/// <summary>
/// A visit (table <c>visits</c>, PartitionKey the municipality, RowKey <c>v|{id}</c>). The observation protocols, the
/// document review and the report that come next hang off the visit's id.
/// </summary>
internal sealed class VisitEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SchoolId { get; set; } = "";
    public string Date { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string? RequestId { get; set; }
    public string Status { get; set; } = VisitRules.Planned;

    /// <summary>JSON arrays: direction codes, <see cref="TeamMember"/>s, <see cref="Lesson"/>s.</summary>
    public string Directions { get; set; } = "[]";
    public string Team { get; set; } = "[]";
    public string Lessons { get; set; } = "[]";

    /// <summary>The team's person ids between commas («,a,b,»), to find a person's visits.</summary>
    public string TeamIds { get; set; } = ",";

    /// <summary>A repeat visit: the id of the visit it follows (seed 000, «повторное посещение»).</summary>
    public string? RepeatOf { get; set; }

    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The ETag the last update was made against: with the content it recognises a retried update.</summary>
    public string WrittenFromEtag { get; set; } = "";

    [IgnoreDataMember]
    public string VisitId => RowKey[2..];

    [IgnoreDataMember]
    public IReadOnlyList<string> DirectionList => StoredJson.Read<List<string>>(Directions) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<TeamMember> TeamList => StoredJson.Read<List<TeamMember>>(Team) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<Lesson> LessonList => LessonIds.Complete(StoredJson.Read<List<Lesson>>(Lessons) ?? []);

    [IgnoreDataMember]
    public string Content => string.Join('\u001f', SchoolId, Date, Purpose, RequestId ?? "", Status, Directions, Team, Lessons);

    public bool HasOnTeam(string personId) => TeamIds.Contains($",{personId},", StringComparison.Ordinal);
}

/// <summary>A school's request for a visit (table <c>visits</c>, RowKey <c>r|{school}|{month}</c>): one per school and month.</summary>
internal sealed class VisitRequestEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SchoolId { get; set; } = "";
    public string Month { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Status { get; set; } = VisitRules.Pending;
    public string? Comment { get; set; }
    public string CreatedById { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? VisitId { get; set; }

    /// <summary>The request's id in routes: <c>{month}.{school}</c>.</summary>
    [IgnoreDataMember]
    public string RequestId => $"{Month}.{SchoolId}";
}

/// <summary>The municipality's candidate criteria (table <c>visits</c>, RowKey <c>criteria</c>), a JSON array of settings.</summary>
internal sealed class CriteriaEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = VisitStore.CriteriaKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Settings { get; set; } = "[]";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}
