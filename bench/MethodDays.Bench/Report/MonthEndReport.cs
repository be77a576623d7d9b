using System.Globalization;
using System.Text;
using MethodDays.Bench.MonthEnd;
using static MethodDays.Bench.Report.BenchReport;

namespace MethodDays.Bench.Report;

/// <summary>Issue 5's figures: the month-end mix on the app and as raw storage operations.</summary>
public static class MonthEndReport
{
    public static IReadOnlyList<Verdict> Verdicts(MonthEndResult r)
    {
        var app = r.Side(MonthEndResult.App);
        return
        [
            new($"Errors = 0 under the month-end mix ({r.Clients} clients, {r.Schools} schools; any non-2xx but an expected 409)",
                $"{app.Errors} errors, {app.Conflicts} conflicts in {app.Ops + app.Errors + app.Conflicts:N0} requests", app.Errors == 0),
        ];
    }

    public static string Section(MonthEndResult r)
    {
        var md = new StringBuilder();
        BenchReport.Targets(md, Verdicts(r), baseline: false);

        md.AppendLine();
        md.AppendLine("#### Throughput");
        md.AppendLine();
        md.AppendLine("| Side | Requests/s | Per round | p50 | p95 | p99 | Requests | Errors | Conflicts | Throughput vs raw | CPU per request app · Azurite · client |");
        md.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var raw = r.Side(MonthEndResult.Raw);
        foreach (var s in r.Sides)
        {
            var rounds = string.Join(" / ", s.RoundThroughputs.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)));
            var cpu = string.Join(" · ", new[] { "app", "Azurite", "client" }.Select(p => s.CpuPerOp(p) is var v && v > 0.005 ? $"{v:F2}" : "0")) + " ms";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Side} | {PerSecond(s.Throughput)} | {rounds} | {Ms(s.Latency.Median)} | {Ms(s.Latency.P95)} | {Ms(s.Latency.P99)} | {s.Ops:N0} | {s.Errors} | {s.Conflicts} | {X(s.Throughput / raw.Throughput)} | {cpu} |");
        }

        md.AppendLine();
        md.AppendLine("#### Latency by request");
        md.AppendLine();
        md.AppendLine("| Request | Share | App p50 | App p95 | App p99 | App requests | Raw p50 | Raw p95 | Raw p99 | Raw requests | p50 vs raw | p99 vs raw |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (kind, share) in MonthEndResult.Mix)
        {
            var a = r.Kind(MonthEndResult.App, kind);
            var b = r.Kind(MonthEndResult.Raw, kind);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind} | {share * 100:F0} % | {Ms(a.Latency.Median)} | {Ms(a.Latency.P95)} | {Ms(a.Latency.P99)} | {a.Ops:N0} | {Ms(b.Latency.Median)} | {Ms(b.Latency.P95)} | {Ms(b.Latency.P99)} | {b.Ops:N0} | {X(a.Latency.Median / b.Latency.Median)} | {X(a.Latency.P99 / b.Latency.P99)} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Clients} closed-loop clients for {r.PhaseSeconds:F0} s per side and round, {r.Rounds} round(s), sides alternating, after 3 s of warm-up each; month {r.Month}, week {r.Week}. Client *c* owns every {r.Clients}th school and takes them in turn.");
        md.AppendLine("- *app*: draft save = `PUT …/self-assessment/{month}` with `If-Match` (the page's autosave; 70 answers); submit = `POST …/submit` with `If-Match`; summary = `GET …/self-assessment/{month}/summary` (every school) and board = `GET …/weeks/{week}/board` as the coordinator; bodies read to the end, `Accept-Encoding: br, gzip`.");
        md.AppendLine("- *raw*: the same mix as storage operations only, with the SDK, on the same tables (the sheets under a municipality of their own): draft = point read + replace with `If-Match`; submit = sheet replace (`If-Match`) + revision insert in one transaction; summary = the month's sheet rows (RowKey range, the app's 16 columns) and the school list, in parallel; board = the week's partition, the school list and the topic, in parallel.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- The sheet table held {r.SheetRowsBefore:N0} rows before the timed rounds and {r.SheetRowsAfter:N0} after (each submission adds a revision row; Azurite answers a query by walking the whole table, so both sides slow alike as it grows).");
        if (r.FirstError is { } error)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- First error seen: {error}");
        }

        return md.ToString();
    }
}
