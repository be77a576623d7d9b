using System.Globalization;

namespace MethodDays.Bench;

/// <summary>Command-line settings of a run; bench/run.sh passes the published folders and output files.</summary>
public sealed record Options(
    string Repo,
    string Artifacts,
    string Commit,
    string? ResultsFile,
    string? DocsFile,
    int StartupRuns,
    int StartupWarmups,
    int Schools,
    int SummaryIterations,
    double PhaseSeconds,
    int Rounds,
    int LoadedConcurrency,
    bool SkipStartup,
    bool StartupOnly,
    double RemoteRoundTripMs)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var quick = args.Contains("--quick");
        return new Options(
            Repo: Path.GetFullPath(Get("repo") ?? "."),
            Artifacts: Path.GetFullPath(Get("artifacts") ?? Path.Combine("bench", "artifacts")),
            Commit: Get("commit") ?? "unknown",
            ResultsFile: Get("results"),
            DocsFile: Get("docs"),
            StartupRuns: Int("startup-runs", quick ? 5 : 15),
            StartupWarmups: Int("startup-warmups", quick ? 1 : 2),
            Schools: Int("schools", 500),
            SummaryIterations: Int("summary-iterations", quick ? 5 : 15),
            PhaseSeconds: Get("phase-seconds") is { } p ? double.Parse(p, CultureInfo.InvariantCulture) : quick ? 2 : 4,
            Rounds: Int("rounds", quick ? 1 : 3),
            LoadedConcurrency: Int("clients", 16),
            SkipStartup: args.Contains("--skip-startup"),
            StartupOnly: args.Contains("--startup-only"),
            RemoteRoundTripMs: Get("storage-rtt-ms") is { } rtt ? double.Parse(rtt, CultureInfo.InvariantCulture) : 4);
    }
}
