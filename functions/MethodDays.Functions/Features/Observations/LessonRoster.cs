using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Observations;

/// <summary>A lesson of a visit's schedule: its day (the school's local date), the teacher (an id of the school's staff list).</summary>
public sealed record LessonInfo(
    string MunicipalityId, string SchoolId, string VisitId, string LessonId, DateOnly Date, string TeacherStaffId, string? Subject, string? ClassName);

/// <summary>A member of the visit's team as this lesson sees them: their team role, whether they lead the team, whether they observe it.</summary>
public sealed record LessonAccess(LessonInfo Lesson, string MemberId, string TeamRole, bool IsLead, bool Observes);

/// <summary>
/// What the observation protocols need to know about a visit: the lesson, and who of the team may observe or read it.
/// The visits themselves (team with roles, lesson schedule) belong to the school visits feature; protocols reach them
/// only through this interface, so the two are built apart. Until that feature is merged,
/// <see cref="ObservationRosterStore"/> answers it from a small table of its own.
/// </summary>
public interface ILessonRoster
{
    Task<LessonInfo?> FindLessonAsync(string municipalityId, string schoolId, string visitId, string lessonId, CancellationToken ct);

    /// <summary>The member's place in the lesson's visit team; null when they are not on the team (or there is no such lesson).</summary>
    Task<LessonAccess?> FindAsync(string municipalityId, string schoolId, string visitId, string lessonId, string memberId, CancellationToken ct);
}

/// <summary>
/// PLACEHOLDER for <see cref="ILessonRoster"/>: a table <c>observationroster</c> that tests (and the demo) fill with
/// lessons and team members (PartitionKey <c>{municipality}|{school}|{visit}</c>; RowKeys <c>lesson|{lesson}</c>,
/// <c>member|{member}</c>, <c>observes|{lesson}|{member}</c>). It has no API and no page: at the merge with the school
/// visits feature, its store implements <see cref="ILessonRoster"/> from the visit's team and lesson schedule, the
/// registration in <see cref="ObservationsModule"/> points at it, and this class and its table go.
/// </summary>
public sealed class ObservationRosterStore(TableServiceClient tables, StorageNames names) : ILessonRoster
{
    public const string Table = "observationroster";

    private TableClient Rows => tables.Table(names, Table);

    private static string Partition(string municipalityId, string schoolId, string visitId) => $"{municipalityId}|{schoolId}|{visitId}";

    public async Task<LessonInfo?> FindLessonAsync(string municipalityId, string schoolId, string visitId, string lessonId, CancellationToken ct)
    {
        if (!Keys.Valid(visitId) || !Keys.Valid(lessonId))
        {
            return null;
        }

        var row = await Rows.GetEntityIfExistsAsync<TableEntity>(Partition(municipalityId, schoolId, visitId), $"lesson|{lessonId}", cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } e)
        {
            return null;
        }

        return new LessonInfo(municipalityId, schoolId, visitId, lessonId, DateOnly.ParseExact(e.GetString("Date"), "yyyy-MM-dd"),
            e.GetString("TeacherStaffId"), e.GetString("Subject"), e.GetString("ClassName"));
    }

    public async Task<LessonAccess?> FindAsync(string municipalityId, string schoolId, string visitId, string lessonId, string memberId, CancellationToken ct)
    {
        var lesson = await FindLessonAsync(municipalityId, schoolId, visitId, lessonId, ct);
        if (lesson is null || !Keys.Valid(memberId))
        {
            return null;
        }

        var partition = Partition(municipalityId, schoolId, visitId);
        var member = await Rows.GetEntityIfExistsAsync<TableEntity>(partition, $"member|{memberId}", cancellationToken: ct);
        if (!member.HasValue || member.Value is not { } m)
        {
            return null;
        }

        var observes = await Rows.GetEntityIfExistsAsync<TableEntity>(partition, $"observes|{lessonId}|{memberId}", select: ["RowKey"], cancellationToken: ct);
        return new LessonAccess(lesson, memberId, m.GetString("TeamRole"), m.GetBoolean("IsLead") == true, observes.HasValue);
    }

    /// <summary>Puts a lesson on the placeholder schedule (tests and the demo only).</summary>
    public Task SaveLessonAsync(LessonInfo lesson, CancellationToken ct) =>
        Rows.UpsertEntityAsync(new TableEntity(Partition(lesson.MunicipalityId, lesson.SchoolId, lesson.VisitId), $"lesson|{lesson.LessonId}")
        {
            ["Date"] = lesson.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["TeacherStaffId"] = lesson.TeacherStaffId,
            ["Subject"] = lesson.Subject,
            ["ClassName"] = lesson.ClassName,
        }, TableUpdateMode.Replace, ct);

    /// <summary>Puts a member on the placeholder team, observing the given lessons (tests and the demo only).</summary>
    public async Task SaveMemberAsync(
        string municipalityId, string schoolId, string visitId, string memberId, string teamRole, bool isLead, IEnumerable<string> observesLessons, CancellationToken ct)
    {
        var partition = Partition(municipalityId, schoolId, visitId);
        await Rows.UpsertEntityAsync(new TableEntity(partition, $"member|{memberId}") { ["TeamRole"] = teamRole, ["IsLead"] = isLead }, TableUpdateMode.Replace, ct);
        foreach (var lessonId in observesLessons)
        {
            await Rows.UpsertEntityAsync(new TableEntity(partition, $"observes|{lessonId}|{memberId}"), TableUpdateMode.Replace, ct);
        }
    }
}
