using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>A municipality's cycle (RowKey <c>template</c>) and skipped weeks (<c>skip|{week}</c>), table <c>cycles</c>.</summary>
internal sealed class CycleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The template as JSON (template row) or the reason a week is skipped (skip rows).</summary>
    public string Body { get; set; } = "";

    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The week's topic, table <c>topics</c>, PartitionKey municipality, RowKey week (<c>2026-W47</c>).</summary>
internal sealed class TopicEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Title { get; set; } = "";

    /// <summary>JSON list of {title, url}.</summary>
    public string Videos { get; set; } = "[]";

    /// <summary>JSON list of discussion questions.</summary>
    public string Questions { get; set; } = "[]";

    public string Assignment { get; set; } = "";

    /// <summary>When schools see it: at once, or the cycle's publish step. Null while a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The week's cycle status, table <c>weeks</c>, PartitionKey <c>{municipality}|{week}</c>: the board is one scan.
/// Rows: <c>step|{school}|{stepId}</c> (a school's or curator's step done), <c>question|{school}|{id}</c>.
/// </summary>
internal sealed class StepEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string StepId { get; set; } = "";
    public string SchoolId { get; set; } = "";

    /// <summary>The chosen form, the decision text, or the meeting notes.</summary>
    public string Text { get; set; } = "";

    public DateTimeOffset DoneAt { get; set; }
    public string ByName { get; set; } = "";
    public bool Late { get; set; }
}

internal sealed class QuestionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SchoolId { get; set; } = "";

    /// <summary>Which of the topic's discussion questions it is about (index), or -1 for a general question.</summary>
    public int TopicQuestion { get; set; } = -1;

    public string Text { get; set; } = "";
    public DateTimeOffset AskedAt { get; set; }
    public string AskedByName { get; set; } = "";
    public bool Late { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredByName { get; set; }
}

/// <summary>
/// An effect of the cycle (a notice, a reminder) under its idempotency key, table <c>effects</c>, PartitionKey
/// <c>{municipality}|{week or month}</c>. Written before the notifications are queued, marked once they are.
/// </summary>
internal sealed class EffectEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Enqueued { get; set; }
    public int Recipients { get; set; }
}

/// <summary>
/// Calendar links, table <c>calendars</c>. A person's link to a school's calendar: PartitionKey municipality, RowKey
/// <c>{school}|{person}</c>, <c>Token</c>. The index from a token back to it: PartitionKey <c>token</c>, RowKey the
/// token, <c>MunicipalityId</c>, <c>SchoolId</c>, <c>PersonId</c>. Links made before they were personal are one per
/// school: RowKey <c>{school}</c> and an index row without <c>PersonId</c>.
/// </summary>
internal sealed class CalendarEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string? Token { get; set; }
    public string? MunicipalityId { get; set; }
    public string? SchoolId { get; set; }
    public string? PersonId { get; set; }
}

/// <summary>A topic's lists, kept as JSON in its row (the stored-JSON setting; older rows with escaped letters read the same).</summary>
internal static class TopicLists
{
    public static IReadOnlyList<VideoLink> VideoList(this TopicEntity t) => StoredJson.Read<List<VideoLink>>(t.Videos) ?? [];

    public static IReadOnlyList<string> QuestionList(this TopicEntity t) => StoredJson.Read<List<string>>(t.Questions) ?? [];
}
