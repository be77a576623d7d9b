using System.Globalization;
using System.Text;
using MethodDays.Bench.Bank;
using MethodDays.Bench.Load;
using MethodDays.Bench.MonthEnd;
using MethodDays.Bench.Startup;
using MethodDays.Bench.Summary;
using MethodDays.Bench.Tick;

namespace MethodDays.Bench.Report;

/// <summary>Everything one run measured; a suite that did not run leaves its part empty (or null).</summary>
public sealed record BenchRun(
    DateTimeOffset At,
    string Load,
    string Commit,
    Machine Machine,
    string Settings,
    IReadOnlyList<StartupResult> Startup,
    string DeployedVariant,
    IReadOnlyList<LoadResult> Submissions,
    int LoadedConcurrency,
    IReadOnlyList<ReadResult> Summary,
    int Schools,
    int AppTableRowsBefore,
    int AppTableRowsAfter,
    IReadOnlyList<LoadResult> RemoteSubmissions,
    double RemoteRoundTripMs,
    TickResult? Tick = null,
    BankResult? Bank = null,
    MonthEndResult? MonthEnd = null)
{
    /// <summary>Whether any of the first three suites (start-up, submission, summary) ran.</summary>
    public bool HasCore => Startup.Count > 0 || Submissions.Count > 0 || Summary.Count > 0;
}

public sealed record Verdict(string Target, string Measured, bool Met);

/// <summary>The run as Markdown: verdicts first, then each measurement with its baseline beside it.</summary>
public static class BenchReport
{
    public const string RawEntity = "raw entity insert";
    public const string App = "app submit";
    public const string RawRead = "raw partition read";

    public static IReadOnlyList<Verdict> Verdicts(BenchRun run)
    {
        var list = new List<Verdict>();
        if (run.Startup.FirstOrDefault(s => s.Variant.Name == run.DeployedVariant) is { } start)
        {
            list.Add(new Verdict($"Start-up ≤ 1.5× the empty app ({start.Variant.Name}, median)",
                $"{Ms(start.App.Median)} vs {Ms(start.Empty.Median)} = {X(start.MedianRatio)}", start.MedianRatio <= 1.5));
        }

        foreach (var c in run.Submissions.Select(s => s.Concurrency).Distinct().Order())
        {
            var app = run.Submissions.Single(s => s.Concurrency == c && s.Operation == App);
            var raw = run.Submissions.Single(s => s.Concurrency == c && s.Operation == RawEntity);
            var ratio = app.Latency.Median / raw.Latency.Median;
            list.Add(new Verdict($"Submission latency ≤ 2× the raw write ({c} client{(c == 1 ? "" : "s")}, median)",
                $"{Ms(app.Latency.Median)} vs {Ms(raw.Latency.Median)} = {X(ratio)}", ratio <= 2));
            if (c == run.LoadedConcurrency)
            {
                var share = app.Throughput / raw.Throughput;
                list.Add(new Verdict($"Submission throughput ≥ ½ the raw write ({c} clients)",
                    $"{PerSecond(app.Throughput)} vs {PerSecond(raw.Throughput)} = {X(share)}", share >= 0.5));
            }
        }

        if (run.Summary.SingleOrDefault(r => r.Name == RawRead) is { } rawRead)
        {
            foreach (var r in run.Summary.Where(r => r.Name != RawRead))
            {
                var ratio = r.Latency.Median / rawRead.Latency.Median;
                list.Add(new Verdict($"{Capital(r.Name)} ≤ 3× the raw partition read ({run.Schools} schools, median)",
                    $"{Ms(r.Latency.Median)} vs {Ms(rawRead.Latency.Median)} = {X(ratio)}", ratio <= 3));
            }
        }

        return list;
    }

    /// <summary>The whole run (bench/results/latest.md): every suite that ran.</summary>
    public static string Markdown(BenchRun run)
    {
        var md = new StringBuilder();
        md.Append(Header(run));
        if (run.HasCore)
        {
            md.AppendLine();
            md.Append(CoreSection(run));
        }

        foreach (var (title, section) in SuiteSections(run))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
            md.AppendLine();
            md.Append(section);
        }

