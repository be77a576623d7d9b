using System.Diagnostics;

namespace MethodDays.Bench.Infrastructure;

public static class NodeVersion
{
    public static string Read()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v.TrimStart('v');
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
