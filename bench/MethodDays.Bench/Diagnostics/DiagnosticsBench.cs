using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.Staff;

namespace MethodDays.Bench.Diagnostics;

public sealed record DiagnosticsResult(int Schools, int TeachersPerSchool, int Rounds, int Warmups, Stats AppImport, Stats RawWrite, double AppColdMs, double RawColdMs, int HeatMapIterations, Stats AppHeatMap, Stats RawRead, long HeatMapBytes, int RawRows);

/// <summary>
/// Teachers' diagnostics at a municipality's scale (issue 12): a round for every teacher imported from each school's
/// .xlsx through the app, against a raw batched write of the same result rows (one transaction per school, the same
/// partitions' shape) on the same Azurite; then the municipality's heat map through the app against a raw read of the
/// same result rows (the PartitionKey range of the municipality). Sides alternate; one client, one request at a time.
/// </summary>
public sealed class DiagnosticsBench(HttpClient app, TableServiceClient tables, string prefix, World world, int teachersPerSchool, int warmups, int rounds, int heatMapIterations, Action<string> log)
{
    private static readonly string[] Codes = ["subject", "methodical", "digital", "communicative", "psychological"];

    public async Task<DiagnosticsResult> RunAsync()
    {
        var staff = tables.GetTableClient(prefix + "staff");
        await staff.CreateIfNotExistsAsync();
        var raw = tables.GetTableClient(prefix + "rawdiagnostics");
        await raw.CreateIfNotExistsAsync();
        var results = tables.GetTableClient(prefix + DiagnosticStore.ResultsTable);

        // The staff lists (not timed): teachersPerSchool teachers in every school, written as the app's staff rows.
        foreach (var school in world.Schools)
        {
            var rows = Enumerable.Range(1, teachersPerSchool).Select(i => new TableEntity($"{World.MunicipalityId}|{school.Id}", $"t{i:D3}")
            {
                ["MunicipalityId"] = World.MunicipalityId,
                ["SchoolId"] = school.Id,
                ["FullName"] = Name(i),
                ["NameKey"] = Name(i).ToLowerInvariant(),
                ["Subjects"] = i % 2 == 0 ? "[\"Математика\"]" : "[\"Русский язык\"]",
                ["Category"] = "first",
                ["Position"] = "учитель",
                ["Active"] = true,
                ["CreatedById"] = "bench",
                ["CreatedAt"] = DateTimeOffset.UtcNow,
                ["UpdatedById"] = "bench",
                ["UpdatedByName"] = "bench",
                ["UpdatedAt"] = DateTimeOffset.UtcNow,
                ["WrittenFromEtag"] = "",
            }).Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
            // The school's roster (names to ids), which the app writes with every staff change.
            var roster = StaffRoster.Build(Enumerable.Range(1, teachersPerSchool).Select(i => ($"t{i:D3}", Name(i).ToLowerInvariant())));
            rows.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, roster.ToEntity($"{World.MunicipalityId}|{school.Id}")!));
            foreach (var chunk in rows.Chunk(100))
            {
                await staff.SubmitTransactionAsync(chunk);
            }
        }

        var files = world.Schools.Select((_, k) => Workbook(k)).ToList();
        var appImport = new List<double>();
        var rawWrite = new List<double>();
        var appMap = new List<double>();
        var rawRead = new List<double>();
        long mapBytes = 0;
        var rawRows = 0;
        // The first round(s) warm both sides up (the app's import path compiled, the connections open); they are reported
        // apart and not counted in the medians.
        for (var r = 0; r < warmups + rounds; r++)
        {
            // A new entry round in every school (not timed), dated a day later each time.
            var date = new DateOnly(2021, 9, 1).AddDays(r).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var roundId = $"{date}-entry";
            for (var k = 0; k < world.Schools.Count; k++)
            {
                using var create = Request(HttpMethod.Post, $"api/municipalities/{World.MunicipalityId}/schools/{world.Schools[k].Id}/diagnostics", world.AdminTokens[k]);
                create.Content = JsonContent.Create(new { kind = "entry", date });
                using var created = await app.SendAsync(create);
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Round for {world.Schools[k].Id}: {(int)created.StatusCode}");
                }
            }

            async Task AppAsync()
            {
                var started = Stopwatch.GetTimestamp();
                for (var k = 0; k < world.Schools.Count; k++)
                {
                    using var request = Request(HttpMethod.Post, $"api/municipalities/{World.MunicipalityId}/schools/{world.Schools[k].Id}/diagnostics/{roundId}/import", world.AdminTokens[k]);
                    request.Content = new ByteArrayContent(files[k]);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    using var response = await app.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"Import for {world.Schools[k].Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }

                appImport.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            async Task RawAsync()
            {
                var started = Stopwatch.GetTimestamp();
                for (var k = 0; k < world.Schools.Count; k++)
                {
                    var partition = $"{World.MunicipalityId}|{world.Schools[k].Id}|raw-{roundId}";
                    var actions = Enumerable.Range(1, teachersPerSchool).Select(i =>
                    {
                        var e = new TableEntity(partition, $"t|t{i:D3}")
                        {
                            ["MunicipalityId"] = World.MunicipalityId,
                            ["SchoolId"] = world.Schools[k].Id,
                            ["RoundId"] = roundId,
                            ["TeacherId"] = $"t{i:D3}",
                            ["UpdatedById"] = "raw",
                            ["UpdatedByName"] = "raw",
                            ["UpdatedAt"] = DateTimeOffset.UtcNow,
                        };
                        foreach (var (code, c) in Codes.Select((c, j) => (c, j)))
                        {
                            e[char.ToUpperInvariant(code[0]) + code[1..]] = Level(k, i, c);
                        }

                        return new TableTransactionAction(TableTransactionActionType.Add, e);
                    });
                    foreach (var chunk in actions.Chunk(100))
                    {
                        await raw.SubmitTransactionAsync(chunk);
                    }
                }

                rawWrite.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            if (r % 2 == 0)
            {
                await AppAsync();
                await RawAsync();
            }
            else
            {
                await RawAsync();
                await AppAsync();
            }

            log($"diagnostics {(r < warmups ? "warm-up round" : "round")} {r + 1}: app import {appImport[^1]:F0} ms, raw batched write {rawWrite[^1]:F0} ms for {world.Schools.Count * teachersPerSchool} teachers");

            if (r > 0)
            {
                continue;
            }

            // The heat map after the first round: every teacher's result once, as the municipality reads it.
            (appMap, rawRead) = await Interleaved.MeasureAsync(2, heatMapIterations,
                async () =>
                {
                    using var request = Request(HttpMethod.Get, $"api/municipalities/{World.MunicipalityId}/diagnostics/heat-map", world.CoordinatorToken);
                    using var response = await app.SendAsync(request);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"Heat map: {(int)response.StatusCode}");
                    }

                    mapBytes = body.LongLength;
                },
                async () =>
                {
                    var count = 0;
                    var filter = TableClient.CreateQueryFilter($"PartitionKey ge {World.MunicipalityId + "|"} and PartitionKey lt {World.MunicipalityId + "}"} and RowKey ge {"t|"} and RowKey lt {"t}"}");
                    await foreach (var _ in results.QueryAsync<TableEntity>(filter))
                    {
                        count++;
                    }

                    rawRows = count;
                });

            log($"diagnostics heat map: app p50 {Stats.Of(appMap).Median:F1} ms, raw read p50 {Stats.Of(rawRead).Median:F1} ms ({rawRows} rows)");
        }

        return new DiagnosticsResult(world.Schools.Count, teachersPerSchool, rounds, warmups, Stats.Of(appImport.Skip(warmups).ToList()), Stats.Of(rawWrite.Skip(warmups).ToList()),
            warmups > 0 ? appImport[0] : double.NaN, warmups > 0 ? rawWrite[0] : double.NaN, heatMapIterations, Stats.Of(appMap), Stats.Of(rawRead), mapBytes, rawRows);
    }

    public static string Markdown(DiagnosticsResult r)
    {
        var teachers = r.Schools * r.TeachersPerSchool;
        var text = new StringBuilder();
        text.AppendLine("### Teachers' diagnostics: a municipality's round and its heat map");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Schools} schools × {r.TeachersPerSchool} teachers = {teachers} teachers, five competences each; {r.Rounds} import round(s){(r.Warmups > 0 ? string.Create(CultureInfo.InvariantCulture, $" after {r.Warmups} warm-up round(s), not counted (the first, cold: app {r.AppColdMs:F0} ms, raw {r.RawColdMs:F0} ms)") : "")}, heat map {r.HeatMapIterations} iterations after 2 warm-ups; sides alternate.");
        text.AppendLine();
        text.AppendLine("| Operation | Median | p90 | vs baseline | Target |");
        text.AppendLine("|---|---|---|---|---|");
        var importRatio = r.AppImport.Median / r.RawWrite.Median;
        var mapRatio = r.AppHeatMap.Median / r.RawRead.Median;
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw batched write of the {teachers} result rows (a transaction per school) | {r.RawWrite.Median:F0} ms | {r.RawWrite.P90:F0} ms | 1 | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| app: import of each school's .xlsx ({r.Schools} files, checked and written) | {r.AppImport.Median:F0} ms | {r.AppImport.P90:F0} ms | {importRatio:F2}× | within 2× {(importRatio <= 2 ? "— met" : "— missed")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| raw read of the municipality's {r.RawRows} result rows (PartitionKey range) | {r.RawRead.Median:F1} ms | {r.RawRead.P90:F1} ms | 1 | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| app: heat map (schools × competences, subjects; {r.HeatMapBytes} bytes) | {r.AppHeatMap.Median:F1} ms | {r.AppHeatMap.P90:F1} ms | {mapRatio:F2}× | within 3× {(mapRatio <= 3 ? "— met" : "— missed")} |");
        return text.ToString();
    }

    private static string Name(int i) => $"Педагог{i:D3} Контрольный Тестович";

    private static int Level(int school, int teacher, int competence) => 40 + ((school * 7 + teacher * 13 + competence * 17) % 61);

    private static HttpRequestMessage Request(HttpMethod method, string path, string token) => Interleaved.Request(method, path, token);

    /// <summary>A school's filled table in the seed's layout, written by the app's own workbook writer.</summary>
    private byte[] Workbook(int school)
    {
        var competences = Competences.All.Select(c => new CompetenceView(c.Code, c.Label, Competences.DefaultCutOffs[c.Code])).ToList();
        var round = new RoundView("r", "entry", "входная", "2021-09-01", "", "", null, competences, teachersPerSchool, DateTimeOffset.UtcNow, "", "");
        var rows = Enumerable.Range(1, teachersPerSchool)
            .Select(i => new TableRow(i, $"t{i:D3}", Name(i), [.. Codes.Select((c, j) => new TableCell(c, Level(school, i, j), null))]))
            .ToList();
        var table = new DiagnosticTable(world.Schools[school].ShortName, round, null, rows, [.. Codes.Select(c => new TableCell(c, null, null))], [], [], 0);
        return DiagnosticWorkbook.Write(table, []);
    }
}
