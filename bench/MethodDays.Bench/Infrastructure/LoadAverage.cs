namespace MethodDays.Bench.Infrastructure;

public static class LoadAverage
{
    /// <summary>The 1-minute load average (runnable processes), or "?" off Linux.</summary>
    public static string Read() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
