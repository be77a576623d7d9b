using System.Globalization;
using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Features.Staff;

namespace MethodDays.Features.Visits;

/// <summary>A visit as it was before a change: what the notices compare.</summary>
internal sealed record VisitBefore(string Date, string Status, IReadOnlyList<TeamMember> Team, string Content);

/// <summary>
/// Tells everyone a visit concerns, through the notices (the feed always, e-mail unless the person turned visit
/// e-mails off): the team (each member with their role), the school's administration, the teachers with an account
/// whose lessons are observed, and anyone a change took off the team. Each notice's id comes from the visit's version,
/// so a retried request notifies once. Requests go to the coordinator and methodists; answers to the school.
/// </summary>
public sealed class VisitNotices(DirectoryStore directory, StaffStore staff, Notifier notifier, SchoolNotices schools, TimeProvider time)
{
    internal async Task PlannedAsync(Municipality municipality, School school, VisitEntity visit, VisitBefore? before, CurrentUser by, CancellationToken ct)
    {
        var date = VisitRules.Russian(DateOnly.ParseExact(visit.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var cancelled = visit.Status == VisitRules.Cancelled;
        var what = cancelled ? "отменён"
            : before is null ? "запланирован"
            : before.Date != visit.Date ? $"перенесён на {date}"
            : "изменён";
        var subject = $"«Методический день» в школе «{school.ShortName}» {date}: {what}";
        var link = $"#/visit/{visit.VisitId}";
        var effect = $"visit|{visit.VisitId}|{visit.ETag}";
        var now = time.GetUtcNow();
        var messages = new Dictionary<string, NotificationMessage>(StringComparer.Ordinal);
        void Tell(string personId, string text)
        {
            if (personId != by.PersonId && !messages.ContainsKey(personId))
            {
                messages[personId] = new NotificationMessage(NotificationMessage.IdFor(municipality.Id, effect, personId), municipality.Id, personId,
                    NotificationKind.Visit, subject, text, link, now);
            }
        }

        var lessons = visit.LessonList;
        foreach (var member in visit.TeamList)
        {
            var mine = lessons.Where(l => l.Observers.Contains(member.PersonId)).ToList();
            Tell(member.PersonId, $"{by.Member.DisplayName} ({SchoolNotices.RoleName(by.Role)}): «Методический день» в школе «{school.ShortName}» {date} {what}. "
                + $"Ваша роль в команде: {member.RoleLabel}."
                + (mine.Count == 0 ? "" : " Уроки, которые вы наблюдаете: " + string.Join("; ", mine.Select(Line)) + ".")
                + $" Цель: {visit.Purpose}");
        }

        foreach (var gone in before?.Team.Where(t => !visit.HasOnTeam(t.PersonId)) ?? [])
        {
            Tell(gone.PersonId, $"Вас больше нет в команде «Методического дня» в школе «{school.ShortName}» {date}.");
        }

        var accounts = (await staff.ListAsync(municipality.Id, school.Id, ct)).Where(t => t.PersonId is not null).ToDictionary(t => t.TeacherId, t => t.PersonId!);
        foreach (var lesson in lessons.Where(l => accounts.ContainsKey(l.TeacherId)))
        {
            Tell(accounts[lesson.TeacherId], $"«Методический день» в вашей школе {date} {what}. Команда посетит ваш урок: {Line(lesson)}.");
        }

        await notifier.EnqueueAsync([.. messages.Values], ct);
        await schools.TellAdministrationAsync(municipality.Id, school.Id, effect + "|school", NotificationKind.Visit, subject,
            $"«Методический день» в вашей школе {date} {what}. Цель: {visit.Purpose} Команда: {visit.TeamList.Count} чел., уроков в расписании: {lessons.Count}.",
            link, ct);
    }

    internal async Task RequestedAsync(Municipality municipality, School school, VisitRequestEntity request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var subject = $"Школа «{school.ShortName}» просит «Методический день» на {RequestEndpoints.MonthName(request.Month)}";
        var messages = (await directory.ListMembersAsync(municipality.Id, ct))
            .Where(m => m.Active && m.Role is Role.Coordinator or Role.Methodist)
            .Select(m => new NotificationMessage(NotificationMessage.IdFor(municipality.Id, $"visit-request|{request.RowKey}", m.PersonId), municipality.Id, m.PersonId,
                NotificationKind.Visit, subject, $"{request.CreatedByName}: {request.Reason}", "#/visits", now))
            .ToList();
        await notifier.EnqueueAsync(messages, ct);
    }

    internal Task AnsweredAsync(Municipality municipality, School school, VisitRequestEntity request, CancellationToken ct) =>
        schools.TellAdministrationAsync(municipality.Id, school.Id, $"visit-request|{request.RowKey}|{request.Status}", NotificationKind.Visit,
            $"Запрос на «Методический день» ({RequestEndpoints.MonthName(request.Month)}): {VisitRules.RequestLabel(request.Status)}",
            $"{request.AnsweredByName}: запрос {VisitRules.RequestLabel(request.Status)}." + (request.Comment is null ? "" : $" {request.Comment}"),
            "#/visits", ct);

    private static string Line(Lesson l) => $"{l.Number}-й урок {l.Start}–{l.End}, {l.Subject}, {l.Grade} класс, {l.TeacherName}" + (l.Room is null ? "" : $", каб. {l.Room}");
}
