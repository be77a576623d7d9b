using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MethodDays.Bench;
using MethodDays.Bench.Bank;
using MethodDays.Bench.Diagnostics;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;
using MethodDays.Bench.MonthEnd;
using MethodDays.Bench.Report;
using MethodDays.Bench.Startup;
using MethodDays.Bench.Summary;
using MethodDays.Bench.Tick;
using MethodDays.Bench.Visits;
using MethodDays.Platform.Calendar;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
static void Log(string line) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {line}");

// Every build variant bench/run.sh published: the function app and the empty app, built the same way.
var variants = new[] { ("framework-dependent", "fdd"), ("self-contained linux-x64", "sc"), ("self-contained linux-x64, ReadyToRun", "r2r") }
    .Select(v => new BuildVariant(v.Item1, Path.Combine(options.Artifacts, "app-" + v.Item2, "MethodDays.Functions"), Path.Combine(options.Artifacts, "empty-" + v.Item2, "EmptyApp")))
    .Where(v => File.Exists(v.AppExecutable) && File.Exists(v.EmptyExecutable))
    .ToList();
if (variants.Count == 0)
{
    throw new InvalidOperationException("No published executables found: run bench/run.sh.");
}

// The deployed package is self-contained linux-x64, published ReadyToRun (scripts/package.sh, docs/deploy.md): that
// variant carries the verdict; without it (a --quick run) the self-contained build.
var deployed = variants.FirstOrDefault(v => v.Name == "self-contained linux-x64, ReadyToRun")
    ?? variants.FirstOrDefault(v => v.Name == "self-contained linux-x64") ?? variants[0];
var signingKey = "methoddays-benchmark-signing-key-32bytes!"u8.ToArray();
var webRoot = Directory.CreateTempSubdirectory("methoddays-bench-web");
File.WriteAllText(Path.Combine(webRoot.FullName, "index.html"), "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>MethodDays</title><p>MethodDays</p></html>\n");

var loadBefore = LoadAverage.Read();
var launcher = new AppLauncher(deployed.AppExecutable, signingKey, webRoot.FullName);
var templateFolder = Path.Combine(Path.GetDirectoryName(deployed.AppExecutable)!, "Templates", "self-assessment");
string? azuriteVersion = null;
var startup = new List<StartupResult>();
IReadOnlyList<ReadResult> summary = [];
var submissions = new List<LoadResult>();
var remote = new List<LoadResult>();
int rowsBefore = 0, rowsAfter = 0;
if (options.Runs(Options.Startup) || options.Runs(Options.Submission) || options.Runs(Options.Summary))
{
    await using var azurite = await Azurite.StartAsync(options.Repo);
    azuriteVersion = azurite.Version;
    Log($"Azurite {azurite.Version} listening (table port {azurite.TablePort})");
    (rowsBefore, rowsAfter) = await CoreAsync(azurite);
}

TickResult? tick = null;
if (options.Runs(Options.Tick))
{
    tick = await TickSuiteAsync();
}

MonthEndResult? monthEnd = null;
if (options.Runs(Options.Load))
{
    monthEnd = await MonthEndSuiteAsync();
}

BankResult? bank = null;
if (options.Runs(Options.Bank))
{
    bank = await BankSuiteAsync();
}

DiagnosticsResult? diagnostics = null;
if (options.Runs(Options.Diagnostics))
{
    diagnostics = await DiagnosticsSuiteAsync();
}

VisitsResult? visitsResult = null;
if (options.Runs(Options.Visits))
{
    visitsResult = await VisitsSuiteAsync();
}

var settings = new List<string>();
if (options.Runs(Options.Startup))
{
    settings.Add($"start-up {options.StartupRuns} runs per app and build after {options.StartupWarmups} warm-up(s)");
}

if (options.Runs(Options.Submission))
{
    settings.Add($"submissions {options.Rounds} round(s) × {options.PhaseSeconds:F0} s per operation and client count after 1 s warm-up");
}

if (options.Runs(Options.Summary))
{
    settings.Add($"summary {options.SummaryIterations} iterations");
}

