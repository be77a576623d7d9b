using System.Net;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Security;

/// <summary>The app with a small download limit, to reach it in a test.</summary>
public sealed class DownloadLimitFactory : AppFactory
{
    public const int PerMinute = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:DownloadsPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Generated downloads are expensive: a person gets a few a minute, then a clear answer to wait.</summary>
public sealed class DownloadLimitTests(DownloadLimitFactory app) : IClassFixture<DownloadLimitFactory>
{
    private const string Summary = "/api/municipalities/north/self-assessment/2026-10/summary/xlsx";

    [Fact]
    public async Task DownloadPastTheLimitGetsTooManyRequestsInRussianWithRetryAfter()
    {
        var coordinator = app.ClientFor("coord-n");
        for (var i = 0; i < DownloadLimitFactory.PerMinute; i++)
        {
            var ok = await coordinator.GetAsync(Summary);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var refused = await coordinator.GetAsync(Summary);
        var problem = await refused.AssertProblemAsync(429);
        Assert.Contains("Повторите через", (string?)problem["detail"]);
        Assert.NotNull(refused.Headers.RetryAfter);

        // The limit is per person: a colleague downloads as usual.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("methodist-n").GetAsync(Summary)).StatusCode);
    }
}
