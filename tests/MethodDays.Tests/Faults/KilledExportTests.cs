using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MethodDays.Features.PracticeBank;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;

namespace MethodDays.Tests.Faults;

/// <summary>
/// The test's own app in-process (no local driver) seeds the bank and reads the job's state; the export itself runs
/// in the app as a separate standalone process on the same storage, whose Blob service is reached through a gate that
/// can behave as a slow line. That process is killed (SIGKILL) in the middle of the export and started again.
/// </summary>
public sealed class KilledExportFactory : AppFactory
{
    public TcpGate BlobGate { get; private set; } = null!;

    protected override async Task<Azurite> GetStorageAsync()
    {
        var azurite = await Azurite.Shared;
        BlobGate = new TcpGate(azurite.BlobPort);
        return azurite;
    }

    /// <summary>The standalone app as <c>scripts/run.sh</c> starts it, on this fixture's storage names, blobs through the gate.</summary>
    public AppProcess StartProcess() => AppProcess.Start(new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Storage__ConnectionString"] = Storage.ConnectionString.Replace($":{Storage.BlobPort}/", $":{BlobGate.Port}/", StringComparison.Ordinal),
        ["Storage__Prefix"] = Prefix,
        ["Demo__Seed"] = "false",
        ["Smtp__Host"] = "",
        // A message whose process died comes back two seconds after its last renewal.
        ["Functions__LocalDriver__Lease"] = "00:00:02",
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await BlobGate.DisposeAsync();
    }
}

/// <summary>The executable run as its own process, standalone (its local driver polls the queues).</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AppProcess Start(IDictionary<string, string> environment)
    {
        var port = Ports.Free();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "MethodDays.Functions"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        var app = new AppProcess(Process.Start(start)!, port);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for its first answer to <c>GET /</c>.</summary>
    public async Task WaitReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(_process.HasExited, "The app exited during start:\n" + Output);
            try
            {
                (await http.GetAsync("/", ct)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, no last word to storage.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>The process is killed during a bank export: no half archive is offered, and the job restarts cleanly.</summary>
public sealed class KilledExportTests(KilledExportFactory app) : IClassFixture<KilledExportFactory>
{
    private const int Count = 8;
    private const int FileSize = 300_000;

    [Fact]
    public async Task ExportInAProcessKilledMidWayIsRedoneWholeByTheNextProcess()
    {
        var ct = TestContext.Current.CancellationToken;
        var files = new Dictionary<string, byte[]>();
        var teacher = app.ClientFor("teacher-s1");
        var methodist = app.ClientFor("methodist-n");
        for (var i = 1; i <= Count; i++)
        {
            var id = await Practices.CreateAsync(teacher, Practices.Input(title: $"Практика номер {i}"));
            var pdf = Practices.Pdf(FileSize);
            files[id] = pdf;
            Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, $"практика {i}.pdf", pdf)).StatusCode);
            await Practices.SubmitAsync(teacher, id);
            await Practices.ReviewAsync(methodist, id, "accept");
        }

        // A slow line to Blob Storage: each practice's file takes over a second to read.
        app.BlobGate.BytesPerSecond = 200_000;
        var coordinator = app.ClientFor("coord-n");
        string jobId;
        await using (var first = app.StartProcess())
        {
            await first.WaitReadyAsync(ct);
            var started = await coordinator.PostJsonAsync("/api/municipalities/north/practice-exports", new { });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            jobId = (string)(await started.ReadJsonAsync())["id"]!;

            var midway = await WaitForJobAsync(coordinator, jobId, j => (int)j["done"]! >= 1, first, ct);
            Assert.Equal("running", (string?)midway["state"]);
            await first.KillAsync();
        }

        var killed = await JobAsync(coordinator, jobId);
        Assert.Equal("running", (string?)killed["state"]);
        Assert.True((int)killed["done"]! < Count, "The export had finished before the kill; the test proves nothing.");
        await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}/zip", ct)).AssertProblemAsync(409);
        var archive = app.Service<BlobServiceClient>().GetBlobContainerClient(app.Service<StorageNames>().Container(ExportStore.ArchivesContainer))
            .GetBlobClient($"north/{jobId}.zip");
        Assert.False((await archive.ExistsAsync(ct)).Value, "Part of the killed export was committed where the finished archive goes.");

        // The line is fine again; the next process finds the message once its lease has run out and redoes the job.
        app.BlobGate.BytesPerSecond = null;
        await using (var second = app.StartProcess())
        {
            await second.WaitReadyAsync(ct);
            var done = await WaitForJobAsync(coordinator, jobId, j => (string?)j["state"] == "done", second, ct);
            Assert.Equal(Count, (int)done["done"]!);

            using var zip = new ZipArchive(new MemoryStream(await coordinator.GetByteArrayAsync((string)done["downloadUrl"]!, ct)));
            var pdfs = zip.Entries.Where(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal)).ToList();
            Assert.Equal(Count, pdfs.Count);
            foreach (var entry in pdfs)
            {
                using var read = new MemoryStream();
                await using (var s = entry.Open())
                {
                    await s.CopyToAsync(read, ct);
                }

                Assert.Contains(files.Values, f => f.AsSpan().SequenceEqual(read.ToArray()));
            }

            Assert.NotNull(zip.GetEntry("catalogue.xlsx"));
            Assert.NotNull(zip.GetEntry("index.html"));

            // The message was settled: nothing left to redo, nothing in the poison queue.
            var queues = app.Service<QueueServiceClient>();
            var names = app.Service<StorageNames>();
            Assert.Empty((await queues.GetQueueClient(names.Queue(ExportStore.Queue)).PeekMessagesAsync(cancellationToken: ct)).Value);
            var poison = queues.GetQueueClient(names.PoisonQueue(ExportStore.Queue));
            Assert.True(!(await poison.ExistsAsync(ct)).Value || (await poison.PeekMessagesAsync(cancellationToken: ct)).Value.Length == 0);
        }
    }

    private static async Task<JsonNode> JobAsync(HttpClient coordinator, string jobId) =>
        await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}")).ReadJsonAsync();

    /// <summary>Polls the job as the page does until the condition holds.</summary>
    private static async Task<JsonNode> WaitForJobAsync(HttpClient coordinator, string jobId, Func<JsonNode, bool> condition, AppProcess process, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await JobAsync(coordinator, jobId);
            if (condition(job))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The export job stayed at {job.ToJsonString()}.\nApp output:\n{process.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }
}
