using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace MethodDays.Features.Observations;

/// <summary>What a protocol write ran into.</summary>
internal enum ProtocolWrite
{
    Saved,

    /// <summary>Created together with an empty photo list: the protocol has no photos (nothing to read for them).</summary>
    CreatedWithoutPhotos,

    /// <summary>The row changed (or was created) since it was read: read again and merge.</summary>
    Stale,
}

/// <summary>
/// Protocols, their revisions, self-analyses and photo records in table <c>observations</c> (keys: <see cref="Keys"/>),
/// photo bytes in container <c>observation-photos</c> (<c>{municipality}/{school}/{visit}/{lesson}/{observer}/{photo}</c>).
/// </summary>
public sealed class ProtocolStore(TableServiceClient tables, BlobServiceClient blobs, StorageNames names, IMemoryCache cache)
{
    /// <summary>How long this instance remembers a protocol's photo list it wrote (a visit's afternoon of uploads).</summary>
    private static readonly TimeSpan PhotoListKeptFor = TimeSpan.FromMinutes(10);

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
    /// new revision in the same transaction: a released protocol never changes without its revision kept. A created
    /// protocol gets its photo list in the same transaction: a new empty one (then it is known to have no photos),
    /// or, when photos were sent before it and the list is there already, that list is kept as it is.
    /// </summary>
    internal async Task<ProtocolWrite> WriteAsync(ProtocolEntity protocol, bool create, ProtocolRevisionEntity? revision, CancellationToken ct)
    {
        if (create)
        {
            var list = new TableEntity(protocol.PartitionKey, Keys.PhotoList(protocol.LessonId, protocol.ObserverId));
            if (await SubmitAsync(protocol, create, revision, new(TableTransactionActionType.Add, list), ct) is { } created)
            {
                KeepPhotoList(protocol.PartitionKey, list.RowKey, new PhotoList([], created[1].Headers.ETag));
                return ProtocolWrite.CreatedWithoutPhotos;
            }

            // The protocol is there already, or its photo list is (photos sent first): merging the list tells which.
            return await SubmitAsync(protocol, create, revision, new(TableTransactionActionType.UpsertMerge, list), ct) is not null ? ProtocolWrite.Saved : ProtocolWrite.Stale;
        }

        return await SubmitAsync(protocol, create, revision, null, ct) is not null ? ProtocolWrite.Saved : ProtocolWrite.Stale;
    }

