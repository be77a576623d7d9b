using System.Diagnostics;

namespace MethodDays.Bench.Infrastructure;

/// <summary>
/// An app operation and its raw-storage baseline timed side by side: after warm-ups that are not kept, each iteration
/// runs both, the one that goes first alternating, so that a change in the machine's load falls on both sides alike.
/// </summary>
public static class Interleaved
{
    public static async Task<(List<double> App, List<double> Raw)> MeasureAsync(int warmups, int iterations, Func<Task> app, Func<Task> raw)
    {
        var appTimes = new List<double>();
        var rawTimes = new List<double>();
        for (var i = -warmups; i < iterations; i++)
        {
            for (var side = 0; side < 2; side++)
            {
                var onApp = (side + i) % 2 == 0;
                var started = Stopwatch.GetTimestamp();
                await (onApp ? app() : raw());
                if (i >= 0)
                {
                    (onApp ? appTimes : rawTimes).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        return (appTimes, rawTimes);
    }

    /// <summary>A request signed with a person's bearer token.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