if (options.Runs(Options.Tick))
{
    settings.Add($"tick {options.TickMunicipalities} municipalities × {options.TickSchools} schools, {options.TickRounds} round(s)");
}

if (options.Runs(Options.Load))
{
    settings.Add($"month-end load {options.MixClients} clients, {options.MixRounds} round(s) × {options.MixSeconds:F0} s per side");
}

if (options.Runs(Options.Bank))
{
    settings.Add($"bank {options.BankPractices} practices of ~{options.BankFileKiB} KiB, {options.BankUploadMiB} MiB upload, {options.BankRounds} round(s)");
}

var run = new BenchRun(
    DateTimeOffset.UtcNow,
    $"{loadBefore} at the start, {LoadAverage.Read()} at the end",
    options.Commit,
    Machine.Describe(azuriteVersion ?? "?", NodeVersion.Read()),
    string.Join("; ", settings),
    startup,
    deployed.Name,
    submissions,
    options.LoadedConcurrency,
    summary,
    options.Schools,
    rowsBefore,
    rowsAfter,
    remote,
    options.RemoteRoundTripMs,
    tick,
    bank,
    monthEnd);
var markdown = BenchReport.Markdown(run);
if (diagnostics is not null)
{
    markdown = markdown.TrimEnd() + "\n\n" + DiagnosticsBench.Markdown(diagnostics);
}

if (visitsResult is not null)
{
    markdown = markdown.TrimEnd() + "\n\n" + VisitsBench.Markdown(visitsResult);
}

Console.WriteLine(markdown);
if (options.ResultsFile is { } results)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(results))!);
    File.WriteAllText(results, "# Benchmark results (latest run)\n\nWritten by `bench/run.sh`; see docs/benchmarks.md for the method and the analysis.\n\n" + markdown);
}

if (options.DocsFile is { } docs)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(docs))!);
    foreach (var (block, content) in BenchReport.DocBlocks(run))
    {
        BenchReport.UpdateBlock(docs, block, content);
    }

    if (diagnostics is not null)
    {
        BenchReport.UpdateBlock(docs, "diagnostics", $"Run of {run.At:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`; load average (1 min) {run.Load}.\n\n" + DiagnosticsBench.Markdown(diagnostics));
    }

    if (visitsResult is not null)
    {
        BenchReport.UpdateBlock(docs, "visits", $"Run of {run.At:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`; load average (1 min) {run.Load}.\n\n" + VisitsBench.Markdown(visitsResult));
    }
}

webRoot.Delete(recursive: true);
return;