    /// <summary>The transaction's answers (one per action, in order), or null when a row had changed: nothing was written.</summary>
    private async Task<IReadOnlyList<Response>?> SubmitAsync(ProtocolEntity protocol, bool create, ProtocolRevisionEntity? revision, TableTransactionAction? photoList, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>
        {
            create ? new(TableTransactionActionType.Add, protocol) : new(TableTransactionActionType.UpdateReplace, protocol, protocol.ETag),
        };
        if (photoList is not null)
        {
            actions.Add(photoList);
        }

        if (revision is not null)
        {
            revision.PartitionKey = protocol.PartitionKey;
            actions.Add(new(TableTransactionActionType.Add, revision));
        }

        try
        {
            var response = await Rows.SubmitTransactionAsync(actions, ct);
            protocol.ETag = response.Value[0].Headers.ETag ?? protocol.ETag;
            return response.Value;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return null;
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

    /// <summary>
    /// A protocol's photos: its photo list row (one point read); without one (a protocol saved before the lists were
    /// kept, or photos with no protocol yet) the photos' records, read by range.
    /// </summary>
    internal Task<PhotoList> PhotosAsync(LessonInfo l, string observerId, CancellationToken ct) =>
        PhotosAsync(l.MunicipalityId, l.SchoolId, l.VisitId, l.LessonId, observerId, ct);

    /// <summary>
    /// The photo list a new photo is recorded against: as this instance last wrote it, with the ETag it got, else read.
    /// Safe to act on: a photo recorded against it succeeds only if nobody changed the list since (its ETag), else the
    /// list is read again; and photos are never taken off a list, so one it names is there.
    /// </summary>
    internal Task<PhotoList> PhotosToRecordAgainstAsync(string municipalityId, string schoolId, string visitId, string lessonId, string observerId, CancellationToken ct) =>
        cache.TryGetValue(PhotoListCacheKey(Keys.Partition(municipalityId, schoolId, visitId), Keys.PhotoList(lessonId, observerId)), out PhotoList? known) && known is not null
            ? Task.FromResult(known)
            : PhotosAsync(municipalityId, schoolId, visitId, lessonId, observerId, ct);

    private static string PhotoListCacheKey(string partition, string rowKey) => $"photo-list|{partition}|{rowKey}";

    private void KeepPhotoList(string partition, string rowKey, PhotoList list)
    {
        if (list.ETag is not null)
        {
            cache.Set(PhotoListCacheKey(partition, rowKey), list, PhotoListKeptFor);
        }
    }

    internal async Task<PhotoList> PhotosAsync(string municipalityId, string schoolId, string visitId, string lessonId, string observerId, CancellationToken ct)
    {
        var partition = Keys.Partition(municipalityId, schoolId, visitId);
        var row = await Rows.GetEntityIfExistsAsync<PhotoListEntity>(partition, Keys.PhotoList(lessonId, observerId), cancellationToken: ct);
        if (row.HasValue && row.Value is { } list)
        {
            return new PhotoList(StoredJson.Read<List<PhotoRef>>(list.Photos) ?? [], list.ETag);
        }

        var records = await Rows.PrefixAsync<PhotoEntity>(partition, Keys.PhotoPrefix(lessonId, observerId), ct, ["PhotoId", "TakenAt", "Bytes"]);
        return new PhotoList([.. records.Select(p => new PhotoRef(p.PhotoId, p.TakenAt, p.Bytes))], null);
    }

    internal async Task<PhotoEntity?> PhotoAsync(LessonInfo l, string observerId, string photoId, CancellationToken ct)
    {
        var row = await Rows.GetEntityIfExistsAsync<PhotoEntity>(Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId), Keys.Photo(l.LessonId, observerId, photoId), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Uploads a photo's bytes (before its record, so a record never points at missing bytes); the same photo sent
    /// again overwrites the same blob. Returns the blob's name.
    /// </summary>
    internal async Task<string> UploadPhotoAsync(LessonInfo l, string observerId, string photoId, BinaryData bytes, string contentType, CancellationToken ct)
    {
        var blobName = $"{l.MunicipalityId}/{l.SchoolId}/{l.VisitId}/{l.LessonId}/{observerId}/{photoId}";
        await Photos.GetBlobClient(blobName).UploadAsync(bytes, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
        return blobName;
    }

    /// <summary>
    /// Records an uploaded photo: its record and the protocol's photo list with it added, in one transaction against
    /// the list as read (<paramref name="list"/>). False when the list changed meanwhile (another photo, the same one
    /// sent twice, the protocol created): read the list again and decide again; nothing was written.
    /// </summary>
    internal async Task<bool> RecordPhotoAsync(LessonInfo l, string observerId, PhotoEntity photo, PhotoList list, CancellationToken ct)
    {
        var partition = Keys.Partition(l.MunicipalityId, l.SchoolId, l.VisitId);
        photo.PartitionKey = partition;
        photo.RowKey = Keys.Photo(l.LessonId, observerId, photo.PhotoId);
        List<PhotoRef> photos = [.. list.Photos, new PhotoRef(photo.PhotoId, photo.TakenAt, photo.Bytes)];
        var row = new PhotoListEntity
        {
            PartitionKey = partition,
            RowKey = Keys.PhotoList(l.LessonId, observerId),
            Photos = StoredJson.Write(photos),
        };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, photo),
            list.ETag is { } tag ? new(TableTransactionActionType.UpdateReplace, row, tag) : new(TableTransactionActionType.Add, row),
        ];
        try
        {
            var response = await Rows.SubmitTransactionAsync(actions, ct);
            KeepPhotoList(partition, row.RowKey, new PhotoList(photos, response.Value[1].Headers.ETag));
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // 404: the list this instance kept is not there any more (a row written before the lists, rebuilt).
            cache.Remove(PhotoListCacheKey(partition, row.RowKey));
            return false;
        }
    }

    internal async Task<Stream> OpenPhotoAsync(PhotoEntity photo, CancellationToken ct) =>
        (await Photos.GetBlobClient(photo.BlobName).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;
}
