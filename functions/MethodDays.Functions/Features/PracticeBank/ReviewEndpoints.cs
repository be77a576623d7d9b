using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// The way into the bank: the school submits a version, a methodist or the coordinator takes it, accepts it or
/// returns it with a comment; each step is a history event and a notification to the other side.
/// </summary>
internal static class ReviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practices/{practiceId}").WithTags("Банк практик");
        group.MapPost("/submit", SubmitAsync).WithName("SubmitPractice").WithSummary("Отправить на рассмотрение (новая версия)")
            .ProducesProblems(403, 404, 409);
        group.MapPost("/review", ReviewAsync).WithName("ReviewPractice").WithSummary("Рассмотрение: взять, принять в банк или вернуть с комментарием")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024))
            .ProducesProblems(403, 404, 409, 413);
    }

    public static async Task<Results<Ok<PracticeView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string municipalityId, string practiceId, [AsParameters] PracticeRequest r)
    {
        if (!(await r.PracticeAsync(municipalityId, practiceId)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var practice = ctx.Practice;
        if (!PracticeViews.CanEdit(r.User, practice))
        {
            return Problems.Forbidden("Отправить практику может её автор или администрация школы, пока она черновик или возвращена.");
        }

        var ifMatch = r.IfMatch ?? practice.ETag;
        if (practice.StoredFiles.Count == 0 && PracticeViews.Read<List<PracticeLink>>(practice.Links).Count == 0)
        {
            return Problems.Invalid("files", "Приложите хотя бы один файл или ссылку (например, на видеоурок).");
        }

        var now = r.Time.GetUtcNow();
        var action = practice.StateValue == PracticeState.Returned ? "resubmitted" : "submitted";
        practice.State = nameof(PracticeState.Submitted);
        practice.Version++;
        practice.UpdatedAt = now;
        var submitted = PracticeStore.Event(municipalityId, practiceId, now, r.User.Member.DisplayName, action, null, practice.Version);
        if (!await r.Store.UpdateAsync(practice, ifMatch, submitted, snapshot: true, r.Ct))
        {
            return Problems.Conflict("Практику уже изменил кто-то другой. Обновите страницу и отправьте ещё раз.");
        }

        // Reviewers learn of it in their feed (and e-mail, if they want).
        var reviewers = (await r.Directory.ListMembersAsync(municipalityId, r.Ct)).Where(m => m.Active && m.Role is Role.Methodist or Role.Coordinator).ToList();
        await r.Notifier.EnqueueAsync([.. reviewers.Select(m => new NotificationMessage(
            NotificationMessage.IdFor(municipalityId, $"practice|{practiceId}|v{practice.Version}|submitted", m.PersonId), municipalityId, m.PersonId,
            NotificationKind.Review, $"На рассмотрение: «{practice.Title}»",
            $"{practice.CreatedByName} отправил(а) практику «{practice.Title}» в банк практик (версия {practice.Version}).", $"/#/practice/{practiceId}", now))], r.Ct);
        return TypedResults.Ok(await r.ViewAsync(practice));
    }

    public static async Task<Results<Ok<PracticeView>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        string municipalityId, string practiceId, ReviewInput input, [AsParameters] PracticeRequest r)
    {
        var scoped = await r.PracticeToReviewAsync(municipalityId, practiceId, "Практики рассматривают методисты и муниципальный координатор.");
        if (!scoped.TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var practice = ctx.Practice;
        var comment = input.Comment?.Trim();
        var state = practice.StateValue;
        PracticeState? next = (input.Action, state) switch
        {
            ("start", PracticeState.Submitted) => PracticeState.InReview,
            ("accept", PracticeState.Submitted or PracticeState.InReview) => PracticeState.Accepted,
            ("return", PracticeState.Submitted or PracticeState.InReview) => PracticeState.Returned,
            _ => null,
        };
        if (input.Action is not ("start" or "accept" or "return"))
        {
            return Problems.Invalid("action", "Действие: start (взять на рассмотрение), accept (принять в банк) или return (вернуть с комментарием).");
        }

        if (next is null)
        {
            return Problems.Conflict($"Практика сейчас в состоянии «{StateTitle(state)}»: это действие к ней не применяется.");
        }

        if (next == PracticeState.Returned && string.IsNullOrWhiteSpace(comment))
        {
            return Problems.Invalid("comment", "Напишите автору, что доработать: без комментария вернуть практику нельзя.");
        }

        if (comment?.Length > 4000)
        {
            return Problems.Invalid("comment", "Комментарий: не больше 4000 символов.");
        }

        var now = r.Time.GetUtcNow();
        var ifMatch = r.IfMatch ?? practice.ETag;
        practice.State = next.Value.ToString();
        practice.UpdatedAt = now;
        var action = next switch { PracticeState.InReview => "review-started", PracticeState.Accepted => "accepted", _ => "returned" };
        if (!await r.Store.UpdateAsync(practice, ifMatch, PracticeStore.Event(municipalityId, practiceId, now, r.User.Member.DisplayName, action, comment, practice.Version), snapshot: false, r.Ct))
        {
            return Problems.Conflict("Практику только что рассмотрел кто-то другой. Обновите страницу.");
        }

        var (subject, text) = next switch
        {
            PracticeState.InReview => ($"Практика «{practice.Title}» на рассмотрении", $"{r.User.Member.DisplayName} начал(а) рассматривать вашу практику."),
            PracticeState.Accepted => ($"Практика «{practice.Title}» принята в банк", "Ваша практика принята в муниципальный банк лучших практик." + (comment is { Length: > 0 } ? $" Комментарий: {comment}" : "")),
            _ => ($"Практика «{practice.Title}» возвращена на доработку", $"Комментарий: {comment}"),
        };
        await r.Notifier.EnqueueAsync([new NotificationMessage(
            NotificationMessage.IdFor(municipalityId, $"practice|{practiceId}|v{practice.Version}|{action}", practice.CreatedById), municipalityId, practice.CreatedById,
            NotificationKind.Review, subject, text, $"/#/practice/{practiceId}", now)], r.Ct);
        return TypedResults.Ok(await r.ViewAsync(practice));
    }

    public static string StateTitle(PracticeState state) => state switch
    {
        PracticeState.Draft => "черновик",
        PracticeState.Submitted => "отправлена",
        PracticeState.InReview => "на рассмотрении",
        PracticeState.Accepted => "в банке",
        _ => "возвращена на доработку",
    };
}
