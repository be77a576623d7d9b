using System.Diagnostics;
using System.Globalization;

namespace MethodDays.Bench.Infrastructure;

/// <summary>Resident memory of a process over one operation: where it started, its peak, and how it moved.</summary>
/// <param name="BeforeMiB">Resident memory just before the operation.</param>
/// <param name="PeakMiB">The kernel's high-water mark of resident memory during the operation (VmHWM, reset at the start).</param>
/// <param name="FirstHalfPeakMiB">Highest sample in the first half of the operation's time.</param>
/// <param name="SecondHalfPeakMiB">Highest sample in the second half: "flat" means no higher than the first half.</param>
/// <param name="AfterMiB">Resident memory right after the operation.</param>
public sealed record MemoryProfile(double BeforeMiB, double PeakMiB, double FirstHalfPeakMiB, double SecondHalfPeakMiB, double AfterMiB, int Samples)
{
    public double RiseMiB => PeakMiB - BeforeMiB;

    /// <summary>How much higher the second half peaked than the first (growth with the bytes moved).</summary>
    public double GrowthMiB => SecondHalfPeakMiB - FirstHalfPeakMiB;
}

/// <summary>
/// Samples a process's resident memory (Linux /proc) every few milliseconds while an operation runs, and reads the
/// kernel's own peak (VmHWM) after resetting it at the start (writing 5 to /proc/PID/clear_refs), so a peak between
/// two samples is not missed and earlier phases of the process's life do not count.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly bool _peakReset;
    private readonly double _before;
    private readonly List<(double At, double MiB)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    private MemorySampler(int pid)
    {
        _pid = pid;
        _peakReset = ResetPeak(pid);
        _before = ReadMiB(pid, "VmRSS:");
        _loop = Task.Run(SampleAsync);
    }

    public static MemorySampler Start(int pid) => new(pid);

    public async Task<MemoryProfile> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var peak = ReadMiB(_pid, "VmHWM:");
        var after = ReadMiB(_pid, "VmRSS:");
        var end = _clock.Elapsed.TotalSeconds;
        double first = _before, second = _before;
        lock (_samples)
        {
            foreach (var (at, mib) in _samples)
            {
                if (at < end / 2)
                {
                    first = Math.Max(first, mib);
                }
                else
                {
                    second = Math.Max(second, mib);
                }
            }

            var sampled = Math.Max(first, second);
            return new MemoryProfile(_before, _peakReset && !double.IsNaN(peak) ? Math.Max(peak, sampled) : sampled, first, second, after, _samples.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
        }

        _stop.Dispose();
    }

    /// <summary>Resident memory of a process now, in MiB.</summary>
    public static double ResidentMiB(int pid) => ReadMiB(pid, "VmRSS:");

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var mib = ReadMiB(_pid, "VmRSS:");
            lock (_samples)
            {
                _samples.Add((_clock.Elapsed.TotalSeconds, mib));
            }

            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the reset the high-water mark covers the process's whole life: only the samples count then.
            return false;
        }
    }

    private static double ReadMiB(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? double.NaN : double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
