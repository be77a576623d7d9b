using System.Globalization;
using MethodDays.Features.Observations;

namespace MethodDays.Features.Visits;

/// <summary>
/// The observation protocols' view of a visit (<see cref="ILessonRoster"/>): a lesson of the visit's schedule, on the
/// visit's day, and a member's place on its team — the leader leads, the lesson's observers observe it, every other
/// member of the team reads. The visit's school must be the one in the protocol's address.
/// </summary>
internal sealed class VisitLessonRoster(VisitStore store) : ILessonRoster
{
    public async Task<(LessonInfo Lesson, LessonAccess? Member)?> FindAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string memberId, CancellationToken ct)
    {
        if (!LessonIds.Valid(visitId) || !LessonIds.Valid(lessonId)
            || await store.GetVisitForLessonsAsync(municipalityId, visitId, ct) is not { } visit || visit.SchoolId != schoolId
            || visit.LessonList.FirstOrDefault(l => l.Id == lessonId) is not { } lesson
            || !DateOnly.TryParseExact(visit.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var info = new LessonInfo(municipalityId, schoolId, visitId, lessonId, date, lesson.TeacherId, lesson.Subject, lesson.Grade, lesson.TeacherName);
        var member = visit.TeamList.FirstOrDefault(t => t.PersonId == memberId);
        return (info, member is null
            ? null
            : new LessonAccess(info, memberId, member.RoleLabel, member.Role == "leader", lesson.Observers.Contains(memberId)));
    }
}
