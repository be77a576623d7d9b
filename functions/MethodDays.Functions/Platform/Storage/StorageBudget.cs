using System.Diagnostics;

namespace MethodDays.Platform.Storage;

/// <summary>
/// How long storage may keep one person's request waiting. A frozen storage service accepts connections and never
/// answers; without a bound the SDK's own patience (three tries of 20 s) keeps the page waiting a minute. A request
/// from a person (<c>/api</c>) gets a budget of storage time instead: each try waits at most
/// <see cref="StorageOptions.InteractiveTryTimeout"/>, and once <see cref="StorageOptions.InteractiveTimeout"/> of
/// waiting on storage is spent, the next call fails at once with <see cref="StorageTimeoutException"/>, which the
/// problem mapping turns into the usual 503. Timer and queue invocations (the host's POST /{name}, the local driver)
/// carry no budget and keep the long patience: nobody is watching them, and the host retries them.
/// </summary>
/// <remarks>
/// Only time spent waiting on storage counts (the union of calls in flight, retry pauses included), not the whole
/// request: a block upload over a slow line or a file streamed to a phone takes as long as the line needs, and
/// cutting it would lose the person's upload, not protect them.
///
/// Giving up on a write does not make it unsafe to try again, though storage may have applied it after all: every
/// update carries the ETag it was made against, so a repeated draft save that already landed gets a 409 with the
/// current sheet (never a second, lost or merged write), and a sheet submission is one table transaction that a
/// repeat with the same ETag and answers is recognised by (SheetStore.SubmitAsync) — it lands whole once or not at all.
/// </remarks>
public sealed class StorageBudget
{
    private static readonly AsyncLocal<StorageBudget?> Ambient = new();

    private readonly object _gate = new();
    private readonly TimeSpan _total;
    private int _inFlight;
    private long _busySince;
    private TimeSpan _spent;
    private bool _ended;

    private StorageBudget(TimeSpan total, TimeSpan tryTimeout)
    {
        _total = total;
        TryTimeout = tryTimeout;
    }

    /// <summary>The budget of the person's request this code runs for; null for timers, queues and start-up.</summary>
    public static StorageBudget? Current => Ambient.Value is { } budget && !budget.Ended ? budget : null;

    /// <summary>All the storage waiting one request may do.</summary>
    public TimeSpan Total => _total;

    /// <summary>One try's patience.</summary>
    public TimeSpan TryTimeout { get; }

    /// <summary>Storage waiting time still allowed.</summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (_gate)
            {
                var spent = _spent + (_inFlight > 0 ? Stopwatch.GetElapsedTime(_busySince) : TimeSpan.Zero);
                return _total - spent;
            }
        }
    }

    private bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>
    /// Starts a budget for the code that runs after this call in the same flow. Disposing it ends it: work that
    /// outlives the request (or a timer a request happened to create) is no longer bound by the person's patience.
    /// </summary>
    public static IDisposable Begin(TimeSpan total, TimeSpan tryTimeout)
    {
        var budget = new StorageBudget(total, tryTimeout);
        Ambient.Value = budget;
        return new Ending(budget);
    }

    /// <summary>Whether a request is a person's (the API under <c>/api</c>) rather than the Functions host's invocation.</summary>
    public static bool IsInteractive(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    internal void Enter()
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _busySince = Stopwatch.GetTimestamp();
            }
        }
    }

    internal void Exit()
    {
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                _spent += Stopwatch.GetElapsedTime(_busySince);
            }
        }
    }

    private sealed class Ending(StorageBudget budget) : IDisposable
    {
        public void Dispose()
        {
            lock (budget._gate)
            {
                budget._ended = true;
            }

            if (Ambient.Value == budget)
            {
                Ambient.Value = null;
            }
        }
    }
}

/// <summary>Storage did not answer within the person's request budget; mapped to 503 with Retry-After.</summary>
public sealed class StorageTimeoutException(TimeSpan budget)
    : TimeoutException($"Storage did not answer within the request's budget of {budget.TotalSeconds:0.#} s.")
{
}
