using System.Net;
using System.Net.Sockets;

namespace MethodDays.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of a real server that a test can close (every connection reset, new ones refused — to the
/// app, the server is down), make hang (connections accepted and read, nothing ever answered — a frozen server,
/// which only a timeout ends) and open again on the same port, with the server's data untouched.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource _open = new();
    private TaskCompletionSource _swallowed = NewSignal();
    private volatile bool _hanging;

    public TcpGate(int targetPort)
    {
        _target = targetPort;
        Port = Ports.Free();
        Open();
    }

    public int Port { get; }

    /// <summary>When set, each direction of every connection carries at most this many bytes a second (a slow line).</summary>
    public int? BytesPerSecond { get; set; }

    /// <summary>Completes when, since the last <see cref="Hang"/>, the gate has swallowed a request it will never answer.</summary>
    public Task Swallowed => _swallowed.Task;

    /// <summary>Serves again: a hanging gate resets the connections it froze (their requests were never answered).</summary>
    public void Open()
    {
        if (_hanging)
        {
            _hanging = false;
            ResetConnections();
        }

        if (_listener is null || _open.IsCancellationRequested)
        {
            Listen();
        }
    }

    /// <summary>
    /// Freezes the server: new connections are accepted and what they send is read, open ones stop relaying, and
    /// nothing is answered or closed — the client sees only silence, as from a storage emulator that stopped mid-work.
    /// </summary>
    public void Hang()
    {
        _swallowed = NewSignal();
        if (_listener is null || _open.IsCancellationRequested)
        {
            Listen();
        }

        _hanging = true;
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Close()
    {
        _hanging = false;
        _open.Cancel();
        _listener?.Stop();
        ResetConnections();
    }

    private void Listen()
    {
        _open = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _open.Token);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ResetConnections()
    {
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

            _ = _hanging ? HoldAsync(inbound, ct) : RelayAsync(inbound, ct);
        }
    }

    /// <summary>A connection to the frozen server: everything it sends is read and dropped; it hears nothing back.</summary>
    private async Task HoldAsync(TcpClient inbound, CancellationToken ct)
    {
        lock (_connections)
        {
            _connections.Add(inbound);
        }

        try
        {
            var buffer = new byte[16 * 1024];
            while (await inbound.GetStream().ReadAsync(buffer, ct) > 0)
            {
                _swallowed.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up, or the gate closed or opened.
        }
        finally
        {
            inbound.Dispose();
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

            if (_hanging)
            {
                // Frozen: what either side sends is dropped (a request never reaches the server, an answer never leaves).
                _swallowed.TrySetResult();
                continue;
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
