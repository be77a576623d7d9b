using System.Diagnostics;
using MethodDays.Bench.Infrastructure;

namespace MethodDays.Bench.Startup;

/// <summary>One way of building both executables (framework-dependent, self-contained, ReadyToRun).</summary>
public sealed record BuildVariant(string Name, string AppExecutable, string EmptyExecutable);

public sealed record StartupResult(BuildVariant Variant, Stats App, Stats Empty, double AppResidentMiB, double EmptyResidentMiB, int AppStatus, int EmptyStatus)
{
    public double MedianRatio => App.Median / Empty.Median;
}

/// <summary>
/// Start-up to the first answer on <c>GET /</c>: process start → first HTTP response, the function app against the
/// empty app, alternating which goes first in each pair so drift on a shared machine hits both alike.
/// </summary>
public sealed class StartupBench(Func<int, IReadOnlyDictionary<string, string>> appEnvironment, int runs, int warmups, Action<string> log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<StartupResult> RunAsync(BuildVariant variant)
    {
        var app = new List<double>();
        var empty = new List<double>();
        var appRss = new List<double>();
        var emptyRss = new List<double>();
        int appStatus = 0, emptyStatus = 0;
        for (var i = -warmups; i < runs; i++)
        {
            // Pairs alternate the order: app first on even runs, empty first on odd.
            var appFirst = (i & 1) == 0;
            for (var k = 0; k < 2; k++)
            {
                var isApp = appFirst == (k == 0);
                var (ms, rss, status) = await OnceAsync(isApp ? variant.AppExecutable : variant.EmptyExecutable, isApp ? appEnvironment : NoSettings);
                if (i < 0)
                {
                    continue;
                }

                (isApp ? app : empty).Add(ms);
                (isApp ? appRss : emptyRss).Add(rss);
                if (isApp)
                {
                    appStatus = status;
                }
                else
                {
                    emptyStatus = status;
                }
            }
        }

        var result = new StartupResult(variant, Stats.Of(app), Stats.Of(empty), Stats.Of(appRss).Median, Stats.Of(emptyRss).Median, appStatus, emptyStatus);
        log($"start-up {variant.Name}: app {result.App.Median:F0} ms, empty {result.Empty.Median:F0} ms (median of {runs})");
        return result;
    }

    private static IReadOnlyDictionary<string, string> NoSettings(int port) => new Dictionary<string, string>();

    private static async Task<(double Ms, double Rss, int Status)> OnceAsync(string executable, Func<int, IReadOnlyDictionary<string, string>> environment)
    {
        // A fresh client per start: no pooled connection survives from the previous process.
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var clock = Stopwatch.StartNew();
        await using var server = ServerProcess.Start(executable, environment);
        var status = await server.WaitForFirstAnswerAsync(client, Timeout);
        var ms = clock.Elapsed.TotalMilliseconds;
        return (ms, server.ResidentMiB(), status);
    }
}
