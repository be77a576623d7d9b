using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Platform.Storage;

/// <summary>
/// Resumable uploads of a file in 4 MiB blocks straight into its block blob, shared by every feature that takes large
/// files (the practice bank, a visit's documents). The page sends block <c>n</c> of a file of known size; each is
/// checked for its length, held once in a pooled buffer and staged; blocks may come in any order and again after a
/// dropped connection (a block staged twice under the same id is one block). Completion commits them in order —
/// committing again is harmless — and inspects the file whole before it counts. The stores call these with their own
/// blob; the handlers call <see cref="ReadAsync"/> and <see cref="Missing"/>.
/// </summary>
public static class StagedBlocks
{
    public const int BlockSize = BlockBuffers.Size;

    /// <summary>How many blocks a file of <paramref name="size"/> bytes takes.</summary>
    public static int CountFor(long size) => (int)((size + BlockSize - 1) / BlockSize);

    /// <summary>
    /// Reads block <paramref name="index"/> of a file of <paramref name="size"/> bytes from the request body: the number
    /// must exist and the body must have exactly the block's length (a body cut short asks for the block again).
    /// </summary>
    public static async Task<(ReceivedBlock? Block, ValidationProblem? Problem)> ReadAsync(HttpRequest request, long size, int index, CancellationToken ct)
    {
        var count = CountFor(size);
        if (index < 0 || index >= count)
        {
            return (null, Problems.Problems.Invalid("index", $"У файла {count} частей: номер от 0 до {count - 1}."));
        }

        var expected = (int)Math.Min(BlockSize, size - ((long)index * BlockSize));
        if (request.ContentLength != expected)
        {
            return (null, Problems.Problems.Invalid("body", $"Часть №{index} должна быть ровно {expected} байт (получено {request.ContentLength?.ToString(CultureInfo.InvariantCulture) ?? "без длины"})."));
        }

        var block = new ReceivedBlock(index, expected);
        try
        {
            while (block.Length < expected)
            {
                var n = await request.Body.ReadAsync(block.Free, ct);
                if (n == 0)
                {
                    block.Dispose();
                    return (null, Problems.Problems.Invalid("body", "Часть файла пришла не целиком: связь прервалась. Отправьте её ещё раз."));
                }

                block.Length += n;
            }
        }
        catch
        {
            block.Dispose();
            throw;
        }

        return (block, null);
    }

    /// <summary>A refusal naming the blocks that have not arrived (at most ten), or null when all have.</summary>
    public static ValidationProblem? Missing(IReadOnlyCollection<int> received, int count)
    {
        if (received.Count >= count)
        {
            return null;
        }

        var missing = Enumerable.Range(0, count).Except(received).Take(10);
        return Problems.Problems.Invalid("blocks", $"Получены не все части файла: нет частей {string.Join(", ", missing)}. Досылайте их — загрузка продолжится с того же места.");
    }

    /// <summary>Stages one block (for the stores).</summary>
    public static async Task StageAsync(BlockBlobClient blob, ReceivedBlock block, CancellationToken ct)
    {
        using var content = block.AsStream();
        await blob.StageBlockAsync(BlockId(block.Index), content, cancellationToken: ct);
    }

    /// <summary>
    /// The block numbers the blob already has, in order: staged and waiting, or already committed (a completion that
    /// committed and then failed is simply completed again). None if nothing arrived yet.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ReceivedAsync(BlockBlobClient blob, int count, CancellationToken ct)
    {
        try
        {
            var list = (await blob.GetBlockListAsync(BlockListTypes.All, cancellationToken: ct)).Value;
            var ids = Enumerable.Range(0, count).ToDictionary(BlockId);
            return [.. list.UncommittedBlocks.Concat(list.CommittedBlocks).Where(b => ids.ContainsKey(b.Name)).Select(b => ids[b.Name]).Distinct().Order()];
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    /// <summary>
    /// Commits the blocks in order as the blob's content and inspects it whole (a seekable stream read in 256 KiB
    /// pieces); a refusal deletes the blob again and is returned, else null.
    /// </summary>
    public static async Task<string?> CommitAsync(
        BlockBlobClient blob, int count, string contentType, IDictionary<string, string> metadata, Func<Stream, string?> inspect, CancellationToken ct)
    {
        await blob.CommitBlockListAsync(
            Enumerable.Range(0, count).Select(BlockId),
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Metadata = metadata },
            ct);
        string? refusal;
        await using (var whole = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 256 * 1024 }, ct))
        {
            refusal = inspect(whole);
        }

        if (refusal is not null)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: ct);
        }

        return refusal;
    }

    /// <summary>Block ids must have one length within a blob: "block-000042" in base64.</summary>
    private static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index:D6}"));
}

/// <summary>One block of an upload as it arrived, in a pooled buffer returned on dispose.</summary>
public sealed class ReceivedBlock : IDisposable
{
    private byte[]? _buffer;

    internal ReceivedBlock(int index, int capacity)
    {
        Index = index;
        _buffer = BlockBuffers.Pool.Rent(capacity);
        Capacity = capacity;
    }

    public int Index { get; }

    public int Length { get; internal set; }

    private int Capacity { get; }

    /// <summary>The bytes received (the first block's are what a content check reads).</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    internal Memory<byte> Free => _buffer.AsMemory(Length, Capacity - Length);

    internal MemoryStream AsStream() => new(_buffer!, 0, Length, writable: false);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            BlockBuffers.Pool.Return(_buffer);
            _buffer = null;
        }
    }
}
