using System.Globalization;
using System.Text;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Tick;
using static MethodDays.Bench.Report.BenchReport;

namespace MethodDays.Bench.Report;

/// <summary>Issue 3's figures: the tick and the delivery beside raw queue operations, and the duplicate counts.</summary>
public static class TickReport
{
    public static IReadOnlyList<Verdict> Verdicts(TickResult t)
    {
        var tick = t.Median(TickResult.Tick);
        var send = t.Median(TickResult.RawSend);
        var delivery = t.Median(TickResult.Delivery);
        var feed = t.Median(TickResult.RawFeed);
        var overlapExtra = Math.Max(0, t.OverlapNotices - t.Notices);
        return
        [
            new($"One tick ({t.Municipalities} municipalities, {t.Schools:N0} schools) ≤ 2× raw queue sends of its {t.Notices:N0} notices (median of rounds)",
                $"{S(tick)} vs {S(send)} = {X(tick / send)}", tick / send <= 2),
            new("Tick + delivery of every notice ≤ 2× raw sends + raw feed inserts of as many (the whole path, beyond the issue's wording)",
                $"{S(tick + delivery)} vs {S(send + feed)} = {X((tick + delivery) / (send + feed))}", (tick + delivery) / (send + feed) <= 2),
            new("Duplicates after a repeated tick = 0",
                $"{t.RepeatTickNotices} notices queued, {t.RepeatTickEffects} effects claimed; feed after delivery {t.FeedRows:N0} rows for {t.FeedDistinct:N0} notices",
                t.RepeatTickNotices == 0 && t.RepeatTickEffects == 0 && t.FeedRows == t.FeedDistinct),
            new("Duplicates with two ticks at once = 0 (beyond the issue; DESIGN promises it)",
                $"{t.OverlapNotices:N0} notices queued for {t.Notices:N0} due ({overlapExtra} extra)" +
                (t.OverlapFailures.Count > 0 ? $"; {t.OverlapFailures.Count} of the 2 invocations failed" : ""),
                overlapExtra == 0),
        ];
    }

    public static string Section(TickResult t)
    {
        var md = new StringBuilder();
        BenchReport.Targets(md, Verdicts(t));

        md.AppendLine();
        md.AppendLine("#### What one tick did");
        md.AppendLine();
        var kinds = string.Join(", ", t.EffectKinds.Select(k => $"{k.Key} {k.Value:N0}"));
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{t.Municipalities} municipalities, {t.Schools:N0} participant schools, {t.Members:N0} members. Each tick claimed {t.Effects:N0} effects ({kinds}; the weekly steps alone make {t.ExpectedEffects:N0} due) and queued {t.Notices:N0} notices (expected from the weekly steps: {t.ExpectedNotices:N0}), {t.MeanMessageBytes:F0} bytes of JSON each on average (base64 on the queue, as the app sends them).");
        md.AppendLine();
        md.AppendLine("#### Phases");
        md.AppendLine();
        md.AppendLine("| Phase | Time (median) | Per round | Messages | Messages/s | vs baseline | Baseline | CPU per message app · Azurite · client | Errors |");
        md.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | --- | --- | ---: |");
        Row(md, t, TickResult.RawSend, null);
        Row(md, t, TickResult.Tick, TickResult.RawSend);
        Row(md, t, TickResult.RawFeed, null);
        Row(md, t, TickResult.Delivery, TickResult.RawFeed);
        var app = t.Median(TickResult.Tick) + t.Median(TickResult.Delivery);
        var raw = t.Median(TickResult.RawSend) + t.Median(TickResult.RawFeed);
        md.AppendLine(CultureInfo.InvariantCulture, $"| tick + delivery | {S(app)} | | {t.Notices:N0} | {t.Notices / app:F0} | {X(app / raw)} | raw send + raw feed insert ({S(raw)}) | | |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.Tick}*: `POST /CycleTick` from loopback with the host's timer payload, timed to its answer. The timer runs every municipality (8 at a time); per municipality the engine reads its cycle, topic, week, schools and members and the effects already claimed, then, a hundred due effects at a time, claims them in one table transaction (insert, all or nothing; on a conflict one by one), queues their notices (up to 32 sends at a time) and marks them queued in one transaction.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.RawSend}*: `QueueClient.SendMessageAsync` of {t.Notices:N0} message texts (see below), {t.SendParallelism} at a time, with the app's client settings (base64).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.Delivery}*: the bench as the Functions host hands each notice to `POST /SendNotification` (the host's queue payload: text, id, dequeue count), {t.DeliveryWorkers} at a time (the host's default batch size). E-mail off (`Smtp__Host` empty): the sender writes the in-app feed row. The host's own queue receive and delete are not in the figure (see the method).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.RawFeed}*: `AddEntityAsync` of the feed row the sender writes for each message (same keys and properties), {t.DeliveryWorkers} at a time.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Before each round the effects and the feeds are emptied, so every round's tick finds the same notices due; the queues are never emptied or received from (Azurite scans every message on a receive and its garbage collector stalls for minutes after mass deletes), so counts are the queue's growth. The raw sends and the deliveries use {t.Notices:N0} bodies made from the first {t.SampledMessages} on the queue (peeked), each notice id made unique. Round 1 runs the app first; later rounds alternate.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Repeated tick: once more on the final state ({S(t.RepeatTickSeconds)}). Two ticks at once: from an emptied state, two `POST /CycleTick` together ({S(t.OverlapSeconds)} until both answered), then the queue is counted.");
        foreach (var failure in t.OverlapFailures)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- An overlapping tick failed: `{(failure.Length > 300 ? failure[..300] + "…" : failure).Replace("|", "\\|", StringComparison.Ordinal)}`");
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, TickResult t, string name, string? baseline)
    {
        var phases = t.Of(name).ToList();
        var median = t.Median(name);
        var messages = phases.Count == 0 ? 0 : phases[0].Messages;
        var rounds = string.Join(" / ", phases.Select(p => p.Seconds.ToString("F2", CultureInfo.InvariantCulture)));
        var cpu = string.Join(" · ", new[] { "app", "Azurite", "client" }.Select(p => Stats.Of([.. phases.Select(x => x.CpuPerMessage(p))]).Median is var v && v > 0.005 ? $"{v:F2}" : "0")) + " ms";
        var vs = baseline is null ? "1.00×" : X(median / t.Median(baseline));
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {S(median)} | {rounds} s | {messages:N0} | {messages / median:F0} | {vs} | {baseline ?? "–"} | {cpu} | {phases.Sum(p => p.Errors)} |");
    }

    private static string S(double seconds) => seconds >= 10 ? $"{seconds:F1} s" : $"{seconds:F2} s";
}
