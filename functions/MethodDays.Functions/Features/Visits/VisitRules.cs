using System.Globalization;
using System.Security.Cryptography;
using MethodDays.Features.People;
using MethodDays.Features.Staff;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Visits;

/// <summary>The checked content of a visit, ready to store.</summary>
internal sealed record VisitFields(
    string SchoolId,
    DateOnly Date,
    string Purpose,
    string? RequestId,
    IReadOnlyList<string> Directions,
    IReadOnlyList<TeamMember> Team,
    IReadOnlyList<Lesson> Lessons,
    string Status);

/// <summary>
/// The words and rules of a visit, from seed 000: the five directions of the school's work it analyses, the team of 6
/// to 10 from the municipality (methodists, tutors, mentors, members of leader schools' administrations), the lessons
/// of subject teachers it observes.
/// </summary>
internal static class VisitRules
{
    public const string Planned = "planned";
    public const string Cancelled = "cancelled";
    public const string Pending = "pending";
    public const string Agreed = "agreed";
    public const string Declined = "declined";

    /// <summary>Seed 000: «муниципальная команда от 6 до 10 человек». Outside it the page warns; it does not refuse.</summary>
    public const int TeamMin = 6;
    public const int TeamMax = 10;

    public const int MaxTeam = 30;
    public const int MaxLessons = 40;

    /// <summary>Seed 000, «анализ различных направлений деятельности школы», in its words and order.</summary>
    public static readonly IReadOnlyList<Choice> Directions =
    [
        new("methodical", "методическая работа"),
        new("control", "внутришкольный контроль"),
        new("failure", "работа по преодолению школьной неуспешности"),
        new("gia-quality", "повышение качества подготовки к ГИА"),
        new("gia-info", "информационно-разъяснительная работа по государственной итоговой аттестации"),
    ];

    public static readonly IReadOnlyList<Choice> Roles =
    [
        new("leader", "руководитель группы"),
        new("observer", "наблюдатель на уроках"),
        new("documents", "эксперт по документам"),
        new("analyst", "аналитик направления"),
    ];

    public static readonly IReadOnlyList<Choice> Statuses = [new(Planned, "запланировано"), new(Cancelled, "отменено")];

    public static string RequestLabel(string status) => status switch
    {
        Agreed => "согласован",
        Declined => "отклонён",
        _ => "ждёт ответа",
    };

    /// <summary>An id as the app makes them (letters, digits, «-», «_»): anything else names no record and is never looked up.</summary>
    public static bool IsKey(string? id) => id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Russian(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("ru-RU"));

