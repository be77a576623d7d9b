using System.Buffers;

namespace MethodDays.Platform.Storage;

/// <summary>
/// The 4 MiB buffers of block uploads and staged exports. A pool of their own, holding at most eight of them (32 MiB):
/// the shared pool also keeps one per thread, so after a busy hour of uploads a process would hold a 4 MiB array for
/// every worker thread that ever handled one, and its resident memory would only grow.
/// </summary>
public static class BlockBuffers
{
    public const int Size = 4 * 1024 * 1024;

    public static ArrayPool<byte> Pool { get; } = ArrayPool<byte>.Create(Size, maxArraysPerBucket: 8);
}
