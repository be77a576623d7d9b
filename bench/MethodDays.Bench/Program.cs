using System.Globalization;
using Azure.Data.Tables;
using MethodDays.Bench;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;
using MethodDays.Bench.Report;
using MethodDays.Bench.Startup;
using MethodDays.Bench.Summary;
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

// The deployed package is self-contained linux-x64 (see DESIGN): that variant carries the verdict.
var deployed = variants.FirstOrDefault(v => v.Name == "self-contained linux-x64") ?? variants[0];
var signingKey = "methoddays-benchmark-signing-key-32bytes!"u8.ToArray();
var webRoot = Directory.CreateTempSubdirectory("methoddays-bench-web");
File.WriteAllText(Path.Combine(webRoot.FullName, "index.html"), "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>MethodDays</title><p>MethodDays</p></html>\n");

var loadBefore = LoadAverage.Read();
await using var azurite = await Azurite.StartAsync(options.Repo);
Log($"Azurite {azurite.Version} listening (table port {azurite.TablePort})");

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

var startup = new List<StartupResult>();
foreach (var variant in options.SkipStartup ? [] : variants)
{
    // Serve the published front end when the build has one; else a small page, so GET / answers 200 either way.
    var published = Path.Combine(Path.GetDirectoryName(variant.AppExecutable)!, "wwwroot");
    var root = File.Exists(Path.Combine(published, "index.html")) ? new DirectoryInfo(published) : webRoot;
    var bench = new StartupBench(port => StartupEnvironment(root, port), options.StartupRuns, options.StartupWarmups, Log);
    startup.Add(await bench.RunAsync(variant));
}

if (options.StartupOnly)
{
    return;
}

// (2) and (3) run against the deployed build, started once, in Development with development sign-in.
var prefix = "bench";
ServerProcess StartApp(string connectionString, string prefix) => ServerProcess.Start(deployed.AppExecutable, port => new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["Auth__Mode"] = "Development",
    ["Auth__DevSigningKey"] = Convert.ToBase64String(signingKey),
    ["Storage__ConnectionString"] = connectionString,
    ["Storage__Prefix"] = prefix,
    ["Storage__CreateIfMissing"] = "true",
    ["Demo__Seed"] = "false",
    ["Functions__LocalDriver__Enabled"] = "false",
    ["Web__Root"] = webRoot.FullName,
});

await using var app = StartApp(azurite.ConnectionString, prefix);
using var http = Clients.ForApp(app.BaseAddress);
await app.WaitForFirstAnswerAsync(http, TimeSpan.FromSeconds(60));

var tables = new TableServiceClient(azurite.ConnectionString);
var sheetsTable = tables.GetTableClient(prefix + "selfassessment");
var templateFolder = Path.Combine(Path.GetDirectoryName(deployed.AppExecutable)!, "Templates", "self-assessment");
var world = await World.SeedAsync(tables, prefix, signingKey, templateFolder, options.Schools);
Log($"seeded {options.Schools} schools, their admins and a coordinator");

// The summary's month: every school submits through the API (not timed), then the summary is read.
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

await SummaryCheck.EnsureCompleteAsync(app.BaseAddress, world.CoordinatorToken, summaryMonth.ToString(), options.Schools);
var summary = await new SummaryBench(http, sheetsTable, summaryMonth.ToString(), options.SummaryIterations, 3, Log).RunAsync(world.CoordinatorToken);

// (2) Submissions: months after the summary's, so each school's previous month exists, as in real use.
// The raw writes go to a table of their own on the same Azurite: Azurite answers every query by scanning the whole
// table, so rows the baselines left in the app's table would slow the app's reads (and only the app's).
var first = summaryMonth.Next;
var rawTable = tables.GetTableClient(prefix + "rawsheets");
await rawTable.CreateIfNotExistsAsync();
var rowsBefore = await CountRowsAsync(sheetsTable);
var operations = new[]
{
    Operations.RawEntity(world, rawTable, first),
    Operations.RawTransaction(world, rawTable, first),
    Operations.RawReplay(world, sheetsTable, first),
    Operations.AppSubmit(world, http, first, Log),
};
var cpu = new CpuMeter(new Dictionary<string, int> { ["app"] = app.ProcessId, ["Azurite"] = azurite.ProcessId, ["client"] = Environment.ProcessId });
var load = new SubmissionBench(operations, TimeSpan.FromSeconds(options.PhaseSeconds), TimeSpan.FromSeconds(1), options.Rounds, cpu, Log);
var submissions = new List<LoadResult>();
foreach (var c in new[] { 1, options.LoadedConcurrency })
{
    submissions.AddRange(await load.RunAsync(c));
}

var rowsAfter = await CountRowsAsync(sheetsTable);
Log($"rows in the app's sheet table: {rowsBefore} before the submission runs, {rowsAfter} after");

// (2b) The same submissions with the table service one network hop away: a relay holds every byte for half the
// round trip each way, for the app (a second instance) and the raw clients alike. Not a target, but it shows how the
// ratios look once a storage call costs what it costs in Azure rather than a loopback hop. Its tables are new (own
// prefix, same seeding), so Azurite's whole-table scans start from the same small table as the local runs did.
var remote = new List<LoadResult>();
if (options.RemoteRoundTripMs > 0)
{
    const string RemotePrefix = "benchfar";
    await using var relay = new DelayProxy(azurite.TablePort, TimeSpan.FromMilliseconds(options.RemoteRoundTripMs / 2));
    var remoteConnection = azurite.ConnectionString.Replace($"127.0.0.1:{azurite.TablePort}/", $"127.0.0.1:{relay.Port}/", StringComparison.Ordinal);
    await using var remoteApp = StartApp(remoteConnection, RemotePrefix);
    using var remoteHttp = Clients.ForApp(remoteApp.BaseAddress);
    await remoteApp.WaitForFirstAnswerAsync(remoteHttp, TimeSpan.FromSeconds(60));
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

var run = new BenchRun(
    DateTimeOffset.UtcNow,
    $"{loadBefore} at the start, {LoadAverage.Read()} at the end",
    options.Commit,
    Machine.Describe(azurite.Version, NodeVersion.Read()),
    $"start-up {options.StartupRuns} runs per app and build after {options.StartupWarmups} warm-up(s); submissions {options.Rounds} round(s) × {options.PhaseSeconds:F0} s per operation and client count after 1 s warm-up; summary {options.SummaryIterations} iterations",
    startup,
    deployed.Name,
    submissions,
    options.LoadedConcurrency,
    summary,
    options.Schools,
    rowsBefore,
    rowsAfter,
    remote,
    options.RemoteRoundTripMs);
var markdown = BenchReport.Markdown(run);
Console.WriteLine(markdown);
if (options.ResultsFile is { } results)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(results))!);
    File.WriteAllText(results, "# Benchmark results (latest run)\n\nWritten by `bench/run.sh`; see docs/benchmarks.md for the method and the analysis.\n\n" + markdown);
}

if (options.DocsFile is { } docs)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(docs))!);
    BenchReport.UpdateBlock(docs, markdown);
}

webRoot.Delete(recursive: true);

static async Task<int> CountRowsAsync(TableClient table)
{
    var count = 0;
    await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
    {
        count++;
    }

    return count;
}
