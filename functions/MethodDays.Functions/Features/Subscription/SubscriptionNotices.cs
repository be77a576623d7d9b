using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Features.Visits;

namespace MethodDays.Features.Subscription;

/// <summary>
/// An application goes to the coordinator and methodists; the answer goes to the school's administration (the feed
/// always, e-mail unless the person turned subscription e-mails off). Ids come from the effect, so a retry tells once.
/// </summary>
public sealed class SubscriptionNotices(DirectoryStore directory, Notifier notifier, SchoolNotices schools, TimeProvider time)
{
    internal async Task AppliedAsync(Municipality municipality, School school, ApplicationEntity application, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var subject = $"Школа «{school.ShortName}» просит включить её в «Методический абонемент» на {SchoolYears.Label(application.Year)}";
        var grounds = string.Join("; ", application.CriteriaList.Select(c => SubscriptionRules.Label(SubscriptionRules.Criteria, c)));
        var text = $"{application.CreatedByName}: {application.Justification} Основания: {grounds}.";
        var messages = (await directory.ListMembersAsync(municipality.Id, ct))
            .Where(m => m.Active && m.Role is Role.Coordinator or Role.Methodist)
            .Select(m => new NotificationMessage(NotificationMessage.IdFor(municipality.Id, $"subscription-application|{application.RowKey}", m.PersonId), municipality.Id,
                m.PersonId, NotificationKind.Subscription, subject, text, "#/subscription", now))
            .ToList();
        await notifier.EnqueueAsync(messages, ct);
    }

    internal Task AnsweredAsync(Municipality municipality, School school, ApplicationEntity application, CancellationToken ct) =>
        schools.TellAdministrationAsync(municipality.Id, school.Id, $"subscription-application|{application.RowKey}|{application.Status}", NotificationKind.Subscription,
            $"Заявка на «Методический абонемент» ({SchoolYears.Label(application.Year)}): {SubscriptionRules.StatusLabel(application.Status)}",
            application.Status == SubscriptionRules.Agreed
                ? $"{application.AnsweredByName}: заявка согласована, школа включена в проект «Методический абонемент». Внесите запросы педагогов — по ним составят модули комплексного образовательного маршрута."
                    + (application.Comment is null ? "" : $" {application.Comment}")
                : $"{application.AnsweredByName}: заявка отклонена. Причина: {application.Comment}",
            $"#/subscription/{school.Id}", ct);
}
