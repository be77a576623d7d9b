using MethodDays.Platform.Host;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// Hourly: removes what failed or abandoned uploads left behind — sessions older than a day that never completed
/// (their blob, if any part was committed, goes too, unless the file did get attached) and refused ones after an
/// hour — and finished exports after a week. Uncommitted blocks Blob Storage drops by itself after seven days.
/// </summary>
public sealed class CleanupTimer(PracticeStore store, PracticeFileStore files, ExportStore exports, TimeProvider time, ILogger<CleanupTimer> logger) : ITimerFunction
{
    public const string Name = "CleanupPracticeUploads";
    public const string Schedule = "0 15 * * * *";

    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    public static readonly TimeSpan ArchivesKept = TimeSpan.FromDays(7);

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var upload in await files.StaleUploadsAsync(now - TimeSpan.FromHours(1), cancellationToken))
        {
            var abandoned = upload.State == "open" && now - upload.CreatedAt > AbandonedAfter;
            if (!abandoned && upload.State != "refused" && upload.State != "complete")
            {
                continue;
            }

            if (upload.State != "complete")
            {
                var practice = await store.GetAsync(upload.PartitionKey, upload.PracticeId, cancellationToken);
                var attached = practice?.StoredFiles.Any(f => f.Id == upload.FileId) == true;
                if (!attached)
                {
                    await files.DeleteUploadedAsync(upload, cancellationToken);
                }
            }

            await files.DeleteUploadAsync(upload, cancellationToken);
            removed++;
        }

        removed += await exports.DeleteArchivesBeforeAsync(now - ArchivesKept, cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Cleanup removed {Count} stale uploads and old exports", removed);
        }
    }
}
