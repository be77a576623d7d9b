using System.Globalization;
using System.Text.Json.Serialization;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>What a step of the week is about. School steps are the ones a school acts on and is reminded of.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    /// <summary>The coordinator's topic reaches the schools.</summary>
    Publish,

    /// <summary>The school chooses the form of its methodical day (seed 001 §2.8).</summary>
    Form,

    /// <summary>The school sends its questions on the videos (seed 001 §2.10; seed 003 §II.3).</summary>
    Questions,

    /// <summary>The curator meets the school's admin team (seed 003 §II.4).</summary>
    CuratorMeeting,

    /// <summary>The coordinator's video call with schools (seed 001 §2.9).</summary>
    Call,

    /// <summary>The methodical day is held in the school (seed 001 §2.12; seed 003 §II.5).</summary>
    MethodDay,

    /// <summary>The school reports the management decision it took (seed 001 §2.12; seed 003 §II.6).</summary>
    Decision,
}

[JsonConverter(typeof(JsonStringEnumConverter<Actor>))]
public enum Actor
{
    Coordinator,
    Curator,
    School,
}

/// <summary>
/// Where a step's hour (or a deadline) comes from: the seed's own words («в среду после 16.00», «до 11.00 часов»), or
/// the municipality's setting — a day the seed names without an hour, or a deadline the seed does not give.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepSource>))]
public enum StepSource
{
    [JsonStringEnumMemberName("municipality")]
    Municipality,

    [JsonStringEnumMemberName("seed")]
    Seed,
}

/// <summary>Which schools a step concerns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepSchools>))]
public enum StepSchools
{
    /// <summary>Every school of the municipality (seed 003 §I.5: all general-education schools; seed 001 §1.3).</summary>
    [JsonStringEnumMemberName("all")]
    All,

    /// <summary>Schools that have a curator: the curator meeting (seed 003 §II.4).</summary>
    [JsonStringEnumMemberName("withCurator")]
    WithCurator,
}

