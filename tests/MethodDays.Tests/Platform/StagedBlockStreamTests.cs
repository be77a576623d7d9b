using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Platform;

/// <summary>The export's output stream on Azurite: many blocks in flight, nothing visible before the commit.</summary>
public sealed class StagedBlockStreamTests
{
    [Fact]
    public async Task ManyBlocksWrittenInOddPiecesArriveWholeAndOnlyAtTheCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobServiceClient((await Azurite.Shared).ConnectionString).GetBlobContainerClient("staged" + Guid.NewGuid().ToString("n")[..12]);
        await container.CreateAsync(cancellationToken: ct);
        var blob = container.GetBlockBlobClient("archive.zip");
        var data = new byte[(10 * 1024 * 1024) + 12_345];
        Random.Shared.NextBytes(data);

        await using (var stream = new StagedBlockStream(blob, new BlobHttpHeaders { ContentType = "application/zip" }, blockSize: 1024 * 1024, maxInFlight: 2))
        {
            for (var offset = 0; offset < data.Length;)
            {
                var piece = Math.Min(data.Length - offset, 70_001);
                await stream.WriteAsync(data.AsMemory(offset, piece), ct);
                offset += piece;
            }

            Assert.False((await blob.ExistsAsync(ct)).Value, "The blob appeared before the commit.");
            await stream.CommitAsync(ct);
            Assert.Equal(data.Length, stream.Length);
        }

        var stored = await blob.DownloadContentAsync(ct);
        Assert.Equal("application/zip", stored.Value.Details.ContentType);
        Assert.True(data.AsSpan().SequenceEqual(stored.Value.Content.ToArray()), "The stored bytes differ from those written.");
        Assert.Equal(11, (await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: ct)).Value.CommittedBlocks.Count());
        await container.DeleteAsync(cancellationToken: ct);
    }

    [Fact]
    public async Task AStreamDisposedWithoutCommitLeavesNoBlob()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobServiceClient((await Azurite.Shared).ConnectionString).GetBlobContainerClient("staged" + Guid.NewGuid().ToString("n")[..12]);
        await container.CreateAsync(cancellationToken: ct);
        var blob = container.GetBlockBlobClient("archive.zip");

        await using (var stream = new StagedBlockStream(blob, new BlobHttpHeaders(), blockSize: 1024 * 1024))
        {
            await stream.WriteAsync(new byte[3 * 1024 * 1024], ct);
        }

        Assert.False((await blob.ExistsAsync(ct)).Value);
        await container.DeleteAsync(cancellationToken: ct);
    }
}
