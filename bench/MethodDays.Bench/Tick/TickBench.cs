using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MethodDays.Bench.Infrastructure;
using MethodDays.Features.Notifications;
using MethodDays.Features.WeeklyCycle;

namespace MethodDays.Bench.Tick;

/// <summary>One timed step of the suite: what ran, how long, how many messages, failures, CPU by process.</summary>
public sealed record Phase(string Name, double Seconds, int Messages, int Errors, IReadOnlyDictionary<string, double> CpuMs)
{
    public double PerSecond => Messages / Seconds;

    public double CpuPerMessage(string process) => Messages == 0 ? double.NaN : CpuMs.GetValueOrDefault(process, double.NaN) / Messages;
}

/// <summary>What the tick suite measured.</summary>
public sealed record TickResult(
    int Municipalities,
    int Schools,
    int Members,
    int ExpectedEffects,
    int ExpectedNotices,
    int Effects,
    IReadOnlyDictionary<string, int> EffectKinds,
    int Notices,
    double MeanMessageBytes,
    int SendParallelism,
    int DeliveryWorkers,
    IReadOnlyList<Phase> Phases,
    int SampledMessages,
    int RepeatTickNotices,
    int RepeatTickEffects,
    double RepeatTickSeconds,
    int FeedRows,
    int FeedDistinct,
    int OverlapNotices,
    double OverlapSeconds,
    IReadOnlyList<string> OverlapFailures)
{
    public const string Tick = "app tick (claim effects, enqueue notices)";
    public const string Delivery = "app delivery (POST /SendNotification per notice)";
    public const string RawSend = "raw queue send";
    public const string RawFeed = "raw feed insert";

    public IEnumerable<Phase> Of(string name) => Phases.Where(p => p.Name == name);

    public double Median(string name) => Stats.Of([.. Of(name).Select(p => p.Seconds)]).Median;
}

