using MethodDays.Features.People;
using MethodDays.Platform.Host;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>
/// Every five minutes (UTC): runs the cycle engine for every municipality in its own local time. Azure timers
/// are UTC on Linux plans and run on one instance at a time; the engine's idempotency keys make a repeated,
/// overlapping or late tick harmless anyway.
/// </summary>
public sealed class CycleTickTimer(DirectoryStore directory, CycleEngine engine, TimeProvider time, ILogger<CycleTickTimer> logger) : ITimerFunction
{
    public const string Name = "CycleTick";
    public const string Schedule = "0 */5 * * * *";

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var municipalities = await directory.ListMunicipalitiesAsync(cancellationToken);
        var failures = 0;
        await Parallel.ForEachAsync(municipalities, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (m, ct) =>
        {
            try
            {
                await engine.RunAsync(m, now, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One municipality's trouble must not hold back the others; the next tick tries again.
                Interlocked.Increment(ref failures);
                logger.LogError(ex, "Cycle tick failed for municipality {Municipality}", m.Id);
            }
        });

        if (failures > 0)
        {
            throw new InvalidOperationException($"Cycle tick failed for {failures} of {municipalities.Count} municipalities.");
        }
    }
}
