using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;
using MethodDays.Features.PracticeBank;

namespace MethodDays.Bench.Bank;

/// <summary>One timed transfer: what ran, bytes moved, time, and (for the app) its memory.</summary>
public sealed record Transfer(string Name, int Round, long Bytes, double Seconds, MemoryProfile? Memory, IReadOnlyDictionary<string, double> CpuMs)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;
}

public sealed record BankResult(
    int Practices,
    long FileBytes,
    long ZipBytes,
    long UploadBytes,
    int InFlight,
    IReadOnlyList<Transfer> Transfers,
    double IdleResidentMiB)
{
    public const string Export = "app export (POST /ExportPracticeBank)";
    public const string RawRead = "raw blob reads, one at a time";
    public const string RawReadParallel = "raw blob reads, 8 at a time";
    public const string RawCopy = "raw read + write into one blob";
    public const string AppUpload = "app upload";
    public const string RawUpload = "raw SDK upload";

    public IEnumerable<Transfer> Of(string name) => Transfers.Where(t => t.Name == name);

    /// <summary>Median throughput in MB/s over the rounds.</summary>
    public double Rate(string name) => Stats.Of([.. Of(name).Select(t => t.MegabytesPerSecond)]).Median;

    public double Seconds(string name) => Stats.Of([.. Of(name).Select(t => t.Seconds)]).Median;
}

