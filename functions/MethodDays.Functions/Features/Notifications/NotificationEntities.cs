using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.Notifications;

/// <summary>A notice in a person's in-app feed (table <c>feed</c>, PartitionKey <c>{municipality}|{person}</c>, newest first).</summary>
internal sealed class FeedEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string NotificationId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Read { get; set; }
}

/// <summary>Which e-mails a person does not want (table <c>preferences</c>, PartitionKey municipality, RowKey person).</summary>
internal sealed class PreferenceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Comma-separated notification kinds not to e-mail.</summary>
    public string EmailOff { get; set; } = "";
}
