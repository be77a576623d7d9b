using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Azure;
using Azure.Data.Tables;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;

namespace MethodDays.Bench.MonthEnd;

/// <summary>One kind of request of the mix, on one side (app or raw), pooled over the rounds.</summary>
public sealed record KindResult(string Side, string Kind, Stats Latency, long Ops, long Errors, long Conflicts);

/// <summary>One side's whole mix: every request pooled, time, CPU.</summary>
public sealed record SideResult(string Side, Stats Latency, long Ops, long Errors, long Conflicts, double Seconds, IReadOnlyList<double> RoundThroughputs, IReadOnlyDictionary<string, double> CpuMs)
{
    public double Throughput => Ops / Seconds;

    public double CpuPerOp(string process) => Ops == 0 ? double.NaN : CpuMs.GetValueOrDefault(process, double.NaN) / Ops;
}

public sealed record MonthEndResult(int Schools, int Clients, double PhaseSeconds, int Rounds, string Month, string Week, IReadOnlyList<KindResult> Kinds, IReadOnlyList<SideResult> Sides, string? FirstError, int SheetRowsBefore, int SheetRowsAfter)
{
    public const string App = "app";
    public const string Raw = "raw";
    public const string Draft = "draft save";
    public const string Submit = "submit";
    public const string Summary = "summary read";
    public const string Board = "board read";

    public static readonly (string Kind, double Share)[] Mix = [(Draft, 0.60), (Submit, 0.15), (Summary, 0.15), (Board, 0.10)];

    public SideResult Side(string side) => Sides.Single(s => s.Side == side);

    public KindResult Kind(string side, string kind) => Kinds.Single(k => k.Side == side && k.Kind == kind);
}

/// <summary>
/// Issue 5: the month-end mix on the standalone app from a closed-loop .NET load generator — <c>C</c> clients, each
/// owning every C-th school (so no two clients write one sheet and no 409 is expected), each sending its next
/// request as soon as the last one answered: 60 % draft saves (PUT with If-Match, as the page autosaves), 15 %
/// submissions (If-Match), 15 % month summaries and 10 % week boards (as the coordinator). The raw side runs the same
/// mix with the same clients as storage operations only, on the same tables: a point read and a conditional replace
/// per draft, a two-row transaction per submission, partition range reads for a summary (sheet rows of the month and
/// the school list) and a board (the week's partition, the school list, the topic). Sides alternate round by round.
/// </summary>
public sealed class MonthEndBench(HttpClient http, TableServiceClient tables, string prefix, World world, YearMonth month, WeekId week, CpuMeter cpu, Action<string> log)
{
    private const string RawMunicipality = "rawload";

    private static readonly string[] SummaryColumns =
    [
        "PartitionKey", "RowKey", "Revision", "DraftDiffers", "SubmittedTemplateVersion", "SubmittedValues", "SubmittedByName",
        "SubmittedAt", "Total", "ApplicableMax", "Percent", "Cluster", "Areas", "UpdatedAt", "UpdatedByName", "TemplateVersion",
    ];

    private readonly string[] _appEtags = new string[world.SchoolCount];
    private readonly ETag[] _rawEtags = new ETag[world.SchoolCount];
    private readonly int[] _rawRevisions = new int[world.SchoolCount];
    private readonly int[] _variant = new int[world.SchoolCount];
    private string? _firstError;

    private TableClient Sheets => tables.GetTableClient(prefix + "selfassessment");

    private TableClient Schools => tables.GetTableClient(prefix + "schools");

    private TableClient Weeks => tables.GetTableClient(prefix + CycleStore.WeeksTable);

    private TableClient Topics => tables.GetTableClient(prefix + CycleStore.TopicsTable);

    private string SheetPath(int school) => $"api/municipalities/{World.MunicipalityId}/schools/{world.Schools[school].Id}/self-assessment/{month}";

