using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Observations;

/// <summary>The dependencies of the observation handlers, bound with <c>[AsParameters]</c>; services are marked, else the compile-time request delegates take them for a JSON body.</summary>
internal sealed record ObservationRequest(
    CurrentUser User,
    [FromServices] ILessonRoster Roster,
    [FromServices] ProtocolStore Store,
    [FromServices] ProtocolTemplateStore Templates,
    [FromServices] DirectoryStore Directory,
    [FromServices] StaffStore Staff,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>
/// A request about one lesson's protocols, resolved: the lesson, the asker's place on the visit team, and what that
/// lets them do. Protocols are personal data about a teacher, so:
/// <list type="bullet">
/// <item>read every protocol of the lesson: the visit team, the school's administration, its curator, the
/// municipality's methodists and coordinator;</item>
/// <item>the lesson's teacher (their staff record linked to their account) reads the protocols the team lead has
/// released, and writes their self-analysis;</item>
/// <item>write a protocol: only its observer, a team member observing this lesson; release it: the team lead;</item>
/// <item>nobody else: another school, another municipality, another teacher — 403.</item>
/// </list>
/// </summary>
internal sealed record LessonContext(
    CurrentUser User, Municipality Municipality, School School, LessonInfo Lesson, LessonAccess? Team, bool ReadsAll, bool IsTeacher, string TeacherName)
{
    public DateTimeOffset DayStart => ProtocolRules.DayStart(Lesson, Municipality.TimeZone);

    public bool CanEdit(string observerId) => Team is { Observes: true } && observerId == User.PersonId;

    public bool CanRelease => Team is { IsLead: true };

    public bool CanWriteSelfAnalysis => IsTeacher || Team is { Observes: true };

    public bool Sees(ProtocolEntity protocol) => ReadsAll || (IsTeacher && protocol.Released);

    public LessonView LessonView => new(Lesson.Date, Lesson.TeacherStaffId, TeacherName, Lesson.Subject, Lesson.ClassName);
}

internal static class ObservationAccess
{
    public const string Forbidden = "Протоколы наблюдения этого урока вам недоступны: их видят команда визита, администрация школы, её куратор, методисты и координатор, а педагог — после публикации руководителем команды.";

    /// <summary>
    /// The lesson and what the asker may do with it. With <c>withTeacher: false</c> (a handler that does not need to know
    /// whether the asker is the lesson's teacher — a protocol save or a photo upload, which only the observer makes) the
    /// school's staff list is read only when it decides access, for someone neither on the visit team nor on the
    /// school's side; otherwise the context says <c>IsTeacher</c> false and names the teacher as the visit's schedule
    /// does (the staff list's current name when it was read).
    /// </summary>
    public static async Task<(LessonContext? Context, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ResolveAsync(
        ObservationRequest r, string municipalityId, string schoolId, string visitId, string lessonId, bool withTeacher = true)
    {
        var user = r.User;
        if (user.MunicipalityId != municipalityId)
        {
            return (null, Problems.Forbidden("Эти данные относятся к другому муниципалитету."));
        }

        var valid = Keys.Valid(schoolId) && Keys.Valid(visitId) && Keys.Valid(lessonId);
        var found = valid ? await r.Roster.FindAsync(municipalityId, schoolId, visitId, lessonId, user.PersonId, r.Ct) : null;
        var lesson = found?.Lesson;
        var team = found?.Member;
        var schoolSide = user.IsMunicipalityWide
            || (user.Role is Role.SchoolAdmin or Role.Curator && user.Member.SchoolIds.Contains(schoolId));
        var skipTeacher = !withTeacher && (schoolSide || team is not null);
        var teacher = lesson is null || skipTeacher ? null : await r.Staff.GetAsync(municipalityId, schoolId, lesson.TeacherStaffId, r.Ct);
        var isTeacher = teacher?.PersonId is { Length: > 0 } linked && linked == user.PersonId;
        if (!schoolSide && team is null && !isTeacher)
        {
            return (null, Problems.Forbidden(Forbidden));
        }

        var municipality = await r.Directory.GetMunicipalityAsync(municipalityId, r.Ct);
        var school = municipality is null ? null : await r.Directory.GetSchoolAsync(municipalityId, schoolId, r.Ct);
        if (school is null || lesson is null)
        {
            return (null, Problems.NotFound("Такого урока нет в программе визита."));
        }

        var teacherName = teacher?.FullName
            ?? (lesson.ScheduledTeacherName.Length > 0 || skipTeacher ? lesson.ScheduledTeacherName : "Педагог не найден в списке школы");
        return (new LessonContext(user, municipality!, school, lesson, team, schoolSide || team is not null, isTeacher, teacherName), null);
    }
}