    /// <summary>
    /// Checks a visit against the municipality's people and the school's staff list. Field names follow the request
    /// (<c>team.2.personId</c>, <c>lessons.0.date</c>). <paramref name="warnings"/> gets what is allowed but unusual.
    /// </summary>
    public static VisitFields? Check(
        VisitInput input,
        string municipalityId,
        IReadOnlyDictionary<string, School> schools,
        IReadOnlyDictionary<string, Member> people,
        Func<string, Member?> elsewhere,
        IReadOnlyDictionary<string, string> municipalityNames,
        IReadOnlyList<TeacherEntity> staff,
        FieldErrors errors,
        List<string> warnings)
    {
        var schoolId = (input.SchoolId ?? "").Trim();
        if (!schools.TryGetValue(schoolId, out var school))
        {
            errors.Add("schoolId", "Выберите школу муниципалитета.");
        }

        if (!TryDate(input.Date, out var date))
        {
            errors.Add("date", "Укажите дату посещения (ГГГГ-ММ-ДД).");
        }

        var purpose = ResultsRules.Collapse(input.Purpose);
        if (purpose.Length is < 5 or > 1000)
        {
            errors.Add("purpose", "Опишите цель посещения (от 5 до 1000 символов).");
        }

        var directions = new List<string>();
        foreach (var (d, i) in (input.Directions ?? []).Select((d, i) => (d, i)))
        {
            if (Directions.All(x => x.Code != d))
            {
                errors.Add($"directions.{i}", $"Такого направления нет. Направления: {string.Join("; ", Directions.Select(x => x.Label))}.");
            }
            else if (!directions.Contains(d!))
            {
                directions.Add(d!);
            }
        }

        if (directions.Count == 0 && !(input.Directions?.Count > 0))
        {
            errors.Add("directions", "Выберите хотя бы одно направление, которое изучит команда.");
        }

        // The team: members of this municipality, once each.
        var team = new List<TeamMember>();
        var rows = input.Team ?? [];
        if (rows.Count > MaxTeam)
        {
            errors.Add("team", $"Не больше {MaxTeam} человек в команде.");
            rows = [];
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var personId = (row?.PersonId ?? "").Trim();
            if (personId.Length == 0)
            {
                errors.Add($"team.{i}.personId", "Выберите участника команды.");
                continue;
            }

            if (!people.TryGetValue(personId, out var member))
            {
                errors.Add($"team.{i}.personId", elsewhere(personId) is { } other
                    ? $"«{other.DisplayName}» — участник другого муниципалитета ({municipalityNames.GetValueOrDefault(other.MunicipalityId, other.MunicipalityId)}). В команду входят только участники этого муниципалитета."
                    : "Такого участника в муниципалитете нет.");
                continue;
            }

            if (!member.Active)
            {
                errors.Add($"team.{i}.personId", $"У «{member.DisplayName}» закрыт доступ к MethodDays: в команду его не включить.");
                continue;
            }

            if (team.Any(t => t.PersonId == personId))
            {
                errors.Add($"team.{i}.personId", $"«{member.DisplayName}» уже есть в команде.");
                continue;
            }

            var role = Roles.FirstOrDefault(r => r.Code == row!.Role);
            if (role is null)
            {
                errors.Add($"team.{i}.role", $"Выберите роль: {string.Join(", ", Roles.Select(r => r.Label))}.");
                continue;
            }

            var memberSchools = member.SchoolIds.Select(s => schools.GetValueOrDefault(s)).OfType<School>().ToList();
            if (school is not null && member.SchoolIds.Contains(school.Id) && member.Role is Role.SchoolAdmin or Role.Teacher)
            {
                warnings.Add($"«{member.DisplayName}» работает в посещаемой школе.");
            }
            else if (member.Role == Role.SchoolAdmin && !memberSchools.Any(s => s.Leader))
            {
                warnings.Add($"«{member.DisplayName}» — из административной команды школы, которая не отмечена как школа-лидер.");
            }

            team.Add(new TeamMember(personId, member.DisplayName, member.Role.ToString(), role.Code, role.Label,
                member.Role is Role.SchoolAdmin or Role.Teacher ? memberSchools.FirstOrDefault()?.ShortName : null));
        }

        if (team.Count is > 0 and (< TeamMin or > TeamMax))
        {
            warnings.Add($"В команде {team.Count} чел.: программа «Методического дня» называет команду от {TeamMin} до {TeamMax} человек.");
        }
        else if (team.Count == 0)
        {
            warnings.Add($"Команда ещё не набрана: программа называет от {TeamMin} до {TeamMax} человек.");
        }

        if (team.Count > 0 && team.All(t => t.Role != "leader"))
        {
            warnings.Add("В команде нет руководителя группы.");
        }

        // Lessons: a teacher of the school's staff list, on the visit's day, observed by members of the team.
        var lessons = new List<Lesson>();
        var lessonRows = input.Lessons ?? [];
        if (lessonRows.Count > MaxLessons)
        {
            errors.Add("lessons", $"Не больше {MaxLessons} уроков в одном посещении.");
            lessonRows = [];
        }

        var teachers = staff.Where(t => t.Active).ToDictionary(t => t.TeacherId);
        for (var i = 0; i < lessonRows.Count; i++)
        {
            if (CheckLesson(lessonRows[i], $"lessons.{i}", date, input.Date is not null && date != default, teachers, team, errors) is { } lesson)
            {
                lessons.Add(lesson);
            }
        }

        foreach (var clash in lessons.GroupBy(l => (l.Number, l.TeacherId)).Where(g => g.Count() > 1))
        {
            errors.Add("lessons", $"У педагога «{clash.First().TeacherName}» два урока {clash.Key.Number}-м уроком.");
        }

        foreach (var observer in team)
        {
            var mine = lessons.Where(l => l.Observers.Contains(observer.PersonId)).ToList();
            foreach (var overlap in mine.GroupBy(l => l.Number).Where(g => g.Count() > 1))
            {
                warnings.Add($"«{observer.Name}» наблюдает два урока одновременно ({overlap.Key}-й урок).");
            }
        }

        var status = input.Status ?? Planned;
        if (Statuses.All(s => s.Code != status))
        {
            errors.Add("status", "Статус — planned (запланировано) или cancelled (отменено).");
        }

        return errors.Any ? null : new VisitFields(school!.Id, date, purpose, input.RequestId, directions, team, lessons, status);
    }