/// <summary>
/// Issue 3: one cycle tick for every municipality, timed from the host's POST to its answer (effects claimed,
/// notices on the <c>notifications</c> queue), beside raw queue sends of the same messages in the same run; the
/// delivery of every notice through the sender function, beside the sender's own storage write done raw; then a
/// repeated tick and two overlapping ticks, counting what was queued twice.
/// <para>
/// Azurite's queue scans every message of the account on each receive (about 0.4 s per receive with 16,600 messages
/// waiting), and after a clear or many deletes its garbage collector can stall the emulator for minutes, so a
/// host-like consumer draining 16,600 messages would measure the emulator. The bench therefore never receives or
/// removes messages: counts are the queue's growth, the raw sends and the deliveries use as many bodies as the tick
/// queued, made from the first 32 on the queue (peeked) with their notice ids made unique, handed to the sender the way
/// the host does.
/// </para>
/// </summary>
public sealed class TickBench(
    ServerProcess app,
    HttpClient host, TableServiceClient tables, QueueServiceClient queues, string prefix, TickWorld world, CpuMeter cpu,
    int rounds, int sendParallelism, int deliveryWorkers, Action<string> log)
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The app's own notice JSON: Cyrillic as UTF-8, not \u escapes (the bodies keep the size the app sends).</summary>
    private static readonly JsonSerializerOptions AsTheAppWrites = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private int _sendFailureLogged;

    private QueueClient AppQueue => queues.GetQueueClient($"{prefix}-{Notifier.Queue}");

    private QueueClient RawQueue => queues.GetQueueClient($"{prefix}-rawsend");

    private TableClient Effects => tables.GetTableClient(prefix + CycleStore.EffectsTable);

    private TableClient Feed => tables.GetTableClient(prefix + NotificationStore.FeedTable);

    private TableClient RawFeed => tables.GetTableClient(prefix + "rawfeed");

    public async Task<TickResult> RunAsync()
    {
        await RawQueue.CreateIfNotExistsAsync();
        var phases = new List<Phase>();
        IReadOnlyList<string> bodies = [];
        var samples = 0;
        var notices = 0;
        var effects = 0;
        IReadOnlyDictionary<string, int> kinds = new Dictionary<string, int>();
        int feedRows = 0, feedDistinct = 0;
        for (var r = 0; r < rounds; r++)
        {
            // Round 1 goes app first (its tick's messages give the raw side its bodies); later rounds alternate.
            var appFirst = r % 2 == 0;
            await ResetAsync();
            if (!appFirst)
            {
                phases.AddRange(await RawAsync(bodies));
            }

            var tick = await TickAsync();
            phases.Add(tick);
            notices = tick.Messages;
            (effects, kinds) = await CountEffectsAsync();
            if (bodies.Count == 0)
            {
                (bodies, samples) = await BodiesAsync(notices);
            }

            var delivery = await DeliverAsync(bodies);
            phases.Add(delivery);
            (feedRows, feedDistinct) = await CountFeedAsync();
            log($"tick round {r + 1}: {notices} notices from {effects} effects, tick {tick.Seconds:F2} s, delivery {delivery.Seconds:F2} s ({delivery.Errors} errors), feed {feedRows} rows / {feedDistinct} distinct");
            if (appFirst)
            {
                phases.AddRange(await RawAsync(bodies));
            }
        }

        // A repeated tick over the final state: everything due was claimed and queued already.
        var repeat = await TickAsync();
        var (effectsAfterRepeat, _) = await CountEffectsAsync();
        log($"tick repeated: {repeat.Messages} notices queued in {repeat.Seconds:F2} s, effects {effects} → {effectsAfterRepeat}");

        // Two ticks at once from a clean state (a slow tick overlapping the next one, or two instances).
        await ResetAsync();
        var depth = await DepthAsync(AppQueue);
        var overlapClock = Stopwatch.StartNew();
        var both = await Task.WhenAll(
            HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod),
            HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod));
        var overlapSeconds = overlapClock.Elapsed.TotalSeconds;

        // A failed invocation is a finding, not the end of the suite: the host would run the timer again at the next tick.
        var overlapFailures = both.Where(b => b.Status != HttpStatusCode.OK).Select(b => $"{(int)b.Status} {b.Body}").ToList();
        foreach (var failure in overlapFailures)
        {
            log($"tick overlapping: an invocation failed: {failure}");
            log("app log, last lines:\n" + app.Tail);
        }

        var overlapNotices = await DepthAsync(AppQueue) - depth;
        log($"tick overlapping: {overlapNotices} notices queued by two ticks at once ({overlapSeconds:F2} s)");

        var meanBytes = bodies.Count == 0 ? 0 : bodies.Average(b => (double)System.Text.Encoding.UTF8.GetByteCount(b));
        return new TickResult(world.Municipalities, world.Schools, world.Members, world.ExpectedEffects, world.ExpectedNotices, effects, kinds, notices, meanBytes,
            sendParallelism, deliveryWorkers, phases, samples, repeat.Messages, effectsAfterRepeat - effects, repeat.Seconds, feedRows, feedDistinct,
            overlapNotices, overlapSeconds, overlapFailures);
    }

    /// <summary>
    /// One <c>POST /CycleTick</c>, timed to its answer; the messages it queued are counted after the clock stops, as the
    /// growth of the queue (messages are never removed: see the class's note).
    /// </summary>
    private async Task<Phase> TickAsync()
    {
        var before = await DepthAsync(AppQueue);
        var tick = await TimeAsync(TickResult.Tick, async () =>
        {
            var (status, body) = await HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod);
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"POST /{CycleTickTimer.Name}: {(int)status} {body}");
            }

            return (0, 0);
        });
        return tick with { Messages = await DepthAsync(AppQueue) - before };
    }

    private static async Task<int> DepthAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>
    /// As many message texts as the tick queued: the first 32 on the queue (peeked, not received), each repeated with
    /// its notice id made unique, so every body is a distinct notice of a real kind, size and addressee.
    /// </summary>
    private async Task<(IReadOnlyList<string> Bodies, int Samples)> BodiesAsync(int count)
    {
        var peeked = (await AppQueue.PeekMessagesAsync(32)).Value.Select(m => m.MessageText).ToList();
        if (peeked.Count == 0)
        {
            throw new InvalidOperationException("The tick queued no notices: the world has nothing due.");
        }

        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var notice = System.Text.Json.Nodes.JsonNode.Parse(peeked[i % peeked.Count])!;
            notice["id"] = $"{(string?)notice["id"]}-{i}";
            bodies.Add(notice.ToJsonString(AsTheAppWrites));
        }

        return (bodies, peeked.Count);
    }

    /// <summary>
    /// Every notice handed to the sender as the host does (<c>POST /SendNotification</c>, the message text in the
    /// host's queue payload), by <c>deliveryWorkers</c> workers at once.
    /// </summary>
    private Task<Phase> DeliverAsync(IReadOnlyList<string> bodies) => TimeAsync(TickResult.Delivery, async () =>
    {
        var errors = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, bodies.Count), new ParallelOptions { MaxDegreeOfParallelism = deliveryWorkers }, async (i, _) =>
        {
            var (status, body) = await HostCalls.InvokeQueueAsync(host, SendNotificationFunction.Name, bodies[i], $"bench-{i}");
            if (status != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref errors);
                if (Interlocked.Exchange(ref _sendFailureLogged, 1) == 0)
                {
                    log($"POST /{SendNotificationFunction.Name} answered {(int)status}: {body}");
                }
            }
        });
        return (bodies.Count, errors);
    });

    /// <summary>The raw baselines on the same bodies: the sends (the tick's), the feed inserts (the delivery's).</summary>
    private async Task<IReadOnlyList<Phase>> RawAsync(IReadOnlyList<string> bodies)
    {
        var send = await TimeAsync(TickResult.RawSend, async () =>
        {
            // The Notifier's own fan-out bound, with the app's client settings (base64 messages).
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = sendParallelism }, async (b, ct) =>
                await RawQueue.SendMessageAsync(b, ct));
            return (bodies.Count, 0);
        });
        var feed = await TimeAsync(TickResult.RawFeed, async () =>
        {
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = deliveryWorkers }, async (b, ct) =>
                await RawFeed.AddEntityAsync(FeedRow(b), ct));
            return (bodies.Count, 0);
        });
        log($"tick raw: send {send.Seconds:F2} s, feed insert {feed.Seconds:F2} s for {bodies.Count} messages");
        return [send, feed];
    }

    private async Task<Phase> TimeAsync(string name, Func<Task<(int Messages, int Errors)>> run)
    {
        var before = cpu.Snapshot();
        var clock = Stopwatch.StartNew();
        var (messages, errors) = await run();
        var seconds = clock.Elapsed.TotalSeconds;
        return new Phase(name, seconds, messages, errors, CpuMeter.Delta(before, cpu.Snapshot()));
    }

    /// <summary>
    /// Back to the state before any tick: no effects claimed, empty feeds. The queues are left as they are (counts are
    /// differences): clearing them leaves Azurite's garbage collector tens of thousands of messages to sweep, which
    /// stalls the emulator for minutes.
    /// </summary>
    private async Task ResetAsync()
    {
        foreach (var table in new[] { Effects, Feed, RawFeed })
        {
            await table.DeleteAsync();
            await table.CreateIfNotExistsAsync();
        }
    }

    private async Task<(int Count, IReadOnlyDictionary<string, int> Kinds)> CountEffectsAsync()
    {
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var e in Effects.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            var kind = e.RowKey.Split('|')[0];
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            count++;
        }

        return (count, kinds);
    }

    private async Task<(int Rows, int Distinct)> CountFeedAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        await foreach (var e in Feed.QueryAsync<TableEntity>(select: ["NotificationId"]))
        {
            rows++;
            ids.Add(e.GetString("NotificationId") ?? "");
        }

        return (rows, ids.Count);
    }

    /// <summary>The feed row the sender writes for a notice (same keys and properties).</summary>
    private static TableEntity FeedRow(string body)
    {
        var m = JsonSerializer.Deserialize<NotificationMessage>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return new TableEntity($"{m.MunicipalityId}|{m.PersonId}", $"{DateTimeOffset.MaxValue.UtcTicks - m.CreatedAt.UtcTicks:D19}|{m.Id}")
        {
            ["NotificationId"] = m.Id,
            ["Kind"] = m.Kind.ToString(),
            ["Subject"] = m.Subject,
            ["Text"] = m.Text,
            ["Link"] = m.Link,
            ["CreatedAt"] = m.CreatedAt,
            ["Read"] = false,
        };
    }
}
