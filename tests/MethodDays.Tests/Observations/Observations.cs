using MethodDays.Features.Observations;
using MethodDays.Features.Staff;
using MethodDays.Features.Visits;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Observations;

/// <summary>
/// A visit to school s1 of "north" with two lessons on its schedule: lesson «l1» taught by teacher-s1 (their staff
/// record is linked to their account) and «l2» taught by a colleague without an account, both on 12 November 2026.
/// The team: methodist-n leads and observes both lessons; admin-s3 (a leading school's administrator) observes «l1».
/// </summary>
public static class Observations
{
    public static readonly DateOnly LessonDay = new(2026, 11, 12);

    /// <summary>10:00 in Omsk on the lesson's day: a time the protocol can have been written at.</summary>
    public static readonly DateTimeOffset DuringLesson = new(2026, 11, 12, 4, 0, 0, TimeSpan.Zero);

    public const string Lead = "methodist-n";
    public const string Observer = "admin-s3";
    public const string LessonTeacher = "teacher-s1";

    public static string Lesson(string visit, string lesson = "l1") => $"/api/municipalities/north/schools/s1/visits/{visit}/lessons/{lesson}";

    public static string Protocol(string visit, string observer, string lesson = "l1") => $"{Lesson(visit, lesson)}/observations/{observer}";

    /// <summary>Seeds a visit with a fresh id (tests of one class share their app, never their visit).</summary>
    public static async Task<string> VisitAsync(AppFactory app)
    {
        var visit = "v" + Guid.NewGuid().ToString("n")[..10];
        var staff = app.Service<StaffStore>();
        var own = "tch" + visit;
        var other = "oth" + visit;
        await staff.AddAsync(Teacher(own, "Педагог Первой", "teacher-s1"), CancellationToken.None);
        await staff.AddAsync(Teacher(other, "Коллега Без Учётной Записи", null), CancellationToken.None);
        Lesson Lesson(string id, string teacher, string name, string subject, string grade, int number, params string[] observers) =>
            new(teacher, name, subject, grade, number, $"{8 + number}:00", $"{8 + number}:45", null, observers, id);
        TeamMember Member(string id, string role, string label) => new(id, id, "", role, label, null);
        await app.Service<VisitStore>().AddVisitAsync(new VisitEntity
        {
            PartitionKey = "north",
            RowKey = VisitStore.VisitKey(visit),
            SchoolId = "s1",
            Date = LessonDay.ToString("yyyy-MM-dd"),
            Purpose = "Посещение уроков",
            Team = StoredJson.Write(new[] { Member(Lead, "leader", "руководитель группы"), Member(Observer, "observer", "наблюдатель на уроках") }),
            TeamIds = $",{Lead},{Observer},",
            Lessons = StoredJson.Write(new[]
            {
                Lesson("l1", own, "Педагог Первой", "Математика", "7А", 2, Lead, Observer),
                Lesson("l2", other, "Коллега Без Учётной Записи", "Русский язык", "8Б", 3, Lead),
            }),
        }, CancellationToken.None);
        return visit;
    }

    public static object Input(Dictionary<string, string?>? marks = null, DateTimeOffset? writtenAt = null, string version = "2026.1", object? notes = null, object? baseValues = null, string strengths = "") => new
    {
        templateVersion = version,
        marks = marks ?? new Dictionary<string, string?>(),
        notes = notes ?? Array.Empty<object>(),
        strengths,
        problems = "",
        recommendations = "",
        writtenAt = writtenAt ?? DuringLesson,
        @base = baseValues,
    };

    private static TeacherEntity Teacher(string id, string name, string? personId) => new()
    {
        PartitionKey = StaffStore.PartitionFor("north", "s1"),
        RowKey = id,
        MunicipalityId = "north",
        SchoolId = "s1",
        FullName = name,
        NameKey = name.ToLowerInvariant() + id,
        PersonId = personId,
        Category = "first",
        Position = "учитель",
    };
}
