using MethodDays.Features.People;
using MethodDays.Platform.Host;

namespace MethodDays.Features.Notifications;

/// <summary>
/// Queue function on <c>notifications</c>: puts the notice in the person's feed and, unless they turned that kind
/// off, e-mails it. Both steps are idempotent (feed row keyed by the notice; a delivery marker after the e-mail),
/// so a redelivered message sends nothing twice. An SMTP failure throws: the queue retries, then poisons.
/// </summary>
public sealed class SendNotificationFunction(
    NotificationStore store, DirectoryStore directory, MailSender mail, TimeProvider time, ILogger<SendNotificationFunction> logger) : IQueueFunction
{
    public const string Name = "SendNotification";

    public async Task HandleAsync(QueueMessageInfo message, CancellationToken cancellationToken)
    {
        var notice = Notifier.Read(message.Body) ?? throw new InvalidOperationException("Empty notification message.");
        await store.AddToFeedAsync(notice, cancellationToken);

        if (!mail.Enabled)
        {
            return;
        }

        var member = await directory.GetMemberAsync(notice.MunicipalityId, notice.PersonId, cancellationToken);
        if (member is not { Active: true } || string.IsNullOrWhiteSpace(member.Email))
        {
            return;
        }

        var off = await store.EmailOffAsync(notice.MunicipalityId, notice.PersonId, cancellationToken);
        if (off.Contains(notice.Kind) || await store.WasMailedAsync(notice.Id, cancellationToken))
        {
            return;
        }

        await mail.SendAsync(member.DisplayName, member.Email, notice.Subject, notice.Text, notice.Link, cancellationToken);
        await store.MarkMailedAsync(notice.Id, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Notice {NotificationId} of kind {Kind} e-mailed (delivery {DequeueCount})", notice.Id, notice.Kind, message.DequeueCount);
    }
}
