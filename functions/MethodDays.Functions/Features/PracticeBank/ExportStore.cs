using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>The export queue message.</summary>
public sealed record ExportMessage(string MunicipalityId, string JobId);

/// <summary>
/// Bank exports: the jobs (table <c>exports</c>, PartitionKey municipality, RowKey job id), their zip archives
/// (container <c>exports</c>, <c>{municipality}/{job}.zip</c>) and the queue that starts the background work.
/// </summary>
public sealed class ExportStore(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, StorageNames names)
{
    public const string JobsTable = "exports";
    public const string ArchivesContainer = "exports";
    public const string Queue = "exports";

    private TableClient Jobs => tables.Table(names, JobsTable);

    private BlobContainerClient Archives => blobs.GetBlobContainerClient(names.Container(ArchivesContainer));

    internal static void Register(IServiceCollection services)
    {
        services.AddSingleton<ExportStore>();
        services.AddStorageTable(JobsTable);
        services.AddStorageContainer(ArchivesContainer);
        services.AddStorageQueue(Queue);
    }

    /// <summary>Records a new job and queues its work; the job's archive gets its name here.</summary>
    internal async Task StartAsync(ExportEntity job, CancellationToken ct)
    {
        job.BlobName = $"{job.PartitionKey}/{job.RowKey}.zip";
        await Jobs.AddEntityAsync(job, ct);
        var message = new ExportMessage(job.PartitionKey, job.RowKey);
        await queues.GetQueueClient(names.Queue(Queue)).SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), ct);
    }

    internal static ExportMessage ReadMessage(string body) =>
        JsonSerializer.Deserialize<ExportMessage>(body, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("Empty export message.");

    internal async Task<ExportEntity?> GetAsync(string municipalityId, string jobId, CancellationToken ct)
    {
        var r = await Jobs.GetEntityIfExistsAsync<ExportEntity>(municipalityId, jobId, cancellationToken: ct);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>Saves the job's state and progress; the export function is its only writer after the start.</summary>
    internal Task SaveAsync(ExportEntity job, CancellationToken ct) =>
        Jobs.UpsertEntityAsync(job, TableUpdateMode.Replace, ct);

    internal async Task<IReadOnlyList<ExportEntity>> ListAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<ExportEntity>();
        await foreach (var e in Jobs.QueryAsync<ExportEntity>(x => x.PartitionKey == municipalityId, cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>
    /// A stream that writes the job's archive as staged blocks; nothing is visible until it commits, and a new
    /// attempt overwrites what an interrupted one left.
    /// </summary>
    internal StagedBlockStream CreateArchive(ExportEntity job) =>
        new(Archives.GetBlockBlobClient(job.BlobName), new BlobHttpHeaders { ContentType = "application/zip" });

    /// <summary>Opens a finished archive for reading with range support (a resumed download).</summary>
    internal Task<Stream> OpenArchiveAsync(ExportEntity job, CancellationToken ct) =>
        Archives.GetBlobClient(job.BlobName).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 1024 * 1024 }, ct);

    /// <summary>Deletes archives last written before <paramref name="before"/>; returns how many went.</summary>
    internal async Task<int> DeleteArchivesBeforeAsync(DateTimeOffset before, CancellationToken ct)
    {
        var removed = 0;
        await foreach (var blob in Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, ct))
        {
            if (blob.Properties.LastModified is { } modified && modified < before)
            {
                await Archives.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
                removed++;
            }
        }

        return removed;
    }
}
