using System.Net;
using System.Net.Sockets;

namespace MethodDays.Bench.Infrastructure;

public static class Ports
{
    /// <summary>A port the kernel considers free right now (loopback only).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
