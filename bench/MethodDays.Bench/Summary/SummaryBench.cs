using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using MethodDays.Bench.Infrastructure;
using MethodDays.Bench.Load;

namespace MethodDays.Bench.Summary;

public sealed record ReadResult(string Name, string Description, Stats Latency, long Bytes, int Rows);

/// <summary>
/// The month's summary for every school: the app's JSON and .xlsx against a raw SDK read of the whole partition
/// <c>{municipality}|{month}</c>. One client, one request at a time; the three take turns each iteration.
/// </summary>
public sealed class SummaryBench(HttpClient app, TableClient sheets, string month, int iterations, int warmups, Action<string> log)
{
    public async Task<IReadOnlyList<ReadResult>> RunAsync(string coordinatorToken)
    {
        var partition = $"{World.MunicipalityId}|{month}";
        var reads = new (string Name, string Description, Func<Task<(long Bytes, int Rows)>> Run)[]
        {
            ("raw partition read", $"Azure.Data.Tables QueryAsync<TableEntity>(PartitionKey eq '{World.MunicipalityId}|{month}'), all rows and properties, every page", async () =>
            {
                var rows = 0;
                await foreach (var e in sheets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
                {
                    rows++;
                }

                return (0L, rows);
            }),
            ("app summary (JSON)", $"GET /api/municipalities/{{mun}}/self-assessment/{{month}}/summary, coordinator, Accept-Encoding: br, gzip", () => GetAsync($"api/municipalities/{World.MunicipalityId}/self-assessment/{month}/summary", coordinatorToken)),
            ("app summary (.xlsx)", $"GET /api/municipalities/{{mun}}/self-assessment/{{month}}/summary/xlsx, coordinator", () => GetAsync($"api/municipalities/{World.MunicipalityId}/self-assessment/{month}/summary/xlsx", coordinatorToken)),
        };

        var samples = reads.Select(_ => new List<double>()).ToArray();
        var sizes = new (long Bytes, int Rows)[reads.Length];
        for (var i = -warmups; i < iterations; i++)
        {
            for (var k = 0; k < reads.Length; k++)
            {
                var j = (i + reads.Length + k) % reads.Length;
                var started = Stopwatch.GetTimestamp();
                sizes[j] = await reads[j].Run();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= 0)
                {
                    samples[j].Add(ms);
                }
            }
        }

        var results = reads.Select((r, k) => new ReadResult(r.Name, r.Description, Stats.Of(samples[k]), sizes[k].Bytes, sizes[k].Rows)).ToList();
        foreach (var r in results)
        {
            log($"summary {r.Name}: p50 {r.Latency.Median:F1} ms, p90 {r.Latency.P90:F1} ms");
        }

        return results;
    }

    private async Task<(long Bytes, int Rows)> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await app.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        }

        return (body.LongLength, 0);
    }
}
