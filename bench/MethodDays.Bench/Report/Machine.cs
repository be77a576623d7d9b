using System.Globalization;
using System.Runtime.InteropServices;

namespace MethodDays.Bench.Report;

/// <summary>What the figures were measured on.</summary>
public sealed record Machine(string Cpu, int Cores, double MemoryGiB, string Os, string Kernel, string Runtime, string Azurite, string Node)
{
    public static Machine Describe(string azuriteVersion, string nodeVersion) => new(
        Cpu: ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Cores: Environment.ProcessorCount,
        MemoryGiB: MemTotalKiB() / 1024.0 / 1024.0,
        Os: OsName(),
        Kernel: Environment.OSVersion.Version.ToString(),
        Runtime: RuntimeInformation.FrameworkDescription,
        Azurite: azuriteVersion,
        Node: nodeVersion);

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {MemoryGiB.ToString("F1", CultureInfo.InvariantCulture)} GiB RAM, {Os} (Linux {Kernel}), {Runtime}, Azurite {Azurite} on Node {Node}";

    private static string OsName()
    {
        var pretty = ReadField("/etc/os-release", "PRETTY_NAME", '=');
        return pretty?.Trim('"') ?? RuntimeInformation.OSDescription;
    }

    private static double MemTotalKiB()
    {
        var value = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return value is null ? double.NaN : double.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string? ReadField(string file, string name, char separator = ':')
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            var i = line.IndexOf(separator, StringComparison.Ordinal);
            if (i > 0 && line[..i].Trim() == name)
            {
                return line[(i + 1)..].Trim();
            }
        }

        return null;
    }
}
