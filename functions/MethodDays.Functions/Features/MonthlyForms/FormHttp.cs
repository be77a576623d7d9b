using Azure;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.MonthlyForms;

/// <summary>The HTTP side of a form's conflicts: the ETag a write was made against, and the answer when it is stale.</summary>
internal static class FormHttp
{
    public static ETag? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : null;

    /// <summary>A sheet answer is never cached, and carries the ETag the next write must send back.</summary>
    public static T Answer<T>(HttpContext http, T view, string? etag)
    {
        if (etag is not null)
        {
            http.Response.Headers.ETag = etag;
        }

        http.Response.Headers.CacheControl = "no-store";
        return view;
    }

    /// <summary>409 with the sheet as it is now under <c>current</c>, so the page can show both versions.</summary>
    public static ProblemHttpResult Conflict(FormNames names, string? changedBy, object current) =>
        Problems.Conflict(names.ChangedMeanwhile(changedBy), new Dictionary<string, object?> { ["current"] = current });
}
