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
        var receive = t.Median(TickResult.RawReceive);
        var overlapExtra = Math.Max(0, t.OverlapNotices - t.Notices);
        return
        [
            new($"One tick ({t.Municipalities} municipalities, {t.Schools:N0} schools) ≤ 2× raw queue sends of its {t.Notices:N0} notices (median of rounds)",
                $"{S(tick)} vs {S(send)} = {X(tick / send)}", tick / send <= 2),
            new("Tick + delivery of every notice ≤ 2× raw sends + raw receive/delete of as many messages (not in the issue's wording; the whole path)",
                $"{S(tick + delivery)} vs {S(send + receive)} = {X((tick + delivery) / (send + receive))}", (tick + delivery) / (send + receive) <= 2),
            new("Duplicates after a repeated tick = 0",
                $"{t.RepeatTickNotices} notices queued, {t.RepeatTickEffects} effects claimed, feed {t.FeedRows:N0} → {t.FeedRowsAfterRepeat:N0} rows ({t.FeedRows - t.FeedDistinct} duplicate rows)",
                t.RepeatTickNotices == 0 && t.FeedRowsAfterRepeat == t.FeedRows && t.FeedRows == t.FeedDistinct),
            new("Duplicates with two ticks at once = 0 (not in the issue; DESIGN promises it)",
                $"{t.OverlapNotices:N0} notices for {t.Notices:N0} due ({overlapExtra} extra), feed {t.OverlapFeedRows:N0} rows / {t.OverlapFeedDistinct:N0} distinct" +
                (t.OverlapFailures.Count > 0 ? $"; {t.OverlapFailures.Count} of the 2 invocations answered 500" : ""),
                overlapExtra == 0 && t.OverlapFeedRows == t.OverlapFeedDistinct),
        ];
    }

    public static string Section(TickResult t)
    {
        var md = new StringBuilder();
        md.AppendLine("#### Targets");
        md.AppendLine();
        md.AppendLine("| Target | Measured (app vs baseline) | Verdict |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var v in Verdicts(t))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {v.Target} | {v.Measured} | {(v.Met ? "met" : "**missed**")} |");
        }

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
        Row(md, t, TickResult.RawReceive, null);
        Row(md, t, TickResult.RawReplay, TickResult.RawReceive);
        Row(md, t, TickResult.Delivery, TickResult.RawReceive);
        var app = t.Median(TickResult.Tick) + t.Median(TickResult.Delivery);
        var raw = t.Median(TickResult.RawSend) + t.Median(TickResult.RawReceive);
        md.AppendLine(CultureInfo.InvariantCulture, $"| tick + delivery | {S(app)} | | {t.Notices:N0} | {t.Notices / app:F0} | {X(app / raw)} | raw send + receive/delete ({S(raw)}) | | |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.Tick}*: `POST /CycleTick` from loopback with the host's timer payload, timed to its answer; the tick runs every municipality (8 at a time), claims each due effect (insert-if-absent), queues its notices (up to 32 sends at a time) and marks it queued.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.RawSend}*: `QueueClient.SendMessageAsync` of the same {t.Notices:N0} message texts (recorded from the app's queue), {t.SendParallelism} at a time, the app's client settings (base64).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.Delivery}*: the bench as the Functions host: one poller receives batches of 32, {t.DeliveryWorkers} workers each `POST /SendNotification` with the host's queue payload and delete the message on 200. E-mail off (`Smtp__Host` empty): the sender writes the in-app feed row only.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{TickResult.RawReceive}*: the same poller and {t.DeliveryWorkers} workers, deleting each message unhandled. *{TickResult.RawReplay}*: the same, inserting the feed row the sender writes (same keys and properties) before the delete.");
        md.AppendLine("- Before each round the effects and the feed are emptied, so every round's tick finds the same notices due. Round 1 runs the app first, later rounds alternate.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Repeated tick: once more on the final state, then the queue is counted and delivered and the feed counted again. Two ticks at once: from an emptied state, two `POST /CycleTick` together ({S(t.OverlapSeconds)} until both answered), then the queue and the feed are counted.");
        if (t.CheckDeliveryErrors > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Deliveries that failed during the two checks (untimed): {t.CheckDeliveryErrors}; their notices are missing from the feed counts, not duplicated.");
        }

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
