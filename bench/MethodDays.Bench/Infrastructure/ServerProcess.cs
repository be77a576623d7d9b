using System.Diagnostics;
using System.Globalization;

namespace MethodDays.Bench.Infrastructure;

/// <summary>
/// A published web executable started as its own process on a free loopback port, the way the Functions host
/// starts a custom handler: ready once <c>GET /</c> gets any HTTP answer (the host's own readiness rule).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the process printed, for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts the executable. The clock of a start-up measurement runs from just before this call.</summary>
    public static ServerProcess Start(string executable, Func<int, IReadOnlyDictionary<string, string>> environment)
    {
        var port = Ports.Free();
        var info = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment(port))
        {
            info.Environment[k] = v;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>GET /</c> every millisecond or so until any HTTP status comes back.</summary>
    public async Task<int> WaitForFirstAnswerAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(_process.StartInfo.FileName)} exited during start:\n{Tail}");
            }

            try
            {
                using var response = await client.GetAsync(BaseAddress);
                await response.Content.LoadIntoBufferAsync();
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                // Not listening yet (connection refused).
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"No answer on GET / within {timeout.TotalSeconds} s:\n{Tail}");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Resident memory of the process now, in MiB (Linux /proc).</summary>
    public double ResidentMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? double.NaN : double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }
}