// (1)–(3): start-up, the month summary and submissions, on one in-memory Azurite.
async Task<(int RowsBefore, int RowsAfter)> CoreAsync(Azurite azurite)
{
    // (1) Start-up, production-shaped: Entra sign-in configured (dummy ids, nothing is fetched before a token arrives),
    // storage reachable but not provisioned at start (Storage:CreateIfMissing=false, as in Azure), the port handed over
    // the way the Functions host does.
    IReadOnlyDictionary<string, string> StartupEnvironment(DirectoryInfo root, int port) => new Dictionary<string, string>
    {
        ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["AzureAd__TenantId"] = "00000000-0000-0000-0000-00000000beef",
        ["AzureAd__ClientId"] = "00000000-0000-0000-0000-0000000000ab",
        ["AzureAd__Audience"] = "api://00000000-0000-0000-0000-0000000000ab",
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Storage__Prefix"] = "benchstart",
        ["Web__Root"] = root.FullName,
    };

    foreach (var variant in options.Runs(Options.Startup) ? variants : [])
    {
        // Serve the published front end when the build has one; else a small page, so GET / answers 200 either way.
        var published = Path.Combine(Path.GetDirectoryName(variant.AppExecutable)!, "wwwroot");
        var root = File.Exists(Path.Combine(published, "index.html")) ? new DirectoryInfo(published) : webRoot;
        var bench = new StartupBench(port => StartupEnvironment(root, port), options.StartupRuns, options.StartupWarmups, Log);
        startup.Add(await bench.RunAsync(variant));
    }

    if (!options.Runs(Options.Submission) && !options.Runs(Options.Summary))
    {
        return (0, 0);
    }

    // (2) and (3) run against the deployed build, started once, in Development with development sign-in.
    const string prefix = "bench";
    await using var app = await launcher.StartReadyAsync(azurite.ConnectionString, prefix);
    using var http = Clients.ForApp(app.BaseAddress);
    var tables = new TableServiceClient(azurite.ConnectionString);
    var sheetsTable = tables.GetTableClient(prefix + "selfassessment");
    var world = await World.SeedAsync(tables, prefix, signingKey, templateFolder, options.Schools);
    Log($"seeded {options.Schools} schools, their admins and a coordinator");

    // The summary's month: every school submits through the API (not timed), then the summary is read. The
    // submission runs need it too: their first month's previous month, as in real use.
    var summaryMonth = new YearMonth(2000, 12);
    var fill = Operations.AppSubmit(world, http, summaryMonth, Log);
    var failures = 0;
    await Parallel.ForAsync(0, options.Schools, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
    {
        if (!await fill.RunAsync(i))
        {
            Interlocked.Increment(ref failures);
        }
    });
    if (failures > 0)
    {
        throw new InvalidOperationException($"{failures} of {options.Schools} submissions for the summary month failed.");
    }

    if (options.Runs(Options.Summary))
    {
        await SummaryCheck.EnsureCompleteAsync(app.BaseAddress, world.CoordinatorToken, summaryMonth.ToString(), options.Schools);
        summary = await new SummaryBench(http, sheetsTable, summaryMonth.ToString(), options.SummaryIterations, 3, Log).RunAsync(world.CoordinatorToken);
    }

    if (!options.Runs(Options.Submission))
    {
        return (0, 0);
    }

    // (2) Submissions: months after the summary's, so each school's previous month exists, as in real use.
    // The raw writes go to a table of their own on the same Azurite: Azurite answers every query by scanning the whole
    // table, so rows the baselines left in the app's table would slow the app's reads (and only the app's).
    var first = summaryMonth.Next;
    var rawTable = tables.GetTableClient(prefix + "rawsheets");
    await rawTable.CreateIfNotExistsAsync();
    var before = await CountRowsAsync(sheetsTable);
    var operations = new[]
    {
        Operations.RawEntity(world, rawTable, first),
        Operations.RawTransaction(world, rawTable, first),
        Operations.RawReplay(world, sheetsTable, first),
        Operations.AppSubmit(world, http, first, Log),
    };
    var cpu = new CpuMeter(new Dictionary<string, int> { ["app"] = app.ProcessId, ["Azurite"] = azurite.ProcessId, ["client"] = Environment.ProcessId });
    var load = new SubmissionBench(operations, TimeSpan.FromSeconds(options.PhaseSeconds), TimeSpan.FromSeconds(1), options.Rounds, cpu, Log);
    foreach (var c in new[] { 1, options.LoadedConcurrency })
    {
        submissions.AddRange(await load.RunAsync(c));
    }

    var after = await CountRowsAsync(sheetsTable);
    Log($"rows in the app's sheet table: {before} before the submission runs, {after} after");

    // (2b) The same submissions with the table service one network hop away: a relay holds every byte for half the
    // round trip each way, for the app (a second instance) and the raw clients alike. Not a target, but it shows how the
    // ratios look once a storage call costs what it costs in Azure rather than a loopback hop. Its tables are new (own
    // prefix, same seeding), so Azurite's whole-table scans start from the same small table as the local runs did.
    if (options.RemoteRoundTripMs > 0)
    {
        const string RemotePrefix = "benchfar";
        await using var relay = new DelayProxy(azurite.TablePort, TimeSpan.FromMilliseconds(options.RemoteRoundTripMs / 2));
        var remoteConnection = azurite.ConnectionString.Replace($"127.0.0.1:{azurite.TablePort}/", $"127.0.0.1:{relay.Port}/", StringComparison.Ordinal);
        await using var remoteApp = await launcher.StartReadyAsync(remoteConnection, RemotePrefix);
        using var remoteHttp = Clients.ForApp(remoteApp.BaseAddress);
        var farWorld = await World.SeedAsync(tables, RemotePrefix, signingKey, templateFolder, options.Schools);
        var remoteTables = new TableServiceClient(remoteConnection);
        var remoteRaw = remoteTables.GetTableClient(RemotePrefix + "rawsheets");
        await remoteRaw.CreateIfNotExistsAsync();

        // Fewer schools in turn, so that at the slower pace each school comes round within the app's member and school
        // caches (30 s and 1 min), as in the local runs.
        const int RemoteCycle = 50;
        var remoteOps = new[]
        {
            Operations.RawEntity(farWorld, remoteRaw, first, RemoteCycle),
            Operations.RawTransaction(farWorld, remoteRaw, first, RemoteCycle),
            Operations.RawReplay(farWorld, remoteTables.GetTableClient(RemotePrefix + "selfassessment"), first, RemoteCycle),
            Operations.AppSubmit(farWorld, remoteHttp, first, Log, RemoteCycle),
        };
        var remoteCpu = new CpuMeter(new Dictionary<string, int> { ["app"] = remoteApp.ProcessId, ["Azurite"] = azurite.ProcessId, ["client"] = Environment.ProcessId });
        var remoteLoad = new SubmissionBench(remoteOps, TimeSpan.FromSeconds(options.PhaseSeconds), TimeSpan.FromSeconds(1), options.Rounds, remoteCpu, m => Log("storage at +" + options.RemoteRoundTripMs + " ms: " + m));

        // The local app was warmed by the summary's 500 submissions; give this fresh instance a warm-up too.
        await remoteLoad.WarmAsync(remoteOps[^1], 8, TimeSpan.FromSeconds(6));
        foreach (var c in new[] { 1, options.LoadedConcurrency })
        {
            remote.AddRange(await remoteLoad.RunAsync(c));
        }
    }

    return (before, after);
}

