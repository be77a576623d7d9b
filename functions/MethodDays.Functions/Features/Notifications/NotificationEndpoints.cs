using Azure.Storage.Queues;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Notifications;

public sealed record ReadInput(string? Id);

public sealed record EmailPreferences(IReadOnlyList<NotificationKind> Off, IReadOnlyList<NotificationKind> Kinds);

public sealed record EmailPreferencesInput(IReadOnlyList<NotificationKind>? Off);

public sealed record FailedNotice(string MessageId, string PersonId, string PersonName, NotificationKind Kind, string Subject, DateTimeOffset CreatedAt, long DequeueCount);

public sealed record FailedNotices(int Total, IReadOnlyList<FailedNotice> Items);

public sealed record ResendResult(int Resent);

/// <summary>The in-app feed, e-mail choices, and the coordinator's view of notices that could not be delivered.</summary>
internal static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/feed").WithTags("Уведомления");
        feed.MapGet("", FeedAsync).WithName("Feed").WithSummary("Мои уведомления и число непрочитанных");
        feed.MapPost("/read", ReadAsync).WithName("FeedRead").WithSummary("Отметить прочитанным (одно или все)");
        api.MapGet("/me/email-preferences", GetPreferencesAsync).WithName("EmailPreferences").WithTags("Уведомления").WithSummary("Какие письма я получаю");
        api.MapPut("/me/email-preferences", SetPreferencesAsync).WithName("SaveEmailPreferences").WithTags("Уведомления").WithSummary("Выбрать, какие письма получать");

        var failed = api.MapGroup("/municipalities/{municipalityId}/notifications/failed").WithTags("Уведомления");
        failed.MapGet("", FailedAsync).WithName("FailedNotifications").WithSummary("Недоставленные уведомления (после всех попыток)");
        failed.MapPost("/resend", ResendAsync).WithName("ResendFailedNotifications").WithSummary("Отправить недоставленные ещё раз");
    }

    public static async Task<Ok<FeedView>> FeedAsync(CurrentUser user, NotificationStore store, CancellationToken ct, int? take = null) =>
        TypedResults.Ok(await store.ReadFeedAsync(user.MunicipalityId, user.PersonId, Math.Clamp(take ?? 50, 1, 200), ct));

    public static async Task<Ok<FeedView>> ReadAsync(ReadInput input, CurrentUser user, NotificationStore store, CancellationToken ct)
    {
        await store.MarkReadAsync(user.MunicipalityId, user.PersonId, input.Id, ct);
        return TypedResults.Ok(await store.ReadFeedAsync(user.MunicipalityId, user.PersonId, 50, ct));
    }

    public static async Task<Ok<EmailPreferences>> GetPreferencesAsync(CurrentUser user, NotificationStore store, CancellationToken ct) =>
        TypedResults.Ok(new EmailPreferences([.. await store.EmailOffAsync(user.MunicipalityId, user.PersonId, ct)], Enum.GetValues<NotificationKind>()));

    public static async Task<Results<Ok<EmailPreferences>, ValidationProblem>> SetPreferencesAsync(
        EmailPreferencesInput input, CurrentUser user, NotificationStore store, CancellationToken ct)
    {
        if (input.Off is null)
        {
            return Problems.Invalid("off", "Передайте список видов писем, которые не нужно присылать (может быть пустым).");
        }

        await store.SetEmailOffAsync(user.MunicipalityId, user.PersonId, input.Off, ct);
        return TypedResults.Ok(new EmailPreferences([.. input.Off.Distinct()], Enum.GetValues<NotificationKind>()));
    }

    public static async Task<Results<Ok<FailedNotices>, ProblemHttpResult>> FailedAsync(
        string municipalityId, CurrentUser user, QueueServiceClient queues, StorageNames names, DirectoryStore directory, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Недоставленные уведомления видит муниципальный координатор.");
        }

        var poison = queues.GetQueueClient(names.PoisonQueue(Notifier.Queue));
        if (!(await poison.ExistsAsync(ct)).Value)
        {
            return TypedResults.Ok(new FailedNotices(0, []));
        }

        // Peek shows at most 32 messages; the page says how many there are in all.
        var peeked = (await poison.PeekMessagesAsync(32, ct)).Value;
        var people = (await directory.ListMembersAsync(municipalityId, ct)).ToDictionary(m => m.PersonId, m => m.DisplayName);
        var items = peeked
            .Select(m => (Message: m, Notice: Notifier.Read(m.Body.ToString())))
            .Where(x => x.Notice?.MunicipalityId == municipalityId)
            .Select(x => new FailedNotice(x.Message.MessageId, x.Notice!.PersonId, people.GetValueOrDefault(x.Notice.PersonId, x.Notice.PersonId), x.Notice.Kind, x.Notice.Subject, x.Notice.CreatedAt, x.Message.DequeueCount))
            .ToList();
        var total = (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        return TypedResults.Ok(new FailedNotices(Math.Max(total, items.Count), items));
    }

    public static async Task<Results<Ok<ResendResult>, ProblemHttpResult>> ResendAsync(
        string municipalityId, CurrentUser user, QueueServiceClient queues, StorageNames names, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Повторную отправку запускает муниципальный координатор.");
        }

        var main = queues.GetQueueClient(names.Queue(Notifier.Queue));
        var poison = queues.GetQueueClient(names.PoisonQueue(Notifier.Queue));
        if (!(await poison.ExistsAsync(ct)).Value)
        {
            return TypedResults.Ok(new ResendResult(0));
        }

        var resent = 0;
        for (var round = 0; round < 50; round++)
        {
            var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            var mine = 0;
            foreach (var m in batch)
            {
                if (Notifier.Read(m.Body.ToString())?.MunicipalityId == municipalityId)
                {
                    // Back on the main queue first, then off the poison queue: at worst a notice is tried twice, never lost.
                    await main.SendMessageAsync(m.Body.ToString(), ct);
                    await poison.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                    resent++;
                    mine++;
                }
                else
                {
                    await poison.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
                }
            }

            if (mine == 0)
            {
                break;
            }
        }

        return TypedResults.Ok(new ResendResult(resent));
    }
}
