using System.Diagnostics;
using System.Globalization;

namespace MethodDays.Bench.Infrastructure;

/// <summary>
/// CPU time used by the processes of a measurement (the app, Azurite, this driver), from /proc: on a 2-core machine
/// the three share the cores, so CPU per operation explains a throughput ceiling better than latency does.
/// </summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> processes)
{
    private static readonly double TicksPerSecond = ClockTicks();

    public IReadOnlyDictionary<string, double> Snapshot() =>
        processes.ToDictionary(p => p.Key, p => p.Value == Environment.ProcessId
            ? Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds
            : ReadMs(p.Value));

    public static IReadOnlyDictionary<string, double> Delta(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));

    private static double ReadMs(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks * 1000.0 / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static double ClockTicks()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100;
        }
    }
}
