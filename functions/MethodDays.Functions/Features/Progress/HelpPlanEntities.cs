using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.Progress;

/// <summary>A plan item, current state (RowKey <c>{school}|{item}</c>).</summary>
internal sealed class HelpItemEntity : ITableEntity
{
    public const string ItemKind = "item";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>"item": told apart from history rows in the same range.</summary>
    public string Kind { get; set; } = ItemKind;

    public string SchoolId { get; set; } = "";
    public string ItemId { get; set; } = "";
    public string Action { get; set; } = "";
    public string Responsible { get; set; } = "";

    /// <summary>yyyy-MM-dd: compares as text, so "past due" is a filter on the table.</summary>
    public string DueDate { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>Planned or in progress: the overdue list filters on it.</summary>
    public bool Open { get; set; }

    public string? SourceMonth { get; set; }
    public string? SourceRequestId { get; set; }
    public string? SourceRequestTopic { get; set; }
    public string? Notes { get; set; }

    /// <summary>Whom the item is for: "leadership", "teacher" or null (an item saved before this was asked).</summary>
    public string? RecipientKind { get; set; }

    public string? RecipientTeacherId { get; set; }

    /// <summary>The teacher's name when the item was saved (still shown if the teacher leaves the list).</summary>
    public string? RecipientName { get; set; }

    /// <summary>
    /// A finding of a school visit the item was made from (the visit's report): the visit, its date (yyyy-MM-dd) and the
    /// finding's id. Set once at creation; an edit of the item keeps it.
    /// </summary>
    public string? SourceVisitId { get; set; }

    public string? SourceVisitDate { get; set; }

    public string? SourceFindingId { get; set; }

    /// <summary>Status changes recorded so far (the creation is the first); numbers the history rows.</summary>
    public int Changes { get; set; }

    public string CreatedById { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedById { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Hash of the editable fields as last written: with <see cref="WrittenFromEtag"/> it recognises a retried request.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The ETag the last update was made against ("" for the creation).</summary>
    public string WrittenFromEtag { get; set; } = "";
}

/// <summary>A status change, immutable (RowKey <c>{school}|{item}|{n:D4}</c>), written in the item's transaction.</summary>
internal sealed class HelpHistoryEntity : ITableEntity
{
    public const string HistoryKind = "history";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = HistoryKind;
    public string SchoolId { get; set; } = "";
    public string ItemId { get; set; } = "";
    public string? From { get; set; }
    public string To { get; set; } = "";
    public string ById { get; set; } = "";
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Comment { get; set; }
}

/// <summary>Rows of a school's range read as <see cref="TableEntity"/> (items and history together), mapped by kind.</summary>
internal static class HelpPlanMapping
{
    public static HelpItemEntity ToItem(TableEntity e) => new()
    {
        PartitionKey = e.PartitionKey,
        RowKey = e.RowKey,
        ETag = e.ETag,
        Timestamp = e.Timestamp,
        SchoolId = e.GetString(nameof(HelpItemEntity.SchoolId)) ?? "",
        ItemId = e.GetString(nameof(HelpItemEntity.ItemId)) ?? "",
        Action = e.GetString(nameof(HelpItemEntity.Action)) ?? "",
        Responsible = e.GetString(nameof(HelpItemEntity.Responsible)) ?? "",
        DueDate = e.GetString(nameof(HelpItemEntity.DueDate)) ?? "",
        Status = e.GetString(nameof(HelpItemEntity.Status)) ?? "",
        Open = e.GetBoolean(nameof(HelpItemEntity.Open)) ?? false,
        SourceMonth = e.GetString(nameof(HelpItemEntity.SourceMonth)),
        SourceRequestId = e.GetString(nameof(HelpItemEntity.SourceRequestId)),
        SourceRequestTopic = e.GetString(nameof(HelpItemEntity.SourceRequestTopic)),
        Notes = e.GetString(nameof(HelpItemEntity.Notes)),
        RecipientKind = e.GetString(nameof(HelpItemEntity.RecipientKind)),
        RecipientTeacherId = e.GetString(nameof(HelpItemEntity.RecipientTeacherId)),
        RecipientName = e.GetString(nameof(HelpItemEntity.RecipientName)),
        SourceVisitId = e.GetString(nameof(HelpItemEntity.SourceVisitId)),
        SourceVisitDate = e.GetString(nameof(HelpItemEntity.SourceVisitDate)),
        SourceFindingId = e.GetString(nameof(HelpItemEntity.SourceFindingId)),
        Changes = e.GetInt32(nameof(HelpItemEntity.Changes)) ?? 0,
        CreatedById = e.GetString(nameof(HelpItemEntity.CreatedById)) ?? "",
        CreatedByName = e.GetString(nameof(HelpItemEntity.CreatedByName)) ?? "",
        CreatedAt = e.GetDateTimeOffset(nameof(HelpItemEntity.CreatedAt)) ?? default,
        UpdatedById = e.GetString(nameof(HelpItemEntity.UpdatedById)) ?? "",
        UpdatedByName = e.GetString(nameof(HelpItemEntity.UpdatedByName)) ?? "",
        UpdatedAt = e.GetDateTimeOffset(nameof(HelpItemEntity.UpdatedAt)) ?? default,
        ContentHash = e.GetString(nameof(HelpItemEntity.ContentHash)) ?? "",
        WrittenFromEtag = e.GetString(nameof(HelpItemEntity.WrittenFromEtag)) ?? "",
    };

    public static HelpHistoryEntity ToHistory(TableEntity e) => new()
    {
        PartitionKey = e.PartitionKey,
        RowKey = e.RowKey,
        SchoolId = e.GetString(nameof(HelpHistoryEntity.SchoolId)) ?? "",
        ItemId = e.GetString(nameof(HelpHistoryEntity.ItemId)) ?? "",
        From = e.GetString(nameof(HelpHistoryEntity.From)),
        To = e.GetString(nameof(HelpHistoryEntity.To)) ?? "",
        ById = e.GetString(nameof(HelpHistoryEntity.ById)) ?? "",
        ByName = e.GetString(nameof(HelpHistoryEntity.ByName)) ?? "",
        At = e.GetDateTimeOffset(nameof(HelpHistoryEntity.At)) ?? default,
        Comment = e.GetString(nameof(HelpHistoryEntity.Comment)),
    };
}