/// <summary>
/// A step's deadline, in the municipality's local time: after it the step counts as overdue and, if the step asks for
/// it, an overdue notice goes out. It may fall later than the step itself (a meeting held on Thursday after 15:00 is
/// overdue only if nothing is recorded by the end of Friday).
/// </summary>
public sealed record StepDeadline(
    int WeekOffset,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DayOfWeek>))] DayOfWeek Weekday,
    string Time,
    StepSource Source = StepSource.Municipality)
{
    [JsonIgnore]
    public int DayIndex => WeekOffset * 7 + ((int)Weekday + 6) % 7;

    [JsonIgnore]
    public TimeOnly LocalTime => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// One step of the weekly cycle, in the municipality's local time. <c>WeekOffset</c> counts weeks from the week the
/// topic is published (0 = that week, 1 = the next), since a topic's cycle runs into the following week.
/// <c>Weekday</c> and <c>Time</c> say when the step happens (for the calendar, and when reminders go out before it);
/// <c>Source</c> says whether that hour is the seed's or the municipality's own. <c>Deadline</c> is when the step
/// becomes overdue (<c>OverdueNotice</c>: whether a notice then goes out); a step without one is never overdue.
/// </summary>
public sealed record CycleStep(
    string Id,
    StepKind Kind,
    string Title,
    int WeekOffset,
    [property: JsonConverter(typeof(JsonStringEnumConverter<DayOfWeek>))] DayOfWeek Weekday,
    string Time,
    Actor Actor,
    int RemindBeforeHours,
    bool OverdueNotice,
    StepSource Source = StepSource.Municipality,
    StepDeadline? Deadline = null)
{
    /// <summary>The step has a deadline the school (or its curator) can be late for.</summary>
    [JsonIgnore]
    public bool IsDeadline => Deadline is not null;

    /// <summary>
    /// Which schools the step concerns: the curator meeting (and any curator's step) only schools that have a
    /// curator; every other step all schools. Derived, so stored templates need no field for it.
    /// </summary>
    public StepSchools Schools => Kind == StepKind.CuratorMeeting || Actor == Actor.Curator ? StepSchools.WithCurator : StepSchools.All;

    /// <summary>Days from the topic week's Monday.</summary>
    [JsonIgnore]
    public int DayIndex => WeekOffset * 7 + ((int)Weekday + 6) % 7;

    [JsonIgnore]
    public TimeOnly LocalTime => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>When this step falls for the topic of <paramref name="week"/>, as a UTC instant.</summary>
    public DateTimeOffset At(WeekId week, TimeZoneInfo zone) => LocalTimes.ToUtc(week.Monday.AddDays(DayIndex), LocalTime, zone);

    /// <summary>The step's deadline for the topic of <paramref name="week"/>, or null when it has none.</summary>
    public DateTimeOffset? DueAt(WeekId week, TimeZoneInfo zone) =>
        Deadline is { } d ? LocalTimes.ToUtc(week.Monday.AddDays(d.DayIndex), d.LocalTime, zone) : null;

    /// <summary>Whether the step concerns a school, given whether the school has a curator.</summary>
    public bool Concerns(bool hasCurator) => Schools == StepSchools.All || hasCurator;

    /// <summary>
    /// How a stored or submitted step is read. Templates saved before deadlines were separate from the step's time
    /// (and the settings page until it sends <c>deadline</c>) have no <c>deadline</c> and no <c>source</c>: a step
    /// that asked for an overdue notice keeps its own day and hour as its deadline, labelled as the municipality's
    /// setting, so an existing municipality's reminders and overdue notices stay as they were. A step without
    /// an overdue notice and without a deadline has none.
    /// </summary>
    public CycleStep Normalized() =>
        Deadline is null && OverdueNotice && Kind is not (StepKind.Publish or StepKind.Call) && Actor != Actor.Coordinator
            ? this with { Deadline = new StepDeadline(WeekOffset, Weekday, Time, StepSource.Municipality) }
            : this;
}

/// <summary>A municipality's weekly cycle: its steps, from a preset or adjusted by the coordinator.</summary>
public sealed record CycleTemplate(string Preset, string Title, IReadOnlyList<CycleStep> Steps)
{
    /// <summary>The template as the cycle reads it: every step through <see cref="CycleStep.Normalized"/>.</summary>
    public CycleTemplate Normalized() => this with { Steps = [.. Steps.Select(s => s?.Normalized()!)] };

    public CycleStep? Step(StepKind kind) => Steps.FirstOrDefault(s => s.Kind == kind);

    public CycleStep PublishStep => Step(StepKind.Publish)!;

    /// <summary>
    /// Rules a cycle must keep: one publish step that comes first; each kind at most once; times HH:mm; steps
    /// within the topic week and the next; a decision not before the methodical day; no two steps at the same moment.
    /// </summary>
    public static void Check(CycleTemplate template, FieldErrors errors)
    {
        if (template.Steps.Count is 0 or > 12)
        {
            errors.Add("steps", "В цикле должно быть от 1 до 12 шагов.");
            return;
        }

        if (template.Title.Length > 200)
        {
            errors.Add("title", "Название цикла: не больше 200 символов.");
        }

        for (var i = 0; i < template.Steps.Count; i++)
        {
            var f = $"steps[{i}]";
            if (template.Steps[i] is not { } s)
            {
                errors.Add(f, "Пустой шаг: заполните его или уберите.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(s.Id) || s.Id.Length > 40)
            {
                errors.Add($"{f}.id", "Укажите код шага (до 40 символов).");
            }

            if (string.IsNullOrWhiteSpace(s.Title) || s.Title.Length > 200)
            {
                errors.Add($"{f}.title", "Укажите название шага (до 200 символов).");
            }

            if (!TimeOnly.TryParseExact(s.Time ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{f}.time", $"Время «{s.Time}» записано неверно: нужно ЧЧ:ММ, например 16:00.");
            }

            if (s.WeekOffset is < 0 or > 1)
            {
                errors.Add($"{f}.weekOffset", "Шаг может быть на неделе публикации темы (0) или на следующей (1).");
            }

            if (s.RemindBeforeHours is < 0 or > 168)
            {
                errors.Add($"{f}.remindBeforeHours", "Напоминание — от 0 до 168 часов до срока.");
            }

            if (!Enum.IsDefined(s.Weekday))
            {
                errors.Add($"{f}.weekday", "Неизвестный день недели.");
            }

            if (!Enum.IsDefined(s.Kind) || !Enum.IsDefined(s.Actor) || !Enum.IsDefined(s.Source))
            {
                errors.Add($"{f}.kind", "Неизвестный вид шага, исполнитель или источник времени.");
            }

            if (s.Deadline is { } d)
            {
                CheckDeadline(s, d, $"{f}.deadline", errors);
            }
        }

        if (errors.Any)
        {
            return;
        }

        foreach (var dup in template.Steps.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            errors.Add("steps", $"Код шага «{dup.Key}» повторяется.");
        }

        foreach (var dup in template.Steps.GroupBy(s => s.Kind).Where(g => g.Count() > 1))
        {
            errors.Add("steps", $"Шаг вида «{KindTitle(dup.Key)}» встречается дважды: оставьте один.");
        }

        var publish = template.Steps.Where(s => s.Kind == StepKind.Publish).ToList();
        if (publish.Count != 1)
        {
            errors.Add("steps", "Нужен ровно один шаг публикации темы.");
            return;
        }

        var start = Minutes(publish[0]);
        foreach (var (s, i) in template.Steps.Select((s, i) => (s, i)).Where(x => x.s.Kind != StepKind.Publish && Minutes(x.s) <= start))
        {
            errors.Add($"steps[{i}]", $"Шаг «{s.Title}» стоит не позже публикации темы — школы не успеют его выполнить.");
        }

        foreach (var clash in template.Steps.GroupBy(Minutes).Where(g => g.Count() > 1))
        {
            errors.Add("steps", $"Шаги {string.Join(", ", clash.Select(s => "«" + s.Title + "»"))} назначены на одно и то же время.");
        }

        var day = template.Step(StepKind.MethodDay);
        var decision = template.Step(StepKind.Decision);
        if (day is not null && decision is not null && Minutes(decision) < Minutes(day))
        {
            errors.Add("steps", "Решение по итогам ЕМД не может быть раньше самого ЕМД.");
        }
    }

    private static void CheckDeadline(CycleStep s, StepDeadline d, string f, FieldErrors errors)
    {
        if (s.Actor == Actor.Coordinator || s.Kind is StepKind.Publish or StepKind.Call)
        {
            errors.Add(f, "Срок ставится шагам школ и кураторов; у публикации темы и ВКС координатора срока нет.");
            return;
        }

        if (!TimeOnly.TryParseExact(d.Time ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add($"{f}.time", $"Время срока «{d.Time}» записано неверно: нужно ЧЧ:ММ, например 23:59.");
            return;
        }

        if (d.WeekOffset is < 0 or > 1 || !Enum.IsDefined(d.Weekday) || !Enum.IsDefined(d.Source))
        {
            errors.Add(f, "Срок может быть на неделе публикации темы (0) или на следующей (1), в известный день недели.");
            return;
        }

        if (TimeOnly.TryParseExact(s.Time ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && d.DayIndex * 1440 + time.Hour * 60 + time.Minute < s.DayIndex * 1440 + at.Hour * 60 + at.Minute)
        {
            errors.Add(f, $"Срок шага «{s.Title}» стоит раньше самого шага.");
        }
    }

    private static int Minutes(CycleStep s) => s.DayIndex * 24 * 60 + s.LocalTime.Hour * 60 + s.LocalTime.Minute;

    public static string KindTitle(StepKind kind) => kind switch
    {
        StepKind.Publish => "публикация темы",
        StepKind.Form => "выбор формы ЕМД",
        StepKind.Questions => "вопросы по видеосеминарам",
        StepKind.CuratorMeeting => "встреча куратора со школой",
        StepKind.Call => "ВКС с координатором",
        StepKind.MethodDay => "проведение ЕМД",
        StepKind.Decision => "управленческое решение",
        _ => kind.ToString(),
    };
}

/// <summary>
/// The two regulations of DOMAIN.md §1 as presets, holding only what their seeds state. A day the seed names without
/// an hour gets an hour so the step sits in the calendar, marked as the municipality's setting; a step the seed gives
/// no deadline has none (no "overdue", no overdue notice) until the coordinator sets one. New municipalities and the
/// demo get these; a municipality with a stored template keeps it (read through <see cref="CycleStep.Normalized"/>).
/// </summary>
public static class CyclePresets
{
    /// <summary>
    /// Seed 001 (Poltava): links every Wednesday (§2.7); after watching, the school decides the form of next Thursday's
    /// ЕМД (§2.8, no day or deadline); Friday video call with the coordinator (§2.9); questions by Monday 11:00 (§2.10,
    /// the only hour and the only deadline the seed gives); ЕМД on Thursday (§2.12); the decision is sent after it
    /// (§2.12, no deadline). Participants: heads and teachers of ПРШ and of other schools (§1.3).
    /// </summary>
    public static readonly CycleTemplate Poltava = new("poltava", "Полтавский регламент (еженедельный ЕМД по четвергам)",
    [
        new("publish", StepKind.Publish, "Публикация темы: ссылки на видеосеминары и вопросы для обсуждения", 0, DayOfWeek.Wednesday, "09:00", Actor.Coordinator, 0, false),
        new("form", StepKind.Form, "Школа выбирает форму проведения ЕМД на четверг следующей недели", 0, DayOfWeek.Friday, "10:00", Actor.School, 0, false),
        new("call", StepKind.Call, "ВКС руководителей и ответственных за ЕМД с муниципальным координатором", 0, DayOfWeek.Friday, "14:00", Actor.Coordinator, 0, false),
        new("questions", StepKind.Questions, "Вопросы по видеосеминарам муниципальному координатору", 1, DayOfWeek.Monday, "11:00", Actor.School, 24, true,
            StepSource.Seed, new StepDeadline(1, DayOfWeek.Monday, "11:00", StepSource.Seed)),
        new("method-day", StepKind.MethodDay, "Единый методический день в школе", 1, DayOfWeek.Thursday, "14:00", Actor.School, 0, false),
        new("decision", StepKind.Decision, "Решение по итогам ЕМД направлено координатору", 1, DayOfWeek.Thursday, "18:00", Actor.School, 0, false),
    ]);

    /// <summary>
    /// Seed 003 (Ust-Ishim): videos on Wednesday after 16:00; that day curators and the coordinator may prepare problem
    /// questions for the admin teams (§II.2) — an option, not a school's deadline; admin teams prepare answers by
    /// Thursday (§II.3); curators discuss with admin teams on Thursday after 15:00 (§II.4) — when the meeting may
    /// start, reminded and recorded; it is overdue only if nothing is recorded by the end of Friday (our rule, the
    /// municipality's setting); teachers of all schools study the videos on Friday, decisions Friday or Monday at
    /// the director's meeting (§II.3, §II.5, no hours); the next Thursday meeting opens with the decisions (§II.6).
    /// The regulation covers all general-education schools of the district (§I.5).
    /// </summary>
    public static readonly CycleTemplate UstIshim = new("ust-ishim", "Усть-Ишимские рекомендации (видео по средам, встречи с кураторами по четвергам)",
    [
        new("publish", StepKind.Publish, "Публикация видео по теме ЕМД; кураторы и координатор при необходимости составляют проблемные вопросы для административных команд", 0, DayOfWeek.Wednesday, "16:00", Actor.Coordinator, 0, false,
            StepSource.Seed),
        new("curator-meeting", StepKind.CuratorMeeting, "Обсуждение содержания ЕМД куратора с административной командой (после 15:00; ответы на вопросы куратора, решения по прошлой теме)", 0, DayOfWeek.Thursday, "15:00", Actor.Curator, 2, true,
            StepSource.Seed, new StepDeadline(0, DayOfWeek.Friday, "23:59", StepSource.Municipality)),
        new("method-day", StepKind.MethodDay, "Учителя всех школ изучают видео; обсуждение с учителями — в пятницу или в понедельник на совещании при директоре", 0, DayOfWeek.Friday, "15:00", Actor.School, 0, false),
        new("decision", StepKind.Decision, "Управленческое решение по выполнению задания (обмен решениями — в начале следующей встречи с куратором)", 1, DayOfWeek.Monday, "18:00", Actor.School, 0, false),
    ]);

    public static readonly IReadOnlyList<CycleTemplate> All = [Poltava, UstIshim];

    public static CycleTemplate? Find(string id) => All.FirstOrDefault(p => p.Preset == id);
}