// (4) Issue 3: the weekly cycle's tick for every municipality and the delivery of its notices, on an Azurite of its own.
async Task<TickResult> TickSuiteAsync()
{
    const string prefix = "benchtick";
    await using var azurite = await Azurite.StartAsync(options.Repo);
    azuriteVersion ??= azurite.Version;

    // E-mail off: the sender writes the in-app feed only (an empty host turns SMTP off).
    await using var app = await launcher.StartReadyAsync(azurite.ConnectionString, prefix, new Dictionary<string, string> { ["Smtp__Host"] = "" });
    using var host = Clients.ForHost(app.BaseAddress);
    var tables = new TableServiceClient(azurite.ConnectionString);
    var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    var world = await TickWorld.SeedAsync(tables, prefix, options.TickMunicipalities, options.TickSchools, Log);
    var cpu = new CpuMeter(new Dictionary<string, int> { ["app"] = app.ProcessId, ["Azurite"] = azurite.ProcessId, ["client"] = Environment.ProcessId });
    var bench = new TickBench(app, host, tables, queues, prefix, world, cpu, options.TickRounds, options.TickSendParallelism, options.TickDeliveryWorkers, Log);
    return await bench.RunAsync();
}

// (5) Issue 5: the month-end mix of requests from 500 schools and the coordinator, on an Azurite of its own.
async Task<MonthEndResult> MonthEndSuiteAsync()
{
    const string prefix = "benchload";
    await using var azurite = await Azurite.StartAsync(options.Repo);
    azuriteVersion ??= azurite.Version;
    await using var app = await launcher.StartReadyAsync(azurite.ConnectionString, prefix);
    using var http = Clients.ForApp(app.BaseAddress);
    var tables = new TableServiceClient(azurite.ConnectionString);
    var world = await World.SeedAsync(tables, prefix, signingKey, templateFolder, options.Schools);
    var zone = LocalTime.Zone(world.Schools.Count > 0 ? "Asia/Omsk" : "UTC");
    var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
    var cpu = new CpuMeter(new Dictionary<string, int> { ["app"] = app.ProcessId, ["Azurite"] = azurite.ProcessId, ["client"] = Environment.ProcessId });
    var bench = new MonthEndBench(http, tables, prefix, world, YearMonth.Of(local), WeekId.Of(local), cpu, Log);
    await bench.SeedAsync();
    return await bench.RunAsync(options.MixClients, TimeSpan.FromSeconds(options.MixSeconds), options.MixRounds);
}

