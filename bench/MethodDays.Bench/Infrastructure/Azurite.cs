using System.Diagnostics;
using System.Globalization;

namespace MethodDays.Bench.Infrastructure;

/// <summary>
/// The repository's pinned Azurite on free ports chosen here, in memory or (for suites that move gigabytes) in a
/// folder on disk: one instance serves every measurement of a suite, so the app and its raw baselines talk to the
/// same emulator in the same state.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly Process _process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort, string version)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        Version = version;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public string Version { get; }

    public int ProcessId => _process.Id;

    /// <summary>The well-known Azurite development account (a public constant, not a secret), on this instance's ports.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="repoRoot">The repository, whose node_modules holds the pinned Azurite.</param>
    /// <param name="location">A folder to keep the data in; null keeps everything in memory.</param>
    public static async Task<Azurite> StartAsync(string repoRoot, string? location = null)
    {
        var executable = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root (bench/run.sh does).");
        }

        var version = ReadVersion(Path.Combine(repoRoot, "node_modules", "azurite", "package.json"));
        var (b, q, t) = (Ports.Free(), Ports.Free(), Ports.Free());
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", Text(b),
                "--queueHost", "127.0.0.1", "--queuePort", Text(q),
                "--tableHost", "127.0.0.1", "--tablePort", Text(t),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = 0;
        process.OutputDataReceived += (_, e) =>
        {
            // One "successfully listening" line per service once its port is open.
            if (e.Data?.Contains("successfully listening", StringComparison.OrdinalIgnoreCase) == true && Interlocked.Increment(ref listening) == 3)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited during start."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new Azurite(process, b, q, t, version);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string ReadVersion(string packageJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(packageJson));
        return doc.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
