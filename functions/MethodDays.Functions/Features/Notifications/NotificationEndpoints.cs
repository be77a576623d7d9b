using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Notifications;

/// <summary>What the notification handlers need: who asks, the scope resolver, the feed store and the queue.</summary>
internal sealed record NotificationRequest(CurrentUser User, [FromServices] ScopeResolver Scope, [FromServices] NotificationStore Store, [FromServices] Notifier Queue, [FromServices] DirectoryStore Directory, CancellationToken Ct);

/// <summary>The in-app feed, e-mail choices, and the coordinator's view of notices that could not be delivered.</summary>
internal static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // The feed and e-mail choices are the caller's own: the only refusal is the member check (403).
        var feed = api.MapGroup("/feed").WithTags("Уведомления");
        feed.MapGet("", FeedAsync).WithName("Feed").WithSummary("Мои уведомления и число непрочитанных").ProducesProblems(403);
        feed.MapPost("/read", ReadAsync).WithName("FeedRead").WithSummary("Отметить прочитанным (одно или все)").ProducesProblems(403);
        api.MapGet("/me/email-preferences", GetPreferencesAsync).WithName("EmailPreferences").WithTags("Уведомления").WithSummary("Какие письма я получаю")
            .ProducesProblems(403);
        api.MapPut("/me/email-preferences", SetPreferencesAsync).WithName("SaveEmailPreferences").WithTags("Уведомления").WithSummary("Выбрать, какие письма получать")
            .ProducesProblems(403);

        var failed = api.MapGroup("/municipalities/{municipalityId}/notifications/failed").WithTags("Уведомления");
        failed.MapGet("", FailedAsync).WithName("FailedNotifications").WithSummary("Недоставленные уведомления (после всех попыток)")
            .ProducesProblems(403, 404);
        failed.MapPost("/resend", ResendAsync).WithName("ResendFailedNotifications").WithSummary("Отправить недоставленные ещё раз")
            .ProducesProblems(403, 404);
    }

    public static async Task<Ok<FeedView>> FeedAsync([AsParameters] NotificationRequest r, int? take = null) =>
        TypedResults.Ok(await r.Store.ReadFeedAsync(r.User.MunicipalityId, r.User.PersonId, Math.Clamp(take ?? 50, 1, 200), r.Ct));

    public static async Task<Ok<FeedView>> ReadAsync(ReadInput input, [AsParameters] NotificationRequest r)
    {
        await r.Store.MarkReadAsync(r.User.MunicipalityId, r.User.PersonId, input.Id, r.Ct);
        return TypedResults.Ok(await r.Store.ReadFeedAsync(r.User.MunicipalityId, r.User.PersonId, 50, r.Ct));
    }

    public static async Task<Ok<EmailPreferences>> GetPreferencesAsync([AsParameters] NotificationRequest r) =>
        TypedResults.Ok(new EmailPreferences([.. await r.Store.EmailOffAsync(r.User.MunicipalityId, r.User.PersonId, r.Ct)], Enum.GetValues<NotificationKind>()));

    public static async Task<Results<Ok<EmailPreferences>, ValidationProblem>> SetPreferencesAsync(EmailPreferencesInput input, [AsParameters] NotificationRequest r)
    {
        if (input.Off is null)
        {
            return Problems.Invalid("off", "Передайте список видов писем, которые не нужно присылать (может быть пустым).");
        }

        await r.Store.SetEmailOffAsync(r.User.MunicipalityId, r.User.PersonId, input.Off, r.Ct);
        return TypedResults.Ok(new EmailPreferences([.. input.Off.Distinct()], Enum.GetValues<NotificationKind>()));
    }

    public static async Task<Results<Ok<FailedNotices>, ProblemHttpResult>> FailedAsync(string municipalityId, [AsParameters] NotificationRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
            "Недоставленные уведомления видит муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        // A peek shows at most 32 messages; the page says how many there are in all.
        var (total, items) = await r.Queue.PeekFailedAsync(municipalityId, r.Ct);
        var people = (await r.Directory.ListMembersAsync(municipalityId, r.Ct)).ToDictionary(m => m.PersonId, m => m.DisplayName);
        return TypedResults.Ok(new FailedNotices(total, [.. items.Select(x => new FailedNotice(
            x.MessageId, x.Notice.PersonId, people.GetValueOrDefault(x.Notice.PersonId, x.Notice.PersonId), x.Notice.Kind, x.Notice.Subject, x.Notice.CreatedAt, x.DequeueCount))]));
    }

    public static async Task<Results<Ok<ResendResult>, ProblemHttpResult>> ResendAsync(string municipalityId, [AsParameters] NotificationRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
            "Повторную отправку запускает муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(new ResendResult(await r.Queue.ResendFailedAsync(municipalityId, r.Ct)));
    }
}
