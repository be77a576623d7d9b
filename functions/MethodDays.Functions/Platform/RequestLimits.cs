using System.Globalization;
using System.Threading.RateLimiting;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace MethodDays.Platform;

/// <summary>Request-rate limits, section <c>RateLimits</c>: sign-in per address, uploads and downloads per person.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public int SignInPerMinute { get; set; } = 20;

    public int UploadStartsPerMinute { get; set; } = 30;

    /// <summary>4 MiB blocks: 300 a minute is about 20 MB/s per person.</summary>
    public int UploadBlocksPerMinute { get; set; } = 300;

    /// <summary>
    /// Generated downloads (Excel sheets and summaries, the bank's zip) cost the server far more than a page: a
    /// person downloads a few a minute, a script hundreds.
    /// </summary>
    public int DownloadsPerMinute { get; set; } = 30;
}

public static class RequestLimits
{
    public const string SignIn = "sign-in";
    public const string UploadStart = "upload-start";
    public const string UploadBlock = "upload-block";
    public const string Downloads = "downloads";

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var o = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.AddPolicy(UploadStart, http => RateLimitPartition.GetFixedWindowLimiter(
                Person(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = o.UploadStartsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.AddPolicy(UploadBlock, http => RateLimitPartition.GetTokenBucketLimiter(
                Person(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.UploadBlocksPerMinute,
                    TokensPerPeriod = Math.Max(1, o.UploadBlocksPerMinute / 12),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(5),
                }));
            limiter.AddPolicy(Downloads, http => RateLimitPartition.GetFixedWindowLimiter(
                Person(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = o.DownloadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = 429,
                        Title = ProblemSetup.Titles[429],
                        Detail = $"Слишком много запросов подряд. Повторите через {retry} с.",
                    },
                });
            };
        });
        return builder;
    }

    /// <summary>Per signed-in person (their token's object id), else per address.</summary>
    private static string Person(HttpContext http) =>
        (http.User.FindFirst("oid") ?? http.User.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier"))?.Value
        ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
}
