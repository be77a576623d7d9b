using MethodDays.Platform.Host;

namespace MethodDays.Features.Visits;

/// <summary>
/// Daily: removes the visit documents' uploads that never became a file — refused ones and those left unfinished for
/// more than a day (their committed bytes too, if any). Finished uploads stay with their file and go when it is taken
/// back.
/// </summary>
internal sealed class VisitUploadCleanupTimer(VisitReviewStore store, TimeProvider time, ILogger<VisitUploadCleanupTimer> logger) : ITimerFunction
{
    public const string Name = "CleanupVisitUploads";
    public const string Schedule = "0 40 2 * * *";

    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var stale = await store.StaleUploadsAsync(time.GetUtcNow() - AbandonedAfter, cancellationToken);
        foreach (var upload in stale)
        {
            await store.DeleteUploadAsync(upload, cancellationToken);
        }

        if (stale.Count > 0)
        {
            logger.LogInformation("Cleanup removed {Count} unfinished visit document uploads", stale.Count);
        }
    }
}
