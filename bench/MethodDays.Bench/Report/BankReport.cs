using System.Globalization;
using System.Text;
using MethodDays.Bench.Bank;
using MethodDays.Bench.Infrastructure;
using static MethodDays.Bench.Report.BenchReport;

namespace MethodDays.Bench.Report;

/// <summary>Issue 4's figures: export and upload rates beside raw SDK transfers, and the app's memory through each.</summary>
public static class BankReport
{
    /// <summary>The issue's memory ceiling, 200 MB (decimal).</summary>
    public const double CeilingMB = 200;

    /// <summary>"Flat": the second half of an operation peaks at most this much above its first half.</summary>
    public const double FlatToleranceMB = 16;

    public static string AppUpload(BankResult b) => $"{BankResult.AppUpload}, {b.InFlight} block{(b.InFlight == 1 ? "" : "s")} in flight";

    public static string RawUpload(BankResult b) => $"{BankResult.RawUpload}, {b.InFlight} block{(b.InFlight == 1 ? "" : "s")} in flight";

    public static IReadOnlyList<Verdict> Verdicts(BankResult b)
    {
        var export = b.Rate(BankResult.Export);
        var read = b.Rate(BankResult.RawRead);
        var upload = b.Rate(AppUpload(b));
        var raw = b.Rate(RawUpload(b));
        return
        [
            new($"Export rate ≥ ½ the raw read rate ({b.Practices:N0} practices, {b.FileBytes / 1e9:F2} GB, median)",
                $"{export:F0} MB/s vs {read:F0} MB/s = {X(export / read)}", export / read >= 0.5),
            MemoryVerdict("Export", b.Of(BankResult.Export)),
            new($"Upload rate ≥ ½ a raw SDK upload ({b.UploadBytes / 1e6:F0} MB, {b.InFlight} blocks in flight, median)",
                $"{upload:F0} MB/s vs {raw:F0} MB/s = {X(upload / raw)}", upload / raw >= 0.5),
            MemoryVerdict("Upload", b.Of(AppUpload(b))),
        ];
    }

    private static Verdict MemoryVerdict(string what, IEnumerable<Transfer> runs)
    {
        var memory = runs.Select(t => t.Memory!).ToList();
        var peak = memory.Max(m => m.PeakMiB) * Mi;
        var growth = memory.Max(m => m.GrowthMiB) * Mi;
        var before = memory.Min(m => m.BeforeMiB) * Mi;
        return new Verdict($"{what}: app peak memory < {CeilingMB:F0} MB and flat (every run)",
            $"peak {peak:F0} MB (from {before:F0} MB before); second half at most {growth:+0;-0;0} MB over the first",
            peak < CeilingMB && growth <= FlatToleranceMB);
    }

    public static string Section(BankResult b)
    {
        var md = new StringBuilder();
        BenchReport.Targets(md, Verdicts(b));

        md.AppendLine();
        md.AppendLine("#### Transfers");
        md.AppendLine();
        md.AppendLine("| Operation | Bytes | Time (median) | Per round | MB/s (median) | vs baseline | App RSS before → peak (MB) | Peak 1st / 2nd half (MB) | CPU s app · Azurite · client |");
        md.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | --- | --- | --- |");
        var names = b.Transfers.Select(t => t.Name).Distinct().ToList();
        foreach (var name in names)
        {
            var runs = b.Of(name).ToList();
            var baseline = name == BankResult.Export || name.StartsWith(BankResult.RawRead, StringComparison.Ordinal) || name == BankResult.RawCopy
                ? BankResult.RawRead
                : name.StartsWith(BankResult.AppUpload, StringComparison.Ordinal) ? name.Replace(BankResult.AppUpload, BankResult.RawUpload, StringComparison.Ordinal) : name;
            var memory = runs.Where(r => r.Memory is not null).Select(r => r.Memory!).ToList();
            var rss = memory.Count == 0 ? "–" : string.Join(" / ", memory.Select(m => $"{m.BeforeMiB * Mi:F0} → {m.PeakMiB * Mi:F0}"));
            var halves = memory.Count == 0 ? "–" : string.Join(" / ", memory.Select(m => $"{m.FirstHalfPeakMiB * Mi:F0} · {m.SecondHalfPeakMiB * Mi:F0}"));
            var cpu = string.Join(" · ", new[] { "app", "Azurite", "client" }.Select(p => $"{Stats.Of([.. runs.Select(r => r.CpuMs.GetValueOrDefault(p) / 1000)]).Median:F1}"));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {runs[0].Bytes / 1e6:N0} MB | {b.Seconds(name):F2} s | {string.Join(" / ", runs.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} s | {b.Rate(name):F0} | {X(b.Rate(name) / b.Rate(baseline))} | {rss} | {halves} | {cpu} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- The bank: {b.Practices:N0} accepted practices, one file each of 0.75–1.25 MiB (PDF, MP4, JPEG, PPTX in turn: kinds the export stores without deflating), {b.FileBytes / 1e9:F2} GB in all, random bytes behind real magic numbers; rows and blobs written straight into storage in the app's shapes. Azurite keeps the blobs on disk for this suite (`--location`). The zip came to {b.ZipBytes / 1e9:F2} GB.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{BankResult.Export}*: the coordinator starts an export through the API (`POST …/practice-exports`); the bench, as the host, takes the message off the `exports` queue and `POST`s it to `/ExportPracticeBank`, timed to the answer: the function lists the bank, streams every file from Blob Storage into a zip written as a block blob (4 MiB blocks), adds `catalogue.xlsx` and `index.html`, and marks the job done. Each round's zip is deleted afterwards.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{BankResult.RawRead}* (the baseline of the export target): `DownloadStreamingAsync` of every file into a null stream, one after another, as the export reads them. *{BankResult.RawReadParallel}*: the same with 8 downloads at a time. *{BankResult.RawCopy}*: every file read in turn and written on into one block blob through `OpenWriteAsync` (4 MiB buffer) — the storage work an export cannot avoid.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- *{BankResult.AppUpload}*: a school admin creates a draft practice, then `POST …/uploads` (name, size), `PUT …/blocks/{{i}}` of 4 MiB each with N in flight, `POST …/complete`, timed from the first request to the last answer ({b.UploadBytes / 1e6:F0} MB, an MP4 header in front). *{BankResult.RawUpload}*: `BlockBlobClient.UploadAsync` of the same bytes, 4 MiB blocks, the same N in flight. The page itself sends one block at a time, hence the 1-in-flight rows. Upload rate limits are raised for the bench.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Memory: the app's resident set (VmRSS) sampled every 20 ms through each app operation, and the kernel's peak (VmHWM, reset at the start through `/proc/PID/clear_refs`). Idle before the suite's transfers: {b.IdleResidentMiB * Mi:F0} MB. 1 MB = 10^6 bytes throughout.");
        return md.ToString();
    }

    /// <summary>MiB → MB.</summary>
    private const double Mi = 1.048576;
}
