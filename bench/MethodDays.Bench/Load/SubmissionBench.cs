using System.Collections.Concurrent;
using System.Diagnostics;
using MethodDays.Bench.Infrastructure;

namespace MethodDays.Bench.Load;

/// <summary>What one operation did at one concurrency, pooled over the rounds.</summary>
public sealed record LoadResult(string Operation, string Description, int Concurrency, Stats Latency, long Ops, long Errors, double Seconds, IReadOnlyList<double> RoundThroughputs, IReadOnlyDictionary<string, double> CpuMs)
{
    public double Throughput => Ops / Seconds;

    /// <summary>CPU milliseconds per operation, by process (app, Azurite, client).</summary>
    public double CpuPerOp(string process) => Ops == 0 ? double.NaN : CpuMs.GetValueOrDefault(process, double.NaN) / Ops;
}

/// <summary>
/// Closed-loop load: <c>c</c> clients each send the next item as soon as the last one answered, for a fixed time.
/// The operations take turns round by round (the order rotates), so the app and its raw baselines see the same
/// machine, the same Azurite and the same table, growing alike.
/// </summary>
public sealed class SubmissionBench(IReadOnlyList<Operation> operations, TimeSpan phase, TimeSpan warmup, int rounds, CpuMeter cpu, Action<string> log)
{
    public async Task<IReadOnlyList<LoadResult>> RunAsync(int concurrency)
    {
        foreach (var op in operations)
        {
            await PhaseAsync(op, concurrency, warmup);
        }

        var latencies = operations.ToDictionary(o => o, _ => new List<double>());
        var ops = operations.ToDictionary(o => o, _ => 0L);
        var errors = operations.ToDictionary(o => o, _ => 0L);
        var seconds = operations.ToDictionary(o => o, _ => 0.0);
        var throughputs = operations.ToDictionary(o => o, _ => new List<double>());
        var cpuMs = operations.ToDictionary(o => o, _ => new Dictionary<string, double>());
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < operations.Count; k++)
            {
                var op = operations[(r + k) % operations.Count];
                var before = cpu.Snapshot();
                var p = await PhaseAsync(op, concurrency, phase);
                foreach (var (process, ms) in CpuMeter.Delta(before, cpu.Snapshot()))
                {
                    cpuMs[op][process] = cpuMs[op].GetValueOrDefault(process) + ms;
                }

                latencies[op].AddRange(p.Latencies);
                ops[op] += p.Latencies.Count;
                errors[op] += p.Errors;
                seconds[op] += p.Seconds;
                throughputs[op].Add(p.Latencies.Count / p.Seconds);
            }
        }

        var results = operations.Select(o => new LoadResult(o.Name, o.Description, concurrency, Stats.Of(latencies[o]), ops[o], errors[o], seconds[o], throughputs[o], cpuMs[o])).ToList();
        foreach (var x in results)
        {
            log($"c={concurrency} {x.Operation}: p50 {x.Latency.Median:F2} ms, p95 {x.Latency.P95:F2} ms, {x.Throughput:F0}/s, {x.Ops} ops, {x.Errors} errors");
        }

        return results;
    }

    /// <summary>Runs one operation untimed, e.g. to bring a freshly started app to steady state (JIT tiers, caches).</summary>
    public Task WarmAsync(Operation op, int concurrency, TimeSpan duration) => PhaseAsync(op, concurrency, duration);

    private async Task<(List<double> Latencies, long Errors, double Seconds)> PhaseAsync(Operation op, int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        long errors = 0;
        Exception? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var item = op.Take();
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await op.RunAsync(item);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                    ok = false;
                }

                if (ok)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        if (firstFailure is not null)
        {
            log($"{op.Name}: {firstFailure.GetType().Name}: {firstFailure.Message}");
        }

        // Throughput over the time until the last in-flight request answered, not the nominal phase length.
        return ([.. latencies], errors, clock.Elapsed.TotalSeconds);
    }
}