    /// <summary>
    /// Month-end state: last month submitted by every school; this month a draft for every school and a submission
    /// for every other one; the week's topic published and half the participant schools' first step done. The raw
    /// side gets a copy of this month's sheet rows in a partition of its own in the same table.
    /// </summary>
    public async Task SeedAsync()
    {
        var fill = Operations.AppSubmit(world, http, month.Previous, log);
        var failures = 0;
        await Parallel.ForAsync(0, world.SchoolCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            if (!await fill.RunAsync(i))
            {
                Interlocked.Increment(ref failures);
            }
        });
        await Parallel.ForAsync(0, world.SchoolCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) =>
        {
            var (draft, _) = await SendAsync(HttpMethod.Put, SheetPath(s), world.AdminTokens[s], null, world.Answers[s, 0].Body);
            if (draft is null)
            {
                Interlocked.Increment(ref failures);
                return;
            }

            _appEtags[s] = draft;
            if (s % 2 == 0)
            {
                var (submitted, _) = await SendAsync(HttpMethod.Post, SheetPath(s) + "/submit", world.AdminTokens[s], draft, world.Answers[s, 1].Body);
                if (submitted is null)
                {
                    Interlocked.Increment(ref failures);
                    return;
                }

                _appEtags[s] = submitted;
            }
        });
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} seeding requests of the month-end mix failed: {_firstError}");
        }

        var now = DateTimeOffset.UtcNow;
        await Topics.UpsertEntityAsync(new TableEntity(World.MunicipalityId, week.ToString())
        {
            ["Title"] = "Формирующее оценивание на уроках математики",
            ["Videos"] = "[{\"title\":\"Видеосеминар\",\"url\":\"https://video.example/1\"}]",
            ["Questions"] = "[\"Какие приёмы вы уже применяете?\"]",
            ["Assignment"] = "Провести методический день и направить решение координатору.",
            ["PublishedAt"] = now.AddDays(-1),
            ["UpdatedByName"] = world.Coordinator.DisplayName,
            ["UpdatedAt"] = now,
        }, TableUpdateMode.Replace);
        var participants = world.Schools.ToList(); // every school takes part in the steps the seeds give to all
        foreach (var chunk in participants.Where((_, i) => i % 2 == 0).Chunk(100))
        {
            await Weeks.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity($"{World.MunicipalityId}|{week}", $"step|{s.Id}|form")
                {
                    ["StepId"] = "form",
                    ["SchoolId"] = s.Id,
                    ["Text"] = "Педагогический совет",
                    ["DoneAt"] = now.AddHours(-20),
                    ["ByName"] = $"Администратор {s.ShortName}",
                    ["Late"] = false,
                })));
        }

        // The raw side's sheets: this month's rows, copied under a municipality of their own.
        await foreach (var row in Sheets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {World.MunicipalityId + "|" + month} and RowKey ge 'sheet|' and RowKey lt 'sheet}}'")))
        {
            var school = world.Schools.ToList().FindIndex(s => "sheet|" + s.Id == row.RowKey);
            row.PartitionKey = $"{RawMunicipality}|{month}";
            row.ETag = default;
            var written = await Sheets.UpsertEntityAsync(row, TableUpdateMode.Replace);
            _rawEtags[school] = written.Headers.ETag ?? default;
            _rawRevisions[school] = row.GetInt32("Revision") ?? 0;
        }

        log($"month-end: seeded {world.SchoolCount} schools (last month submitted, this month {world.SchoolCount} drafts and {(world.SchoolCount + 1) / 2} submissions), week {week} with {participants.Count} participant schools");
    }

    public async Task<MonthEndResult> RunAsync(int clients, TimeSpan phase, int rounds)
    {
        var rowsBefore = await CountAsync(Sheets);
        var sides = new[] { MonthEndResult.App, MonthEndResult.Raw };
        var latencies = new Dictionary<(string, string), ConcurrentBag<double>>();
        var errors = new ConcurrentDictionary<(string, string), long>();
        var conflicts = new ConcurrentDictionary<(string, string), long>();
        foreach (var side in sides)
        {
            foreach (var (kind, _) in MonthEndResult.Mix)
            {
                latencies[(side, kind)] = [];
            }
        }

        // Warm-up of both sides, untimed.
        foreach (var side in sides)
        {
            await PhaseAsync(side, clients, TimeSpan.FromSeconds(3), null, null, null);
        }

        var seconds = sides.ToDictionary(s => s, _ => 0.0);
        var throughputs = sides.ToDictionary(s => s, _ => new List<double>());
        var cpuMs = sides.ToDictionary(s => s, _ => new Dictionary<string, double>());
        for (var r = 0; r < rounds; r++)
        {
            foreach (var side in r % 2 == 0 ? sides : sides.Reverse())
            {
                var before = cpu.Snapshot();
                var (ops, elapsed) = await PhaseAsync(side, clients, phase, latencies, errors, conflicts);
                foreach (var (process, ms) in CpuMeter.Delta(before, cpu.Snapshot()))
                {
                    cpuMs[side][process] = cpuMs[side].GetValueOrDefault(process) + ms;
                }

                seconds[side] += elapsed;
                throughputs[side].Add(ops / elapsed);
                log($"month-end round {r + 1} {side}: {ops / elapsed:F0} requests/s");
            }
        }

        var kinds = new List<KindResult>();
        var results = new List<SideResult>();
        foreach (var side in sides)
        {
            var all = new List<double>();
            foreach (var (kind, _) in MonthEndResult.Mix)
            {
                var samples = latencies[(side, kind)].ToList();
                all.AddRange(samples);
                kinds.Add(new KindResult(side, kind, Stats.Of(samples), samples.Count, errors.GetValueOrDefault((side, kind)), conflicts.GetValueOrDefault((side, kind))));
            }

            var sideKinds = kinds.Where(k => k.Side == side).ToList();
            results.Add(new SideResult(side, Stats.Of(all), all.Count, sideKinds.Sum(k => k.Errors), sideKinds.Sum(k => k.Conflicts), seconds[side], throughputs[side], cpuMs[side]));
        }

        var rowsAfter = await CountAsync(Sheets);
        return new MonthEndResult(world.SchoolCount, clients, phase.TotalSeconds, rounds, month.ToString(), week.ToString(), kinds, results, _firstError, rowsBefore, rowsAfter);
    }

    private async Task<(long Ops, double Seconds)> PhaseAsync(
        string side, int clients, TimeSpan duration,
        Dictionary<(string, string), ConcurrentBag<double>>? latencies, ConcurrentDictionary<(string, string), long>? errors, ConcurrentDictionary<(string, string), long>? conflicts)
    {
        long ops = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(1000 + c);
            var owned = Enumerable.Range(0, world.SchoolCount).Where(s => s % clients == c).ToArray();
            var next = random.Next(owned.Length);
            while (clock.Elapsed < duration)
            {
                var kind = Pick(random.NextDouble());
                var school = owned[next++ % owned.Length];
                var started = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    outcome = side == MonthEndResult.App ? await AppAsync(kind, school) : await RawAsync(kind, school);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _firstError, $"{side} {kind}: {ex.GetType().Name}: {ex.Message}", null);
                    outcome = Outcome.Error;
                }

                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref ops);
                switch (outcome)
                {
                    case Outcome.Ok:
                        latencies?[(side, kind)].Add(ms);
                        break;
                    case Outcome.Conflict:
                        conflicts?.AddOrUpdate((side, kind), 1, (_, n) => n + 1);
                        break;
                    default:
                        errors?.AddOrUpdate((side, kind), 1, (_, n) => n + 1);
                        break;
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        return (ops, clock.Elapsed.TotalSeconds);
    }

    private static string Pick(double x)
    {
        foreach (var (kind, share) in MonthEndResult.Mix)
        {
            if (x < share)
            {
                return kind;
            }

            x -= share;
        }

        return MonthEndResult.Mix[^1].Kind;
    }

    private enum Outcome
    {
        Ok,
        Conflict,
        Error,
    }

    private async Task<Outcome> AppAsync(string kind, int school)
    {
        switch (kind)
        {
            case MonthEndResult.Draft:
            case MonthEndResult.Submit:
            {
                var v = Interlocked.Increment(ref _variant[school]) % World.AnswerVariants;
                var (etag, status) = kind == MonthEndResult.Draft
                    ? await SendAsync(HttpMethod.Put, SheetPath(school), world.AdminTokens[school], _appEtags[school], world.Answers[school, v].Body)
                    : await SendAsync(HttpMethod.Post, SheetPath(school) + "/submit", world.AdminTokens[school], _appEtags[school], world.Answers[school, v].Body);
                if (etag is not null)
                {
                    _appEtags[school] = etag;
                    return Outcome.Ok;
                }

                if (status == HttpStatusCode.Conflict)
                {
                    // Not expected (each client owns its schools); pick up the current version and go on.
                    var (current, _) = await SendAsync(HttpMethod.Get, SheetPath(school), world.AdminTokens[school], null, null);
                    _appEtags[school] = current ?? _appEtags[school];
                    return Outcome.Conflict;
                }

                return Outcome.Error;
            }

            case MonthEndResult.Summary:
                return (await SendAsync(HttpMethod.Get, $"api/municipalities/{World.MunicipalityId}/self-assessment/{month}/summary", world.CoordinatorToken, null, null)).Status == HttpStatusCode.OK ? Outcome.Ok : Outcome.Error;
            default:
                return (await SendAsync(HttpMethod.Get, $"api/municipalities/{World.MunicipalityId}/weeks/{week}/board", world.CoordinatorToken, null, null)).Status == HttpStatusCode.OK ? Outcome.Ok : Outcome.Error;
        }
    }

    /// <summary>The request, its body read to the end; the answer's ETag on success (or "" when it carries none), null otherwise.</summary>
    private async Task<(string? ETag, HttpStatusCode Status)> SendAsync(HttpMethod method, string path, string token, string? ifMatch, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.IsSuccessStatusCode)
        {
            return (response.Headers.TryGetValues("ETag", out var tags) ? tags.First() : "", response.StatusCode);
        }

        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            Interlocked.CompareExchange(ref _firstError, $"{method} {path}: {(int)response.StatusCode} ({bytes.Length} bytes)", null);
        }

        return (null, response.StatusCode);
    }

    private async Task<Outcome> RawAsync(string kind, int school)
    {
        var partition = $"{RawMunicipality}|{month}";
        var id = world.Schools[school].Id;
        switch (kind)
        {
            case MonthEndResult.Draft:
            {
                // What a draft save must do at least: read the sheet (its version), replace it if the version still matches.
                var v = Interlocked.Increment(ref _variant[school]) % World.AnswerVariants;
                var sheet = (await Sheets.GetEntityAsync<TableEntity>(partition, "sheet|" + id)).Value;
                sheet["Values"] = world.Answers[school, v].ValuesJson;
                sheet["UpdatedAt"] = DateTimeOffset.UtcNow;
                var written = await Sheets.UpdateEntityAsync(sheet, sheet.ETag, TableUpdateMode.Replace);
                _rawEtags[school] = written.Headers.ETag ?? default;
                return Outcome.Ok;
            }

            case MonthEndResult.Submit:
            {
                // What a submission must do at least: the sheet (if its version matches) and its new revision in one transaction.
                var v = Interlocked.Increment(ref _variant[school]) % World.AnswerVariants;
                var a = world.Answers[school, v];
                var number = _rawRevisions[school] + 1;
                var now = DateTimeOffset.UtcNow;
                var sheet = new TableEntity(partition, "sheet|" + id)
                {
                    ["TemplateVersion"] = world.Template.Version,
                    ["Values"] = a.ValuesJson,
                    ["SubmittedValues"] = a.ValuesJson,
                    ["Revision"] = number,
                    ["SubmittedAt"] = now,
                    ["UpdatedAt"] = now,
                    ["Total"] = a.Score.Total,
                    ["ApplicableMax"] = a.Score.ApplicableMax,
                    ["Percent"] = a.Score.Percent,
                    ["Cluster"] = a.Score.Cluster?.ToString(),
                    ["Areas"] = a.AreasJson,
                };
                var revision = new TableEntity(partition, $"rev|{id}|{number:D4}")
                {
                    ["Revision"] = number,
                    ["TemplateVersion"] = world.Template.Version,
                    ["Values"] = a.ValuesJson,
                    ["SubmittedAt"] = now,
                    ["Total"] = a.Score.Total,
                    ["ApplicableMax"] = a.Score.ApplicableMax,
                    ["Percent"] = a.Score.Percent,
                    ["Cluster"] = a.Score.Cluster?.ToString(),
                    ["Areas"] = a.AreasJson,
                };
                var response = await Sheets.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, sheet, _rawEtags[school]),
                    new TableTransactionAction(TableTransactionActionType.Add, revision),
                ]);
                _rawEtags[school] = response.Value[0].Headers.ETag ?? default;
                _rawRevisions[school] = number;
                return Outcome.Ok;
            }

            case MonthEndResult.Summary:
            {
                var partitionOfMonth = $"{World.MunicipalityId}|{month}";
                await Task.WhenAll(
                    DrainAsync(Sheets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionOfMonth} and RowKey ge 'sheet|' and RowKey lt 'sheet}}'"), select: SummaryColumns)),
                    DrainAsync(Schools.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {World.MunicipalityId}"))));
                return Outcome.Ok;
            }

            default:
                await Task.WhenAll(
                    Topics.GetEntityIfExistsAsync<TableEntity>(World.MunicipalityId, week.ToString()),
                    DrainAsync(Weeks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {World.MunicipalityId + "|" + week}"))),
                    DrainAsync(Schools.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {World.MunicipalityId}"))));
                return Outcome.Ok;
        }
    }

    private static async Task<int> DrainAsync(AsyncPageable<TableEntity> rows)
    {
        var n = 0;
        await foreach (var _ in rows)
        {
            n++;
        }

        return n;
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            n++;
        }

        return n;
    }
}
