using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// Practice files and their uploads: the bytes in container <c>practices</c> (one blob per file,
/// <c>{municipality}/{practice}/{file}</c>), the upload sessions in table <c>uploads</c> (PartitionKey municipality,
/// RowKey upload id). An upload stages its blocks straight into the file's blob and commits them at the end.
/// Every read streams: no method holds a whole file.
/// </summary>
public sealed class PracticeFileStore(TableServiceClient tables, BlobServiceClient blobs, StorageNames names)
{
    public const string FilesContainer = "practices";
    public const string UploadsTable = "uploads";

    private BlobContainerClient Files => blobs.GetBlobContainerClient(names.Container(FilesContainer));

    private TableClient Uploads => tables.Table(names, UploadsTable);

    internal static void Register(IServiceCollection services)
    {
        services.AddSingleton<PracticeFileStore>();
        services.AddStorageTable(UploadsTable);
        services.AddStorageContainer(FilesContainer);
    }

    // ---- stored files

    /// <summary>
    /// Opens a file for reading with range support, so a video seeks without downloading whole; the stream reads
    /// the blob a megabyte at a time.
    /// </summary>
    internal Task<Stream> OpenReadAsync(StoredFile file, CancellationToken ct) =>
        Files.GetBlobClient(file.BlobName).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 1024 * 1024 }, ct);

    /// <summary>One download of the whole file as a stream (the export copies it into the zip as it arrives).</summary>
    internal async Task<Stream> DownloadAsync(StoredFile file, CancellationToken ct) =>
        (await Files.GetBlobClient(file.BlobName).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;

    internal Task DeleteAsync(StoredFile file, CancellationToken ct) =>
        Files.DeleteBlobIfExistsAsync(file.BlobName, cancellationToken: ct);

    /// <summary>Every file of a practice, whichever version referred to it (a deleted draft).</summary>
    internal async Task DeleteAllAsync(string municipalityId, string practiceId, CancellationToken ct)
    {
        await foreach (var blob in Files.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{municipalityId}/{practiceId}/", ct))
        {
            await Files.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
        }
    }

    /// <summary>Stores a small file in one call (the demo's PDFs); returns its blob name.</summary>
    internal async Task<string> SaveAsync(string municipalityId, string practiceId, string fileId, BinaryData content, string contentType, CancellationToken ct)
    {
        var name = BlobName(municipalityId, practiceId, fileId);
        await Files.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
        return name;
    }

    // ---- upload sessions

    internal Task AddUploadAsync(UploadEntity upload, CancellationToken ct) => Uploads.AddEntityAsync(upload, ct);

    internal async Task<UploadEntity?> GetUploadAsync(string municipalityId, string uploadId, CancellationToken ct)
    {
        var r = await Uploads.GetEntityIfExistsAsync<UploadEntity>(municipalityId, uploadId, cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    internal Task UpdateUploadAsync(UploadEntity upload, CancellationToken ct) =>
        Uploads.UpdateEntityAsync(upload, ETag.All, TableUpdateMode.Replace, ct);

    internal Task DeleteUploadAsync(UploadEntity upload, CancellationToken ct) =>
        Uploads.DeleteEntityAsync(upload.PartitionKey, upload.RowKey, ETag.All, ct);

    /// <summary>Upload sessions of every municipality started before <paramref name="before"/> (for the cleanup timer).</summary>
    internal async Task<IReadOnlyList<UploadEntity>> StaleUploadsAsync(DateTimeOffset before, CancellationToken ct)
    {
        var list = new List<UploadEntity>();
        await foreach (var e in Uploads.QueryAsync<UploadEntity>(x => x.CreatedAt < before, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    // ---- an upload's blocks and blob

    /// <summary>Stages one block of the upload; blocks may arrive in any order and again after a dropped connection.</summary>
    internal Task StageBlockAsync(UploadEntity upload, ReceivedBlock block, CancellationToken ct) =>
        StagedBlocks.StageAsync(UploadBlob(upload), block, ct);

    /// <summary>The block numbers already received for the upload, in order (none if nothing arrived yet).</summary>
    internal Task<IReadOnlyList<int>> ReceivedBlocksAsync(UploadEntity upload, CancellationToken ct) =>
        StagedBlocks.ReceivedAsync(UploadBlob(upload), upload.BlockCount, ct);

    /// <summary>
    /// Commits the blocks in order as the file's content and inspects it whole; a refusal removes the bytes again and
    /// is returned. The blob name to store with the file is <see cref="UploadBlobName"/>.
    /// </summary>
    internal Task<string?> CommitUploadAsync(UploadEntity upload, string contentType, Func<Stream, string?> inspect, CancellationToken ct) =>
        StagedBlocks.CommitAsync(UploadBlob(upload), upload.BlockCount, contentType,
            new Dictionary<string, string> { ["practice"] = upload.PracticeId, ["upload"] = upload.RowKey }, inspect, ct);

    internal static string UploadBlobName(UploadEntity upload) => BlobName(upload.PartitionKey, upload.PracticeId, upload.FileId);

    /// <summary>
    /// Drops what the upload committed. Staged blocks nobody commits Blob Storage drops by itself within a week.
    /// </summary>
    internal Task DeleteUploadedAsync(UploadEntity upload, CancellationToken ct) =>
        UploadBlob(upload).DeleteIfExistsAsync(cancellationToken: ct);

    private BlockBlobClient UploadBlob(UploadEntity upload) => Files.GetBlockBlobClient(UploadBlobName(upload));

    private static string BlobName(string municipalityId, string practiceId, string fileId) => $"{municipalityId}/{practiceId}/{fileId}";
}
