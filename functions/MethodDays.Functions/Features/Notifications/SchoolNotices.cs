using MethodDays.Features.People;

namespace MethodDays.Features.Notifications;

/// <summary>
/// Tells a school's administration (its active school admins) about something that happened to the school, through
/// the notices: the feed always, e-mail unless the person turned that kind off. One notice per person per effect:
/// the notice's id comes from the effect key, so telling the same effect again (a retried request)
/// is shown and mailed once.
/// </summary>
public sealed class SchoolNotices(DirectoryStore directory, Notifier notifier, TimeProvider time)
{
    public async Task<int> TellAdministrationAsync(
        string municipalityId, string schoolId, string effectKey, NotificationKind kind, string subject, string text, string? link, CancellationToken ct)
    {
        var admins = (await directory.ListMembersAsync(municipalityId, ct))
            .Where(m => m.Active && m.Role == Role.SchoolAdmin && m.SchoolIds.Contains(schoolId))
            .ToList();
        var now = time.GetUtcNow();
        var messages = admins
            .Select(m => new NotificationMessage(NotificationMessage.IdFor(municipalityId, effectKey, m.PersonId), municipalityId, m.PersonId, kind, subject, text, link, now))
            .ToList();
        await notifier.EnqueueAsync(messages, ct);
        return messages.Count;
    }

    /// <summary>«куратор», «методист», «координатор» — who wrote, for a notice's text.</summary>
    public static string RoleName(Role role) => role switch
    {
        Role.Coordinator => "координатор",
        Role.Methodist => "методист",
        Role.Curator => "куратор",
        Role.SchoolAdmin => "администратор школы",
        _ => "педагог",
    };
}
