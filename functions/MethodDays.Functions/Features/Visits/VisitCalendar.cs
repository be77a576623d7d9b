using System.Globalization;
using MethodDays.Features.People;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.Visits;

/// <summary>
/// Visits in the school calendar (.ics): a calendar link to a school shows the school's planned visits (its
/// administration and everyone who reaches the school see them there), and a team member's every calendar link shows
/// the visits they are on. From two weeks back to four months ahead; the day runs from the first lesson to an hour
/// after the last (the interview with the administration), or 09:00–15:00 local time when no lesson is set yet.
/// </summary>
internal sealed class VisitCalendar(VisitStore store) : ICalendarEvents
{
    public async Task<IReadOnlyList<CalendarEvent>> ForAsync(Municipality municipality, School school, string? personId, DateTimeOffset now, CancellationToken ct)
    {
        var zone = LocalTime.Zone(municipality.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var from = VisitRules.Iso(today.AddDays(-14));
        var to = VisitRules.Iso(today.AddMonths(4));
        var visits = (await store.VisitsAsync(municipality.Id, ct))
            .Where(v => v.Status == VisitRules.Planned && string.CompareOrdinal(v.Date, from) >= 0 && string.CompareOrdinal(v.Date, to) <= 0)
            .Where(v => v.SchoolId == school.Id || (personId is not null && v.HasOnTeam(personId)))
            .ToList();
        return [.. visits.Select(v =>
        {
            var date = DateOnly.ParseExact(v.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var lessons = v.LessonList;
            var start = lessons.Count == 0 ? new TimeOnly(9, 0) : lessons.Min(l => TimeOnly.ParseExact(l.Start, "HH:mm", CultureInfo.InvariantCulture));
            var end = lessons.Count == 0 ? new TimeOnly(15, 0) : lessons.Max(l => TimeOnly.ParseExact(l.End, "HH:mm", CultureInfo.InvariantCulture)).AddHours(1);
            var member = personId is null ? null : v.TeamList.FirstOrDefault(t => t.PersonId == personId);
            var mine = member is null ? [] : lessons.Where(l => l.Observers.Contains(member.PersonId)).ToList();
            var description = $"Цель: {v.Purpose}\nНаправления: {string.Join("; ", v.DirectionList.Select(d => VisitRules.Directions.FirstOrDefault(x => x.Code == d)?.Label ?? d))}."
                + (member is null ? "" : $"\nВаша роль: {member.RoleLabel}.")
                + (mine.Count == 0 ? "" : "\nВаши уроки: " + string.Join("; ", mine.Select(l => $"{l.Start} {l.Subject}, {l.Grade} кл., {l.TeacherName}" + (l.Room is null ? "" : $", каб. {l.Room}"))) + ".");
            return new CalendarEvent($"visit-{v.VisitId}-{municipality.Id}@methoddays", LocalTimes.ToUtc(date, start, zone), LocalTimes.ToUtc(date, end, zone),
                $"Методический день: {SchoolName(v, school)}", description);
        })];
    }

    private static string SchoolName(VisitEntity v, School school) => v.SchoolId == school.Id ? school.ShortName : "выезд в школу (см. MethodDays)";
}
