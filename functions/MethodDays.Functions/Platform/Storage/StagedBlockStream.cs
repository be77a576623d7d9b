using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MethodDays.Platform.Storage;

/// <summary>
/// A write-only stream into a block blob that does not make its writer wait for storage: it fills blocks of
/// <c>blockSize</c> and stages up to <c>maxInFlight</c> of them at once while the writer goes on, and commits the
/// block list only in <see cref="CommitAsync"/>. Until then the blob does not change (a process that dies mid-way
/// leaves no partial blob, only uncommitted blocks the service drops within a week). Memory is bounded by
/// (<c>maxInFlight</c> + 1) blocks whatever the length.
/// </summary>
public sealed class StagedBlockStream(BlockBlobClient blob, BlobHttpHeaders headers, int blockSize = BlockBuffers.Size, int maxInFlight = 3) : Stream
{
    private readonly List<string> _blockIds = [];
    private readonly List<Task> _inFlight = [];
    private byte[]? _buffer = BlockBuffers.Pool.Rent(blockSize);
    private int _filled;
    private long _length;
    private bool _committed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_committed;

    /// <summary>Bytes written so far.</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_buffer is null || _committed, this);
        while (buffer.Length > 0)
        {
            var n = Math.Min(blockSize - _filled, buffer.Length);
            buffer[..n].CopyTo(_buffer.AsMemory(_filled));
            _filled += n;
            _length += n;
            buffer = buffer[n..];
            if (_filled == blockSize)
            {
                await StageAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous writes (a zip's central directory) only fill the buffer until a block is full.</summary>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Blocks go out as they fill; nothing is committed before <see cref="CommitAsync"/>.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stages what is left, waits for every block, and commits the list: the blob now holds all that was written.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer is null || _committed, this);
        await StageAsync(cancellationToken);
        await Task.WhenAll(_inFlight);
        _inFlight.Clear();
        await blob.CommitBlockListAsync(_blockIds, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken);
        _committed = true;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        // Not committed: the blocks already staged are left uncommitted; wait for them only to return their buffers.
        try
        {
            await Task.WhenAll(_inFlight);
        }
        catch (Exception)
        {
            // Their failure already reached the writer, or nobody is waiting for the blob any more.
        }

        _inFlight.Clear();
        if (_buffer is not null)
        {
            BlockBuffers.Pool.Return(_buffer);
            _buffer = null;
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is not null)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async Task StageAsync(CancellationToken ct)
    {
        if (_filled == 0)
        {
            return;
        }

        while (_inFlight.Count >= maxInFlight)
        {
            var finished = await Task.WhenAny(_inFlight);
            _inFlight.Remove(finished);
            await finished; // a failed block fails the writer now
        }

        // Block ids: base64 of a fixed-length text, as the service requires the same length for all.
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D8", CultureInfo.InvariantCulture)));
        _blockIds.Add(id);
        var full = _buffer!;
        var length = _filled;
        _buffer = BlockBuffers.Pool.Rent(blockSize);
        _filled = 0;
        _inFlight.Add(StageBlockAsync(id, full, length, ct));
    }

    private async Task StageBlockAsync(string id, byte[] data, int length, CancellationToken ct)
    {
        try
        {
            using var content = new MemoryStream(data, 0, length, writable: false);
            await blob.StageBlockAsync(id, content, cancellationToken: ct);
        }
        finally
        {
            BlockBuffers.Pool.Return(data);
        }
    }
}
