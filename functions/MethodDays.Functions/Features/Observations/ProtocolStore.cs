using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Observations;

/// <summary>What a protocol write ran into.</summary>
internal enum ProtocolWrite
{
    Saved,

    /// <summary>The row changed (or was created) since it was read: read again and merge.</summary>
    Stale,
}

/// <summary>
/// Protocols, their revisions, self-analyses and photo records in table <c>observations</c> (keys: <see cref="Keys"/>),
/// photo bytes in container <c>observation-photos</c> (<c>{municipality}/{school}/{visit}/{lesson}/{observer}/{photo}</c>).
/// </summary>
public sealed class ProtocolStore(TableServiceClient tables, BlobServiceClient blobs, StorageNames names)
{
    public const string Table = "observations";
    public const string PhotosContainer = "observation-photos";

    private TableClient Rows => tables.Table(names, Table);

    private BlobContainerClient Photos => blobs.GetBlobContainerClient(names.Container(PhotosContainer));

    internal async Task<ProtocolEntity?> GetAsync(LessonInfo l, string observerId, CancellationToken ct)
    {
        var row = await Rows.GetEntityIfExistsAsync<ProtocolEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.Protocol(l.LessonId, observerId), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    internal Task<IReadOnlyList<ProtocolEntity>> ListAsync(LessonInfo l, CancellationToken ct) =>
        Rows.PrefixAsync<ProtocolEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.ProtocolPrefix(l.LessonId), ct);

    /// <summary>Every observer's protocol of every lesson of a visit (one partition): what the visit's report is assembled from.</summary>
    internal Task<IReadOnlyList<ProtocolEntity>> VisitProtocolsAsync(string municipalityId, string schoolId, string visitId, CancellationToken ct) =>
        Rows.PrefixAsync<ProtocolEntity>(Keys.Partition(municipalityId, schoolId, visitId), "p|", ct);

    internal Task<IReadOnlyList<ProtocolRevisionEntity>> RevisionsAsync(LessonInfo l, string observerId, CancellationToken ct) =>
        Rows.PrefixAsync<ProtocolRevisionEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.RevisionPrefix(l.LessonId, observerId), ct,
            ["RowKey", "Number", "WrittenAt", "SavedAt", "SavedByName", "Reason"]);

    internal async Task<ProtocolRevisionEntity?> RevisionAsync(LessonInfo l, string observerId, int number, CancellationToken ct)
    {
        var row = await Rows.GetEntityIfExistsAsync<ProtocolRevisionEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.Revision(l.LessonId, observerId, number), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Writes the protocol (created when <paramref name="create"/>, else replaced against its ETag) and, when given, a
    /// new revision in the same transaction: a released protocol never changes without its revision kept.
    /// </summary>
    internal async Task<ProtocolWrite> WriteAsync(ProtocolEntity protocol, bool create, ProtocolRevisionEntity? revision, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>
        {
            create ? new(TableTransactionActionType.Add, protocol) : new(TableTransactionActionType.UpdateReplace, protocol, protocol.ETag),
        };
        if (revision is not null)
        {
            revision.PartitionKey = protocol.PartitionKey;
            actions.Add(new(TableTransactionActionType.Add, revision));
        }

        try
        {
            var response = await Rows.SubmitTransactionAsync(actions, ct);
            protocol.ETag = response.Value[0].Headers.ETag ?? protocol.ETag;
            return ProtocolWrite.Saved;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return ProtocolWrite.Stale;
        }
    }

    // ---- self-analysis

    internal async Task<SelfAnalysisEntity?> SelfAnalysisAsync(LessonInfo l, CancellationToken ct)
    {
        var row = await Rows.GetEntityIfExistsAsync<SelfAnalysisEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.SelfAnalysis(l.LessonId), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Creates or replaces the self-analysis; false when it changed since <paramref name="ifMatch"/>.</summary>
    internal async Task<bool> SaveSelfAnalysisAsync(SelfAnalysisEntity entity, ETag? ifMatch, CancellationToken ct)
    {
        try
        {
            if (ifMatch is { } tag)
            {
                await Rows.UpdateEntityAsync(entity, tag, TableUpdateMode.Replace, ct);
            }
            else
            {
                await Rows.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    // ---- photos

    internal Task<IReadOnlyList<PhotoEntity>> PhotosAsync(LessonInfo l, string observerId, CancellationToken ct) =>
        Rows.PrefixAsync<PhotoEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.PhotoPrefix(l.LessonId, observerId), ct);

    internal async Task<PhotoEntity?> PhotoAsync(LessonInfo l, string observerId, string photoId, CancellationToken ct)
    {
        var row = await Rows.GetEntityIfExistsAsync<PhotoEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.Photo(l.LessonId, observerId, photoId), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Stores a photo: the bytes first, then its record, so a record never points at missing bytes. The same photo
    /// sent again (the phone did not hear the answer) overwrites the same blob and finds its record.
    /// </summary>
    internal async Task<PhotoEntity> AddPhotoAsync(LessonInfo l, string observerId, string photoId, BinaryData bytes, string contentType, DateTimeOffset takenAt, DateTimeOffset now, CancellationToken ct)
    {
        var blobName = $"{l.MunicipalityId}/{l.SchoolId}/{l.VisitId}/{l.LessonId}/{observerId}/{photoId}";
        await Photos.GetBlobClient(blobName).UploadAsync(bytes, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
        var entity = new PhotoEntity
        {
            PartitionKey = Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId),
            RowKey = Keys.Photo(l.LessonId, observerId, photoId),
            PhotoId = photoId,
            BlobName = blobName,
            ContentType = contentType,
            Bytes = bytes.ToMemory().Length,
            TakenAt = takenAt,
            ReceivedAt = now,
        };
        try
        {
            await Rows.AddEntityAsync(entity, ct);
            return entity;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await PhotoAsync(l, observerId, photoId, ct))!;
        }
    }

    internal async Task<Stream> OpenPhotoAsync(PhotoEntity photo, CancellationToken ct) =>
        (await Photos.GetBlobClient(photo.BlobName).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;
}