        return md.ToString();
    }

    /// <summary>The blocks of docs/benchmarks.md this run replaces: marker name → content (each opens with the run's header).</summary>
    public static IReadOnlyList<(string Block, string Content)> DocBlocks(BenchRun run)
    {
        var blocks = new List<(string, string)>();
        if (run.HasCore)
        {
            blocks.Add(("results", Header(run) + "\n" + CoreSection(run)));
        }

        if (run.Tick is { } tick)
        {
            blocks.Add(("tick", Header(run) + "\n" + TickReport.Section(tick)));
        }

        if (run.Bank is { } bank)
        {
            blocks.Add(("bank", Header(run) + "\n" + BankReport.Section(bank)));
        }

        if (run.MonthEnd is { } load)
        {
            blocks.Add(("load", Header(run) + "\n" + MonthEndReport.Section(load)));
        }

        return blocks;
    }

    private static IEnumerable<(string Title, string Section)> SuiteSections(BenchRun run)
    {
        if (run.Tick is { } tick)
        {
            yield return ("Weekly cycle tick (issue 3)", TickReport.Section(tick));
        }

        if (run.Bank is { } bank)
        {
            yield return ("Practice bank export and upload (issue 4)", BankReport.Section(bank));
        }

        if (run.MonthEnd is { } load)
        {
            yield return ("Month-end load (issue 5)", MonthEndReport.Section(load));
        }
    }

    private static string Header(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run of {run.At:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {run.Machine}. Load average (1 min) {run.Load}: other work on the machine shares its cores, which is why every measurement runs beside its baseline, interleaved.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Settings: {run.Settings}.");
        return md.ToString();
    }

    /// <summary>A suite's targets as a table: what was aimed at, what was measured, met or missed.</summary>
    internal static void Targets(StringBuilder md, IEnumerable<Verdict> verdicts, bool baseline = true)
    {
        md.AppendLine("#### Targets");
        md.AppendLine();
        md.AppendLine(baseline ? "| Target | Measured (app vs baseline) | Verdict |" : "| Target | Measured | Verdict |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var v in verdicts)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {v.Target} | {v.Measured} | {(v.Met ? "met" : "**missed**")} |");
        }
    }

    /// <summary>Start-up, submission and summary: their targets and tables.</summary>
    private static string CoreSection(BenchRun run)
    {
        var md = new StringBuilder();
        BenchReport.Targets(md, Verdicts(run));

        if (run.Startup.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("#### Start-up to the first answer on GET /");
            md.AppendLine();
            md.AppendLine("| Build | App median | App p90 | Empty median | Empty p90 | Ratio (median) | App RSS | Empty RSS | Status app / empty |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var s in run.Startup)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Variant.Name} | {Ms(s.App.Median)} | {Ms(s.App.P90)} | {Ms(s.Empty.Median)} | {Ms(s.Empty.P90)} | {X(s.MedianRatio)} | {Mib(s.AppResidentMiB)} | {Mib(s.EmptyResidentMiB)} | {s.AppStatus} / {s.EmptyStatus} |");
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Runs per cell: {run.Startup.FirstOrDefault()?.App.Count}. RSS: resident memory right after the first answer (median).");
        }

        if (run.Submissions.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("#### Sheet submission under concurrent clients");
            md.AppendLine();
            SubmissionTable(md, run.Submissions);
            md.AppendLine();
            foreach (var d in run.Submissions.DistinctBy(s => s.Operation))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- *{d.Operation}*: {d.Description}.");
            }

            md.AppendLine(CultureInfo.InvariantCulture,
                $"- The app's sheet table held {run.AppTableRowsBefore} rows before the submission runs and {run.AppTableRowsAfter} after; the raw writes went to a table of their own on the same Azurite.");
            md.AppendLine("- CPU/op: CPU time of each process during the phase divided by the operations completed (the three share the machine's cores).");
        }

        if (run.RemoteSubmissions.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"#### The same, with the table service {run.RemoteRoundTripMs:F0} ms of round trip away (not a target)");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"A relay in front of Azurite's table port holds every byte {run.RemoteRoundTripMs / 2:F1} ms each way, for a second app instance (on tables of its own, seeded alike) and the raw clients; Azurite itself is unchanged. Schools are taken 50 in turn here, so each comes round within the app's member and school caches at this slower pace, as in the local runs.");
            md.AppendLine();
            SubmissionTable(md, run.RemoteSubmissions);
        }

        if (run.Summary.SingleOrDefault(r => r.Name == RawRead) is { } rawRead)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"#### Month summary for {run.Schools} schools");
            md.AppendLine();
            md.AppendLine("| Read | p50 | p90 | Min | Max | Size | vs raw (p50) |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in run.Summary)
            {
                var size = r.Rows > 0 ? $"{r.Rows} rows" : $"{r.Bytes / 1024.0:F0} KiB on the wire";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {Ms(r.Latency.Median)} | {Ms(r.Latency.P90)} | {Ms(r.Latency.Min)} | {Ms(r.Latency.Max)} | {size} | {X(r.Latency.Median / rawRead.Latency.Median)} |");
            }

            md.AppendLine();
            foreach (var r in run.Summary)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- *{r.Name}*: {r.Description}.");
            }

            md.AppendLine(CultureInfo.InvariantCulture, $"- Iterations: {rawRead.Latency.Count} each, after warm-up, the three in turn.");
        }

        return md.ToString();
    }

    private static void SubmissionTable(StringBuilder md, IReadOnlyList<LoadResult> submissions)
    {
        md.AppendLine("| Clients | Operation | p50 | p95 | p99 | Throughput | Per-round throughput | Ops | Errors | p50 vs raw | Throughput vs raw | CPU/op app · Azurite · client |");
        md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var group in submissions.GroupBy(s => s.Concurrency).OrderBy(g => g.Key))
        {
            var raw = group.Single(s => s.Operation == RawEntity);
            foreach (var s in group)
            {
                var rounds = string.Join(" / ", s.RoundThroughputs.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)));
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Concurrency} | {s.Operation} | {Ms(s.Latency.Median)} | {Ms(s.Latency.P95)} | {Ms(s.Latency.P99)} | {PerSecond(s.Throughput)} | {rounds} | {s.Ops} | {s.Errors} | {X(s.Latency.Median / raw.Latency.Median)} | {X(s.Throughput / raw.Throughput)} | {Cpu(s)} |");
            }
        }
    }

    /// <summary>
    /// Replaces the text between a block's markers in a Markdown file (or appends a marked block). The first three
    /// suites share the <c>results</c> block; every later suite has a block of its own, so a run of some suites
    /// leaves the others' figures in place.
    /// </summary>
    public static void UpdateBlock(string path, string block, string content)
    {
        var begin = $"<!-- bench:{block}:begin (written by bench/run.sh) -->";
        var end = $"<!-- bench:{block}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var marked = $"{begin}\n{content.TrimEnd()}\n{end}";
        var i = text.IndexOf(begin, StringComparison.Ordinal);
        var j = text.IndexOf(end, StringComparison.Ordinal);
        text = i >= 0 && j > i ? text[..i] + marked + text[(j + end.Length)..] : text.TrimEnd() + "\n\n" + marked + "\n";
        File.WriteAllText(path, text);
    }

    internal static string Ms(double v) => double.IsNaN(v) ? "–" : v >= 100 ? $"{v:F0} ms" : v >= 10 ? $"{v:F1} ms" : $"{v:F2} ms";

    private static string Cpu(LoadResult s) =>
        string.Join(" · ", new[] { "app", "Azurite", "client" }.Select(p => s.CpuPerOp(p) is var v && v > 0.005 ? $"{v:F2}" : "0")) + " ms";

    internal static string X(double v) => $"{v:F2}×";

    internal static string PerSecond(double v) => $"{v:F0}/s";

    internal static string Mib(double v) => double.IsNaN(v) ? "–" : $"{v:F0} MiB";

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
