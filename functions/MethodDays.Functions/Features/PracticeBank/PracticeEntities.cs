using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// A practice (table <c>practices</c>, PartitionKey municipality, RowKey <c>p|{id}</c>). The bank's list is one
/// range of one partition; the practice's history (<c>h|{id}|…</c>) and submitted versions (<c>v|{id}|{n}</c>) sit
/// in the same partition, so a submission writes practice, event and version in one transaction.
/// </summary>
internal sealed class PracticeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SchoolId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string? TopicWeek { get; set; }
    public string? TopicTitle { get; set; }
    public string Subject { get; set; } = "";

    /// <summary>Comma-separated grades, e.g. "5,6,7".</summary>
    public string Grades { get; set; } = "";

    public string Kind { get; set; } = nameof(PracticeKind.Other);
    public string Authors { get; set; } = "[]";
    public string Links { get; set; } = "[]";

    /// <summary>Comma-separated self-assessment indicator ids the practice helps with.</summary>
    public string Indicators { get; set; } = "";

    /// <summary>Comma-separated competence codes (Diagnostics' five) the practice develops; empty on practices saved before.</summary>
    public string Competences { get; set; } = "";

    /// <summary>JSON list of <see cref="StoredFile"/>.</summary>
    public string Files { get; set; } = "[]";

    public string State { get; set; } = nameof(PracticeState.Draft);
    public int Version { get; set; }
    public string SchoolYear { get; set; } = "";
    public string CreatedById { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Lower-cased title, description and authors (ё as е) for search.</summary>
    public string SearchText { get; set; } = "";

    internal string Id => RowKey[2..];

    internal List<StoredFile> StoredFiles
    {
        get => StoredJson.Read<List<StoredFile>>(Files) ?? [];
        set => Files = StoredJson.Write(value);
    }

    internal PracticeState StateValue => Enum.TryParse<PracticeState>(State, out var s) ? s : PracticeState.Draft;
}

/// <summary>A file as stored: the public record plus where its bytes are.</summary>
internal sealed record StoredFile(string Id, string Name, long Size, string ContentType, string Kind, DateTimeOffset UploadedAt, string BlobName)
{
    public PracticeFile ToRecord() => new(Id, Name, Size, ContentType, Kind, UploadedAt);
}

internal sealed class PracticeEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset At { get; set; }
    public string ByName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Comment { get; set; }
    public int Version { get; set; }
}

/// <summary>An upload session (table <c>uploads</c>, PartitionKey municipality, RowKey upload id).</summary>
internal sealed class UploadEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string PracticeId { get; set; } = "";
    public string FileId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Extension { get; set; } = "";
    public string Kind { get; set; } = "";
    public long Size { get; set; }
    public int BlockCount { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>open, complete, refused.</summary>
    public string State { get; set; } = "open";

    public string? Refusal { get; set; }
}

/// <summary>A bank export job (table <c>exports</c>, PartitionKey municipality, RowKey job id).</summary>
internal sealed class ExportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>queued, running, done, failed.</summary>
    public string State { get; set; } = "queued";

    public string Filters { get; set; } = "{}";
    public int Total { get; set; }
    public int Done { get; set; }
    public long Bytes { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempt { get; set; }
    public string? Error { get; set; }
    public string BlobName { get; set; } = "";

    /// <summary>The archive's download name, given when the export is made (municipality's name, its local date).</summary>
    public string? FileName { get; set; }
}
