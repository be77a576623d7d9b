namespace MethodDays.Features.Observations;

/// <summary>
/// A lesson of a visit's schedule: its day (the school's local date), the teacher (an id of the school's staff list, and
/// the name the schedule gives them).
/// </summary>
public sealed record LessonInfo(
    string MunicipalityId, string SchoolId, string VisitId, string LessonId, DateOnly Date, string TeacherStaffId, string? Subject, string? ClassName,
    string ScheduledTeacherName = "");

/// <summary>A member of the visit's team as this lesson sees them: their team role, whether they lead the team, whether they observe it.</summary>
public sealed record LessonAccess(LessonInfo Lesson, string MemberId, string TeamRole, bool IsLead, bool Observes);

/// <summary>
/// What the observation protocols need to know about a visit: the lesson, and who of the team may observe or read it.
/// The visits themselves (team with roles, lesson schedule) belong to the school visits feature; protocols reach them
/// only through this interface (implemented by the visits feature's <c>VisitLessonRoster</c>), so neither reads
/// the other's tables.
/// </summary>
public interface ILessonRoster
{
    /// <summary>
    /// The lesson, and the member's place in its visit team (<c>Member</c> null when they are not on the team), from one
    /// read of the visit; null when there is no such lesson.
    /// </summary>
    Task<(LessonInfo Lesson, LessonAccess? Member)?> FindAsync(string municipalityId, string schoolId, string visitId, string lessonId, string memberId, CancellationToken ct);
}
