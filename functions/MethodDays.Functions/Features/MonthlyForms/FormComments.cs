using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.MonthlyForms;

/// <summary>What a comment handler needs besides the route: who asks, the scope, the clock. Services are marked: a GET has no body to bind the rest from.</summary>
internal sealed record FormCommentRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] TimeProvider Time,
    CancellationToken Ct);

/// <summary>
/// A reviewer's comment on a school's submitted sheet of a month — the curator of the school, a methodist or the
/// coordinator — kept against the revision it was written on. The same for every form.
/// </summary>
internal static class FormComments
{
    public const int MaxLength = 4000;

    /// <summary>The request size a comment route accepts.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static async Task<Results<Ok<CommentView>, ValidationProblem, ProblemHttpResult>> AddAsync<TContent, TSheet, TRevision>(
        MonthlyFormStore<TContent, TSheet, TRevision> store, string municipalityId, string schoolId, string month, CommentInput input, FormCommentRequest r)
        where TSheet : FormSheetRow, new()
        where TRevision : FormRevisionRow, new()
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReviewSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var names = store.Form.Names;
        var errors = new FieldErrors();
        var m = FormMonth.Check(month, ctx.Municipality, r.Time, errors, names);
        var text = input.Text?.Trim() ?? "";
        if (text.Length is < 1 or > MaxLength)
        {
            errors.Add("text", $"Комментарий: от 1 до {MaxLength} символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var sheet = await store.GetFiguresAsync(municipalityId, schoolId, m!.Value, r.Ct);
        if (sheet is not { Revision: > 0 })
        {
            return Problems.Conflict(names.NotSubmittedForComment);
        }

        var comment = await store.AddCommentAsync(municipalityId, schoolId, m.Value, sheet.Revision, r.User, text, r.Time.GetUtcNow(), r.Ct);
        return TypedResults.Ok(comment.ToView());
    }
}
