using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
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
    int RepeatTickNotices,
    int RepeatTickEffects,
    int FeedRows,
    int FeedDistinct,
    int FeedRowsAfterRepeat,
    int OverlapNotices,
    int OverlapFeedRows,
    int OverlapFeedDistinct,
    double OverlapSeconds,
    IReadOnlyList<string> OverlapFailures,
    int CheckDeliveryErrors)
{
    public const string Tick = "app tick (claim effects, enqueue notices)";
    public const string Delivery = "app delivery (POST /SendNotification per message)";
    public const string RawSend = "raw queue send";
    public const string RawReceive = "raw receive + delete";
    public const string RawReplay = "raw receive + feed insert + delete";

    public IEnumerable<Phase> Of(string name) => Phases.Where(p => p.Name == name);

    public double Median(string name) => Stats.Of([.. Of(name).Select(p => p.Seconds)]).Median;

}

/// <summary>
/// Issue 3: one cycle tick for every municipality, timed from the host's POST to its answer (effects claimed,
/// notices on the <c>notifications</c> queue), then their delivery through the sender function, each beside the raw
/// queue operations on the same number of messages of the same sizes, in the same run; then a repeated tick and two
/// overlapping ticks, counting what was queued twice.
/// </summary>
public sealed class TickBench(
    ServerProcess app,
    HttpClient host, TableServiceClient tables, QueueServiceClient queues, string prefix, TickWorld world, CpuMeter cpu,
    int rounds, int sendParallelism, int deliveryWorkers, Action<string> log)
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMinutes(5);

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
        var notices = 0;
        var effects = 0;
        IReadOnlyDictionary<string, int> kinds = new Dictionary<string, int>();
        double meanBytes = 0;
        int feedRows = 0, feedDistinct = 0;
        for (var r = 0; r < rounds; r++)
        {
            // Round 1 goes app first (its delivery records the messages the raw sends replay); later rounds alternate.
            var appFirst = r % 2 == 0;
            if (!appFirst)
            {
                phases.AddRange(await RawAsync(bodies));
            }

            await ResetAsync();
            var tick = await TimeAsync(TickResult.Tick, async () =>
            {
                var (status, body) = await HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod);
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"POST /{CycleTickTimer.Name}: {(int)status} {body}");
                }

                return (0, 0);
            });

            // Counted after the clock stopped: the queue holds exactly what the tick enqueued.
            tick = tick with { Messages = await QueueDrain.CountAsync(AppQueue) };
            phases.Add(tick);
            notices = tick.Messages;
            (effects, kinds) = await CountEffectsAsync();
            DrainResult? drained = null;
            var delivery = await TimeAsync(TickResult.Delivery, async () =>
            {
                drained = await QueueDrain.RunAsync(AppQueue, deliveryWorkers, SendAsync, keepBodies: r == 0);
                return (drained.Messages, drained.Errors);
            });
            phases.Add(delivery);
            if (r == 0)
            {
                bodies = drained!.Bodies;
                meanBytes = drained.TextBytes / (double)Math.Max(1, drained.Messages);
            }

            (feedRows, feedDistinct) = await CountFeedAsync();
            log($"tick round {r + 1}: {notices} notices from {effects} effects, tick {tick.Seconds:F2} s, delivery {delivery.Seconds:F2} s ({delivery.Errors} errors), feed {feedRows} rows / {feedDistinct} distinct");
            if (appFirst)
            {
                phases.AddRange(await RawAsync(bodies));
            }
        }

        // A repeated tick over the same state: nothing is due that was not already claimed and queued.
        var (repeatStatus, repeatBody) = await HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod);
        if (repeatStatus != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"repeated POST /{CycleTickTimer.Name}: {(int)repeatStatus} {repeatBody}");
        }

        var repeatNotices = await QueueDrain.CountAsync(AppQueue);
        var (effectsAfterRepeat, _) = await CountEffectsAsync();
        var repeatDrain = await QueueDrain.RunAsync(AppQueue, deliveryWorkers, SendAsync);
        var (feedAfterRepeat, _) = await CountFeedAsync();
        log($"tick repeated: {repeatNotices} notices queued, effects {effects} → {effectsAfterRepeat}, feed {feedRows} → {feedAfterRepeat} rows ({repeatDrain.Errors} delivery errors)");

        // Two ticks at once from a clean state (a slow tick overlapping the next one, or two instances).
        await ResetAsync();
        var overlapClock = Stopwatch.StartNew();
        var both = await Task.WhenAll(
            HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod),
            HostCalls.InvokeTimerAsync(host, CycleTickTimer.Name, TickPeriod));
        var overlapSeconds = overlapClock.Elapsed.TotalSeconds;
        // A failed invocation is a finding, not the end of the suite: the host would retry at the next tick.
        var overlapFailures = both.Where(b => b.Status != HttpStatusCode.OK).Select(b => $"{(int)b.Status} {b.Body}").ToList();
        foreach (var failure in overlapFailures)
        {
            log($"tick overlapping: an invocation failed: {failure}");
            log("app log, last lines:\n" + app.Tail);
        }

        var overlapNotices = await QueueDrain.CountAsync(AppQueue);
        var overlapDrain = await QueueDrain.RunAsync(AppQueue, deliveryWorkers, SendAsync);
        var (overlapFeed, overlapDistinct) = await CountFeedAsync();
        log($"tick overlapping: {overlapNotices} notices queued by two ticks at once ({overlapSeconds:F2} s), feed {overlapFeed} rows / {overlapDistinct} distinct ({overlapDrain.Errors} delivery errors of {overlapDrain.Messages})");

        return new TickResult(world.Municipalities, world.Schools, world.Members, world.ExpectedEffects, world.ExpectedNotices, effects, kinds, notices, meanBytes,
            sendParallelism, deliveryWorkers, phases, repeatNotices, effectsAfterRepeat - effects, feedRows, feedDistinct, feedAfterRepeat, overlapNotices, overlapFeed, overlapDistinct, overlapSeconds, overlapFailures, repeatDrain.Errors + overlapDrain.Errors);
    }

    /// <summary>The raw baselines on the recorded messages: send; receive + delete; send again; receive + feed insert + delete.</summary>
    private async Task<IReadOnlyList<Phase>> RawAsync(IReadOnlyList<string> bodies)
    {
        var list = new List<Phase>();
        list.Add(await SendRawAsync(bodies));
        list.Add(await TimeAsync(TickResult.RawReceive, async () =>
        {
            var d = await QueueDrain.RunAsync(RawQueue, deliveryWorkers, _ => Task.FromResult(true));
            return (d.Messages, d.Errors);
        }));
        list.Add(await SendRawAsync(bodies));
        await RawFeed.DeleteAsync();
        await RawFeed.CreateIfNotExistsAsync();
        list.Add(await TimeAsync(TickResult.RawReplay, async () =>
        {
            var d = await QueueDrain.RunAsync(RawQueue, deliveryWorkers, async m =>
            {
                await RawFeed.AddEntityAsync(FeedRow(m.MessageText));
                return true;
            });
            return (d.Messages, d.Errors);
        }));
        log($"tick raw: send {list[0].Seconds:F2} / {list[2].Seconds:F2} s, receive+delete {list[1].Seconds:F2} s, receive+feed+delete {list[3].Seconds:F2} s for {bodies.Count} messages");
        return list;
    }

    private Task<Phase> SendRawAsync(IReadOnlyList<string> bodies) => TimeAsync(TickResult.RawSend, async () =>
    {
        // The Notifier's own fan-out bound, with the app's client settings (base64 messages).
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = sendParallelism }, async (body, ct) =>
            await RawQueue.SendMessageAsync(body, ct));
        return (bodies.Count, 0);
    });

    private async Task<bool> SendAsync(Azure.Storage.Queues.Models.QueueMessage message)
    {
        var (status, body) = await HostCalls.InvokeQueueAsync(host, SendNotificationFunction.Name, message);
        if (status != HttpStatusCode.OK && Interlocked.Exchange(ref _sendFailureLogged, 1) == 0)
        {
            log($"POST /{SendNotificationFunction.Name} answered {(int)status}: {body}");
        }

        return status == HttpStatusCode.OK;
    }

    private int _sendFailureLogged;

    private async Task<Phase> TimeAsync(string name, Func<Task<(int Messages, int Errors)>> run)
    {
        var before = cpu.Snapshot();
        var clock = Stopwatch.StartNew();
        var (messages, errors) = await run();
        var seconds = clock.Elapsed.TotalSeconds;
        return new Phase(name, seconds, messages, errors, CpuMeter.Delta(before, cpu.Snapshot()));
    }

    /// <summary>Back to the state before any tick: no effects claimed, empty feeds, empty queue.</summary>
    private async Task ResetAsync()
    {
        foreach (var table in new[] { Effects, Feed })
        {
            await table.DeleteAsync();
            await table.CreateIfNotExistsAsync();
        }

        await AppQueue.ClearMessagesAsync();
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
