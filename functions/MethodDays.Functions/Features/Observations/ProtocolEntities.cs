using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.Observations;

/// <summary>
/// The keys of table <c>observations</c>, spelled once. PartitionKey <c>{municipality}|{school}|{visit}</c>: a visit's
/// protocols are one partition, so a save and the revision it makes are written in one transaction. RowKeys:
/// <c>p|{lesson}|{observer}</c> (an observer's protocol), <c>r|{lesson}|{observer}|{n:D4}</c> (its revisions, kept),
/// <c>s|{lesson}</c> (the teacher's self-analysis), <c>f|{lesson}|{observer}|{photo}</c> (a photo's record),
/// <c>g|{lesson}|{observer}</c> (the list of that protocol's photos, kept with the records).
/// </summary>
internal static partial class Keys
{
    /// <summary>Ids in routes (visit, lesson, observer, photo): safe in table keys and blob names.</summary>
    public static bool Valid(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string Partition(string municipalityId, string schoolId, string visitId) => $"{municipalityId}|{schoolId}|{visitId}";

    public static string ProtocolPrefix(string lessonId) => $"p|{lessonId}|";

    public static string Protocol(string lessonId, string observerId) => $"{ProtocolPrefix(lessonId)}{observerId}";

    public static string RevisionPrefix(string lessonId, string observerId) => $"r|{lessonId}|{observerId}|";

    public static string Revision(string lessonId, string observerId, int n) => $"{RevisionPrefix(lessonId, observerId)}{n:D4}";

    public static string SelfAnalysis(string lessonId) => $"s|{lessonId}";

    public static string PhotoPrefix(string lessonId, string observerId) => $"f|{lessonId}|{observerId}|";

    public static string Photo(string lessonId, string observerId, string photoId) => $"{PhotoPrefix(lessonId, observerId)}{photoId}";

    public static string PhotoList(string lessonId, string observerId) => $"g|{lessonId}|{observerId}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}

/// <summary>An observer's protocol of a lesson: the working content and, once released, the number of its last revision.</summary>
internal sealed class ProtocolEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MunicipalityId { get; set; } = "";
    public string SchoolId { get; set; } = "";
    public string VisitId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public string ObserverId { get; set; } = "";
    public string ObserverName { get; set; } = "";
    public string TemplateVersion { get; set; } = "";

    /// <summary>The content as stored JSON (<see cref="ProtocolContent"/>).</summary>
    public string Content { get; set; } = "{}";

    /// <summary>When the observer wrote it (the device's clock, bounded by the lesson's day and the server's now).</summary>
    public DateTimeOffset WrittenAt { get; set; }

    /// <summary>When the server received the last save (an offline protocol arrives days after it was written).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public bool Released { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedByName { get; set; }

    /// <summary>The last revision written (0: none yet; revisions start at release).</summary>
    public int Revision { get; set; }
}

/// <summary>A kept revision of a released protocol: written at release and at every change after it.</summary>
internal sealed class ProtocolRevisionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Number { get; set; }
    public string TemplateVersion { get; set; } = "";
    public string Content { get; set; } = "{}";
    public DateTimeOffset WrittenAt { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public string SavedById { get; set; } = "";
    public string SavedByName { get; set; } = "";

    /// <summary>"release" or "edit".</summary>
    public string Reason { get; set; } = "";
}

/// <summary>The teacher's self-analysis of a lesson (one per lesson), by the teacher or recorded by an observer.</summary>
internal sealed class SelfAnalysisEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Text { get; set; } = "";
    public DateTimeOffset WrittenAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string ById { get; set; } = "";
    public string ByName { get; set; } = "";
    public bool ByTeacher { get; set; }
}

/// <summary>A photo of the board or of exercise books attached to a protocol; the bytes are in container <c>observation-photos</c>.</summary>
internal sealed class PhotoEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PhotoId { get; set; } = "";
    public string BlobName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Bytes { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// The list of a protocol's photos (id, when taken, size) in one row, written in the same transaction as each photo's
/// record: one point read tells whether a photo is already there and how many there are, and lists them with the
/// protocol. Made with the protocol (empty) or with its first photo.
/// </summary>
internal sealed class PhotoListEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The photos as stored JSON (a list of <see cref="PhotoRef"/>); empty for none.</summary>
    public string? Photos { get; set; }
}

/// <summary>A photo in a protocol's photo list.</summary>
internal sealed record PhotoRef(string Id, DateTimeOffset TakenAt, long Bytes);

/// <summary>A protocol's photos as read; <c>ETag</c> null when there is no list row yet (then the photos come from their records).</summary>
internal sealed record PhotoList(IReadOnlyList<PhotoRef> Photos, ETag? ETag);

/// <summary>A municipality's published protocol version (table <c>observationtemplates</c>, PartitionKey municipality, RowKey version).</summary>
internal sealed class TemplateEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Json { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public string PublishedByName { get; set; } = "";
}