    private static Lesson? CheckLesson(
        LessonInput? row, string prefix, DateOnly date, bool dated, IReadOnlyDictionary<string, TeacherEntity> teachers, IReadOnlyList<TeamMember> team, FieldErrors errors)
    {
        if (row is null)
        {
            errors.Add(prefix, "Пустая строка расписания.");
            return null;
        }

        var ok = true;
        if (row.TeacherId is not { } teacherId || !teachers.TryGetValue(teacherId, out var teacher))
        {
            errors.Add($"{prefix}.teacherId", "Выберите педагога из списка педагогов школы.");
            teacher = null;
            ok = false;
        }

        var subject = ResultsRules.Collapse(row.Subject);
        if (subject.Length is < 2 or > 80)
        {
            errors.Add($"{prefix}.subject", "Укажите предмет урока.");
            ok = false;
        }

        var grade = ResultsRules.Collapse(row.Grade).ToUpperInvariant();
        if (!System.Text.RegularExpressions.Regex.IsMatch(grade, @"^(1[01]|[1-9])\s?[А-ЯЁ]?$"))
        {
            errors.Add($"{prefix}.grade", "Класс — от 1 до 11, можно с буквой: «7», «7Б».");
            ok = false;
        }

        if (row.Number is not (>= 1 and <= 12))
        {
            errors.Add($"{prefix}.number", "Номер урока — от 1 до 12.");
            ok = false;
        }

        if (row.Date is { Length: > 0 } lessonDate && dated && (!TryDate(lessonDate, out var d) || d != date))
        {
            errors.Add($"{prefix}.date", $"Урок должен быть в день посещения — {Russian(date)}.");
            ok = false;
        }

        var start = Time(row.Start);
        var end = Time(row.End);
        if (start is null)
        {
            errors.Add($"{prefix}.start", "Время начала урока — ЧЧ:ММ.");
            ok = false;
        }

        if (end is null || (start is { } s && end <= s))
        {
            errors.Add($"{prefix}.end", "Время окончания урока — ЧЧ:ММ, позже начала.");
            ok = false;
        }

        var observers = new List<string>();
        foreach (var (o, j) in (row.Observers ?? []).Select((o, j) => (o, j)))
        {
            if (team.All(t => t.PersonId != o))
            {
                errors.Add($"{prefix}.observers.{j}", "Наблюдатель должен быть в команде посещения.");
                ok = false;
            }
            else if (!observers.Contains(o!))
            {
                observers.Add(o!);
            }
        }

        if (observers.Count == 0 && ok)
        {
            errors.Add($"{prefix}.observers", "Назначьте наблюдателя из команды.");
            ok = false;
        }

        var room = ResultsRules.Collapse(row.Room);
        return ok
            ? new Lesson(teacher!.TeacherId, teacher.FullName, subject, grade.Replace(" ", "", StringComparison.Ordinal), row.Number!.Value,
                start!.Value.ToString("HH:mm", CultureInfo.InvariantCulture), end!.Value.ToString("HH:mm", CultureInfo.InvariantCulture),
                room.Length == 0 ? null : room[..Math.Min(room.Length, 40)], observers, row.Id is { Length: > 0 and <= 40 } id && LessonIds.Valid(id) ? id : null)
            : null;
    }

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact((text ?? "").Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
