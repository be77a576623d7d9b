using System.Globalization;

namespace MethodDays.Bench;

/// <summary>Command-line settings of a run; bench/run.sh passes the published folders and output files.</summary>
public sealed record Options(
    string Repo,
    string Artifacts,
    string Commit,
    string? ResultsFile,
    string? DocsFile,
    IReadOnlySet<string> Suites,
    bool Quick,
    int StartupRuns,
    int StartupWarmups,
    int Schools,
    int SummaryIterations,
    double PhaseSeconds,
    int Rounds,
    int LoadedConcurrency,
    double RemoteRoundTripMs,
    int TickMunicipalities,
    int TickSchools,
    int TickRounds,
    int TickSendParallelism,
    int TickDeliveryWorkers,
    int BankPractices,
    int BankFileKiB,
    int BankUploadMiB,
    int BankRounds,
    int BankInFlight,
    int MixClients,
    double MixSeconds,
    int MixRounds,
    int DiagnosticSchools,
    int DiagnosticTeachers,
    int DiagnosticWarmups,
    int DiagnosticRounds,
    int DiagnosticIterations,
    int VisitObservers,
    int VisitProtocols,
    int VisitPhotos,
    int VisitPhotoKiB,
    int VisitWarmups,
    int VisitRounds,
    int VisitYearSchools,
    int VisitYearLessons,
    int VisitYearIterations)
{
    public const string Startup = "startup";
    public const string Submission = "submission";
    public const string Summary = "summary";
    public const string Tick = "tick";
    public const string Bank = "bank";
    public const string Load = "load";
    public const string Diagnostics = "diagnostics";
    public const string Visits = "visits";

    public static readonly string[] AllSuites = [Startup, Submission, Summary, Tick, Bank, Load, Diagnostics, Visits];

    public bool Runs(string suite) => Suites.Contains(suite);

    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Number(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var quick = args.Contains("--quick");

        // --suite startup,tick picks suites; the older switches still work.
        var suites = new HashSet<string>(AllSuites, StringComparer.OrdinalIgnoreCase);
        if (Get("suite") is { } list)
        {
            suites = new HashSet<string>(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
            var unknown = suites.Except(AllSuites, StringComparer.OrdinalIgnoreCase).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"Unknown suite(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllSuites)}.");
            }
        }

        if (args.Contains("--skip-startup"))
        {
            suites.Remove(Startup);
        }

        if (args.Contains("--startup-only"))
        {
            suites = new HashSet<string>([Startup], StringComparer.OrdinalIgnoreCase);
        }

        return new Options(
            Repo: Path.GetFullPath(Get("repo") ?? "."),
            Artifacts: Path.GetFullPath(Get("artifacts") ?? Path.Combine("bench", "artifacts")),
            Commit: Get("commit") ?? "unknown",
            ResultsFile: Get("results"),
            DocsFile: Get("docs"),
            Suites: suites,
            Quick: quick,
            StartupRuns: Int("startup-runs", quick ? 5 : 15),
            StartupWarmups: Int("startup-warmups", quick ? 1 : 2),
            Schools: Int("schools", 500),
            SummaryIterations: Int("summary-iterations", quick ? 5 : 15),
            PhaseSeconds: Number("phase-seconds", quick ? 2 : 4),
            Rounds: Int("rounds", quick ? 1 : 3),
            LoadedConcurrency: Int("clients", 16),
            RemoteRoundTripMs: Number("storage-rtt-ms", 4),
            TickMunicipalities: Int("tick-municipalities", 50),
            TickSchools: Int("tick-schools", 40),
            TickRounds: Int("tick-rounds", quick ? 1 : 2),
            TickSendParallelism: Int("tick-send-parallelism", 32),
            TickDeliveryWorkers: Int("tick-workers", 16),
            BankPractices: Int("bank-practices", quick ? 200 : 1000),
            BankFileKiB: Int("bank-file-kib", 1024),
            BankUploadMiB: Int("bank-upload-mib", quick ? 100 : 500),
            BankRounds: Int("bank-rounds", quick ? 1 : 3),
            BankInFlight: Int("bank-in-flight", 4),
            MixClients: Int("load-clients", 32),
            MixSeconds: Number("load-seconds", quick ? 5 : 15),
            MixRounds: Int("load-rounds", quick ? 1 : 3),
            DiagnosticSchools: Int("diagnostic-schools", 100),
            DiagnosticTeachers: Int("diagnostic-teachers", 20),
            DiagnosticWarmups: Int("diagnostic-warmups", quick ? 0 : 1),
            DiagnosticRounds: Int("diagnostic-rounds", quick ? 1 : 5),
            DiagnosticIterations: Int("diagnostic-iterations", quick ? 5 : 15),
            VisitObservers: Int("visit-observers", 10),
            VisitProtocols: Int("visit-protocols", 10),
            VisitPhotos: Int("visit-photos", 3),
            VisitPhotoKiB: Int("visit-photo-kib", 300),
            VisitWarmups: Int("visit-warmups", quick ? 0 : 1),
            VisitRounds: Int("visit-rounds", quick ? 1 : 5),
            VisitYearSchools: Int("visit-year-schools", 100),
            VisitYearLessons: Int("visit-year-lessons", 15),
            VisitYearIterations: Int("visit-year-iterations", quick ? 5 : 15));
    }
}