/// <summary>
/// Issue 4: the bank's zip export of about 1 GB against raw blob reads of the same files, and a 500 MB upload through
/// the block API against a raw SDK upload of the same bytes, in the same run on an Azurite that keeps blobs on disk;
/// the app's resident memory is sampled through each app operation.
/// </summary>
public sealed class BankBench(
    Uri app, int appPid, string prefix, TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, World world, CpuMeter cpu,
    int rounds, int inFlight, Action<string> log)
{
    private const int BlockSize = FileRules.BlockSize;

    private BlobContainerClient Files => blobs.GetBlobContainerClient($"{prefix}-{PracticeFileStore.FilesContainer}");

    private BlobContainerClient Exports => blobs.GetBlobContainerClient($"{prefix}-{ExportStore.ArchivesContainer}");

    private BlobContainerClient Raw => blobs.GetBlobContainerClient($"{prefix}-raw");

    public async Task<BankResult> RunAsync(IReadOnlyList<SeededFile> files, long uploadBytes)
    {
        await Raw.CreateIfNotExistsAsync();
        using var host = Clients.ForHost(app);
        using var api = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.All, MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = app,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var transfers = new List<Transfer>();
        var fileBytes = files.Sum(f => f.Size);
        long zipBytes = 0;

        // Warm-up: the export code path and the reads once on a small slice, untimed.
        await ReadAsync(files.Take(20).ToList(), 1);
        var idle = MemorySampler.ResidentMiB(appPid);

        var exportSteps = new (string Name, Func<int, Task<Transfer>> Run)[]
        {
            (BankResult.Export, async r =>
            {
                var (transfer, zip) = await ExportAsync(host, api, fileBytes, r);
                zipBytes = zip;
                return transfer;
            }),
            (BankResult.RawRead, r => TimeAsync(BankResult.RawRead, r, fileBytes, () => ReadAsync(files, 1))),
            (BankResult.RawReadParallel, r => TimeAsync(BankResult.RawReadParallel, r, fileBytes, () => ReadAsync(files, 8))),
            (BankResult.RawCopy, r => TimeAsync(BankResult.RawCopy, r, fileBytes, () => CopyAsync(files))),
        };
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < exportSteps.Length; k++)
            {
                var step = exportSteps[(r + k) % exportSteps.Length];
                var t = await step.Run(r + 1);
                transfers.Add(t);
                log($"bank round {r + 1}: {t.Name}: {t.Seconds:F2} s, {t.MegabytesPerSecond:F0} MB/s{(t.Memory is { } m ? $", RSS {m.BeforeMiB:F0} → peak {m.PeakMiB:F0} MiB" : "")}");
            }
        }

        // The upload's bytes: one buffer, a valid MP4 header in front (the first block is checked by content).
        var source = new byte[uploadBytes];
        new Random(7).NextBytes(source);
        byte[] ftyp = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];
        ftyp.CopyTo(source, 0);
        var uploadSteps = new List<(string Name, int InFlight)> { (BankResult.AppUpload, inFlight), (BankResult.RawUpload, inFlight) };
        if (inFlight != 1)
        {
            // The page itself sends one block at a time.
            uploadSteps.Add((BankResult.AppUpload, 1));
            uploadSteps.Add((BankResult.RawUpload, 1));
        }

        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < uploadSteps.Count; k++)
            {
                var (name, n) = uploadSteps[(r + k) % uploadSteps.Count];
                var t = name == BankResult.AppUpload ? await UploadThroughAppAsync(api, source, n, r + 1) : await UploadRawAsync(source, n, r + 1);
                t = t with { Name = $"{name}, {n} block{(n == 1 ? "" : "s")} in flight" };
                transfers.Add(t);
                log($"bank round {r + 1}: {t.Name}: {t.Seconds:F2} s, {t.MegabytesPerSecond:F0} MB/s{(t.Memory is { } m ? $", RSS {m.BeforeMiB:F0} → peak {m.PeakMiB:F0} MiB" : "")}");
            }
        }

        return new BankResult(files.Count, fileBytes, zipBytes, uploadBytes, inFlight, transfers, idle);
    }

    /// <summary>The coordinator starts an export; the bench, as the host, hands its queue message to the function.</summary>
    private async Task<(Transfer Transfer, long ZipBytes)> ExportAsync(HttpClient host, HttpClient api, long fileBytes, int round)
    {
        using (var start = new HttpRequestMessage(HttpMethod.Post, $"api/municipalities/{World.MunicipalityId}/practice-exports") { Content = JsonContent.Create(new { }) })
        {
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.CoordinatorToken);
            using var started = await api.SendAsync(start);
            if (started.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"start export: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
            }
        }

        var queue = queues.GetQueueClient($"{prefix}-{ExportStore.Queue}");
        var message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(30))).Value.Single();
        var job = JsonSerializer.Deserialize<ExportMessage>(message.MessageText, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var before = cpu.Snapshot();
        await using var sampler = MemorySampler.Start(appPid);
        var clock = Stopwatch.StartNew();
        var (status, body) = await HostCalls.InvokeQueueAsync(host, ExportFunction.Name, message);
        var seconds = clock.Elapsed.TotalSeconds;
        var memory = await sampler.StopAsync();
        var cpuMs = CpuMeter.Delta(before, cpu.Snapshot());
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /{ExportFunction.Name}: {(int)status} {body}");
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        var row = (await tables.GetTableClient(prefix + ExportStore.JobsTable).GetEntityAsync<TableEntity>(job.MunicipalityId, job.JobId)).Value;
        var state = row.GetString("State");
        var zip = row.GetInt64("Bytes") ?? 0;
        if (state != "done" || zip < fileBytes)
        {
            throw new InvalidOperationException($"export {job.JobId}: state {state}, {zip} bytes for {fileBytes} bytes of files");
        }

        await Exports.DeleteBlobIfExistsAsync(row.GetString("BlobName"));
        return (new Transfer(BankResult.Export, round, fileBytes, seconds, memory, cpuMs), zip);
    }

    private async Task ReadAsync(IReadOnlyList<SeededFile> files, int parallel)
    {
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (f, ct) =>
        {
            var response = await Files.GetBlobClient(f.BlobName).DownloadStreamingAsync(cancellationToken: ct);
            await using var content = response.Value.Content;
            await content.CopyToAsync(Stream.Null, 1024 * 1024, ct);
        });
    }

    /// <summary>The storage floor of an export: every file read in turn and written on into one block blob (4 MiB blocks, as the export writes).</summary>
    private async Task CopyAsync(IReadOnlyList<SeededFile> files)
    {
        var target = Raw.GetBlockBlobClient("copy-" + Guid.NewGuid().ToString("n"));
        await using (var output = await target.OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions { BufferSize = 4 * 1024 * 1024 }))
        {
            foreach (var f in files)
            {
                var response = await Files.GetBlobClient(f.BlobName).DownloadStreamingAsync();
                await using var content = response.Value.Content;
                await content.CopyToAsync(output, 1024 * 1024);
            }
        }

        await target.DeleteIfExistsAsync();
    }

    private async Task<Transfer> TimeAsync(string name, int round, long bytes, Func<Task> run)
    {
        var before = cpu.Snapshot();
        var clock = Stopwatch.StartNew();
        await run();
        return new Transfer(name, round, bytes, clock.Elapsed.TotalSeconds, null, CpuMeter.Delta(before, cpu.Snapshot()));
    }

    /// <summary>
    /// A school admin attaches a video to a new draft practice through the API: start the session, PUT 4 MiB blocks
    /// with <paramref name="parallel"/> in flight, complete. Timed from the start request to the completion's answer.
    /// </summary>
    private async Task<Transfer> UploadThroughAppAsync(HttpClient api, byte[] source, int parallel, int round)
    {
        var token = world.AdminTokens[0];
        var practiceId = await CreateDraftAsync(api, token);
        var root = $"api/municipalities/{World.MunicipalityId}/practices/{practiceId}/uploads";
        var before = cpu.Snapshot();
        await using var sampler = MemorySampler.Start(appPid);
        var clock = Stopwatch.StartNew();
        string uploadId;
        using (var start = Request(HttpMethod.Post, root, token, JsonContent.Create(new { fileName = "Видеоурок по математике.mp4", size = source.LongLength })))
        using (var started = await api.SendAsync(start))
        {
            await Expect(started, HttpStatusCode.OK, "start upload");
            uploadId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var blocks = (int)((source.LongLength + BlockSize - 1) / BlockSize);
        await Parallel.ForAsync(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var offset = (long)i * BlockSize;
            var length = (int)Math.Min(BlockSize, source.LongLength - offset);
            using var put = Request(HttpMethod.Put, $"{root}/{uploadId}/blocks/{i}", token, new ByteArrayContent(source, (int)offset, length));
            using var answer = await api.SendAsync(put, ct);
            await Expect(answer, HttpStatusCode.OK, $"block {i}");
        });
        using (var complete = Request(HttpMethod.Post, $"{root}/{uploadId}/complete", token, null))
        using (var completed = await api.SendAsync(complete))
        {
            await Expect(completed, HttpStatusCode.OK, "complete upload");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var memory = await sampler.StopAsync();
        var cpuMs = CpuMeter.Delta(before, cpu.Snapshot());
        await foreach (var blob in Files.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{World.MunicipalityId}/{practiceId}/", CancellationToken.None))
        {
            await Files.DeleteBlobIfExistsAsync(blob.Name);
        }

        return new Transfer(BankResult.AppUpload, round, source.LongLength, seconds, memory, cpuMs);
    }

    /// <summary>The SDK's own upload of the same bytes: 4 MiB blocks, the same number in flight, then the commit.</summary>
    private async Task<Transfer> UploadRawAsync(byte[] source, int parallel, int round)
    {
        var blob = Raw.GetBlockBlobClient("upload-" + Guid.NewGuid().ToString("n"));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" },
            TransferOptions = new StorageTransferOptions { InitialTransferSize = BlockSize, MaximumTransferSize = BlockSize, MaximumConcurrency = parallel },
        };
        var t = await TimeAsync(BankResult.RawUpload, round, source.LongLength, async () =>
        {
            using var stream = new MemoryStream(source, writable: false);
            await blob.UploadAsync(stream, options);
        });
        await blob.DeleteIfExistsAsync();
        return t;
    }

    private static async Task<string> CreateDraftAsync(HttpClient api, string token)
    {
        using var create = Request(HttpMethod.Post, $"api/municipalities/{World.MunicipalityId}/practices", token, JsonContent.Create(new
        {
            title = "Видеоурок: формирующее оценивание на уроке математики",
            description = "Запись урока в 6 классе: приёмы обратной связи, самооценка учеников, листы достижений.",
            subject = "Математика",
            grades = new[] { 6 },
            kind = "VideoLesson",
            authors = new[] { "Иванова Мария Петровна" },
            links = Array.Empty<object>(),
            indicators = Array.Empty<string>(),
        }));
        using var created = await api.SendAsync(create);
        await Expect(created, HttpStatusCode.Created, "create practice");
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