// (6) Issue 4: the bank's export and a large upload, on an Azurite that keeps blobs on disk (gigabytes would not fit
// the in-memory mode's budget); its folder is removed afterwards.
async Task<BankResult> BankSuiteAsync()
{
    const string prefix = "benchbank";
    var folder = Directory.CreateTempSubdirectory("methoddays-bench-azurite");
    try
    {
        await using var azurite = await Azurite.StartAsync(options.Repo, folder.FullName);
        azuriteVersion ??= azurite.Version;
        await using var app = await launcher.StartReadyAsync(azurite.ConnectionString, prefix, new Dictionary<string, string>
        {
            ["RateLimits__UploadBlocksPerMinute"] = "1000000",
            ["RateLimits__UploadStartsPerMinute"] = "1000",
        });
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var world = await World.SeedAsync(tables, prefix, signingKey, templateFolder, 40);
        var files = await BankSeed.SeedAsync(tables.GetTableClient(prefix + "practices"), blobs.GetBlobContainerClient(prefix + "-practices"), world, options.BankPractices, options.BankFileKiB * 1024L, Log);
        var cpu = new CpuMeter(new Dictionary<string, int> { ["app"] = app.ProcessId, ["Azurite"] = azurite.ProcessId, ["client"] = Environment.ProcessId });
        var bench = new BankBench(app.BaseAddress, app.ProcessId, prefix, tables, blobs, queues, world, cpu, options.BankRounds, options.BankInFlight, Log);
        return await bench.RunAsync(files, options.BankUploadMiB * 1024L * 1024L);
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

// (7) Issue 12: the teachers' diagnostics of a municipality — a round imported school by school, and the heat map.
async Task<DiagnosticsResult> DiagnosticsSuiteAsync()
{
    const string prefix = "benchdiag";
    await using var azurite = await Azurite.StartAsync(options.Repo);
    azuriteVersion ??= azurite.Version;
    await using var app = await launcher.StartReadyAsync(azurite.ConnectionString, prefix);
    using var http = Clients.ForApp(app.BaseAddress);
    var tables = new TableServiceClient(azurite.ConnectionString);
    var world = await World.SeedAsync(tables, prefix, signingKey, templateFolder, options.DiagnosticSchools);
    var bench = new DiagnosticsBench(http, tables, prefix, world, options.DiagnosticTeachers, options.DiagnosticWarmups, options.DiagnosticRounds, options.DiagnosticIterations, Log);
    return await bench.RunAsync();
}

// (8) Issue 11 §6: school visits — a visit day's sync of protocols and photos, and the school year's figures.
async Task<VisitsResult> VisitsSuiteAsync()
{
    const string prefix = "benchvisits";
    await using var azurite = await Azurite.StartAsync(options.Repo);
    azuriteVersion ??= azurite.Version;
    await using var app = await launcher.StartReadyAsync(azurite.ConnectionString, prefix);
    using var http = Clients.ForApp(app.BaseAddress);
    var tables = new TableServiceClient(azurite.ConnectionString);
    var blobs = new BlobServiceClient(azurite.ConnectionString);
    var world = await World.SeedAsync(tables, prefix, signingKey, templateFolder, options.VisitYearSchools);
    var bench = new VisitsBench(http, tables, blobs, prefix, world, signingKey, options.VisitObservers, options.VisitProtocols, options.VisitPhotos,
        options.VisitPhotoKiB, options.VisitWarmups, options.VisitRounds, options.VisitYearLessons, options.VisitYearIterations, Log);
    return await bench.RunAsync();
}

static async Task<int> CountRowsAsync(TableClient table)
{
    var count = 0;
    await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
    {
        count++;
    }

    return count;
}
