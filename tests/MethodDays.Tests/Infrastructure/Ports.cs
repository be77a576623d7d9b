using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MethodDays.Tests.Infrastructure;

/// <summary>Helpers for the real servers tests start: free ports and stopping child processes.</summary>
public static class Ports
{
    /// <summary>A port nothing listens on right now (the system's choice for port 0).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills a child process and its children, if it still runs.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }
}
