using System.Net;
using System.Net.Sockets;

namespace MethodDays.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of a real server that a test can close (every connection reset, new ones refused — to the
/// app, the server is down) and open again on the same port, with the server's data untouched.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource _open = new();

    public TcpGate(int targetPort)
    {
        _target = targetPort;
        Port = Ports.Free();
        Open();
    }

    public int Port { get; }

    /// <summary>When set, each direction of every connection carries at most this many bytes a second (a slow line).</summary>
    public int? BytesPerSecond { get; set; }

    public void Open()
    {
        _open = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _open.Token);
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Close()
    {
        _open.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var c in _connections)
            {
                try
                {
                    // Linger 0: a reset, as when the server process dies, not a polite close.
                    c.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }

                c.Dispose();
            }

            _connections.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound, ct);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken ct)
    {
        using var outbound = new TcpClient();
        lock (_connections)
        {
            _connections.Add(inbound);
            _connections.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _target, ct);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(CopyAsync(a, b, ct), CopyAsync(b, a, ct));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The gate closed or a side hung up.
        }
        finally
        {
            inbound.Dispose();
        }
    }

    private async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var rate = BytesPerSecond;
            var read = await from.ReadAsync(buffer.AsMemory(0, rate is { } r ? Math.Min(buffer.Length, Math.Max(1024, r / 20)) : buffer.Length), ct);
            if (read == 0)
            {
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            if (rate is { } limit)
            {
                // Pacing a slow line, not waiting for an event: the bytes just sent take this long on it.
                await Task.Delay(TimeSpan.FromSeconds(read / (double)limit), ct);
            }
        }
    }
}
