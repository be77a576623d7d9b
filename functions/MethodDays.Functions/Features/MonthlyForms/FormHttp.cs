using Azure;
using MethodDays.Features.People;
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

    /// <summary>
    /// 409 with the sheet as it is now under <c>current</c> (its ETag under <c>etag</c>, for the retry) and the
    /// fields both people changed differently under <c>conflicts</c>, each with the writer's answer, the stored one
    /// and who stored it. The message names the other person, never the writer.
    /// </summary>
    public static ProblemHttpResult Conflict(FormNames names, CurrentUser user, IReadOnlyList<FieldConflict> conflicts, Stamp? updated, string? etag, object current)
    {
        var others = conflicts.Select(c => c.ChangedBy).Where(s => s is not null && s.PersonId != user.PersonId).Select(s => s!.Name).Distinct().ToList();
        if (others.Count == 0 && updated is not null && updated.PersonId != user.PersonId && conflicts.All(c => c.ChangedBy is null))
        {
            others.Add(updated.Name);
        }

        var elsewhere = others.Count == 0 && (updated?.PersonId == user.PersonId || conflicts.Any(c => c.ChangedBy?.PersonId == user.PersonId));
        var by = others.Count == 0 ? null : string.Join(", ", others);
        var detail = elsewhere ? names.ChangedElsewhereByYou : conflicts.Count > 0 ? names.ChangedTheSameFields(by, conflicts.Count) : names.ChangedMeanwhile(by);
        return Problems.Conflict(detail, new Dictionary<string, object?> { ["current"] = current, ["etag"] = etag, ["conflicts"] = conflicts });
    }
}
