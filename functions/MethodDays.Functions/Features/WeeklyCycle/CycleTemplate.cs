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
/// One step of the weekly cycle, in the municipality's local time. <c>WeekOffset</c> counts weeks from the week the
/// topic is published (0 = that week, 1 = the next), since a topic's cycle runs into the following week.
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
    bool OverdueNotice)
{
    /// <summary>A deadline the school (or its curator) can be late for, with reminders and an overdue notice.</summary>
    [JsonIgnore]
    public bool IsDeadline => Kind is StepKind.Form or StepKind.Questions or StepKind.Decision or StepKind.CuratorMeeting;

    /// <summary>Days from the topic week's Monday.</summary>
    [JsonIgnore]
    public int DayIndex => WeekOffset * 7 + ((int)Weekday + 6) % 7;

    [JsonIgnore]
    public TimeOnly LocalTime => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>When this step falls for the topic of <paramref name="week"/>, as a UTC instant.</summary>
    public DateTimeOffset At(WeekId week, TimeZoneInfo zone) => LocalTimes.ToUtc(week.Monday.AddDays(DayIndex), LocalTime, zone);
}

/// <summary>A municipality's weekly cycle: its steps, from a preset or adjusted by the coordinator.</summary>
public sealed record CycleTemplate(string Preset, string Title, IReadOnlyList<CycleStep> Steps)
{
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

            if (!Enum.IsDefined(s.Kind) || !Enum.IsDefined(s.Actor))
            {
                errors.Add($"{f}.kind", "Неизвестный вид шага или исполнитель.");
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

/// <summary>The two regulations of DOMAIN.md §1 as presets. Where a seed gives no hour, the hour is our design.</summary>
public static class CyclePresets
{
    /// <summary>
    /// Seed 001 (Poltava): links every Wednesday (§2.7); the school decides the form of next Thursday's ЕМД (§2.8);
    /// Friday video call with the coordinator (§2.9); questions by Monday 11:00 (§2.10); ЕМД on Thursday (§2.12);
    /// the decision is sent after it (§2.12).
    /// </summary>
    public static readonly CycleTemplate Poltava = new("poltava", "Полтавский регламент (еженедельный ЕМД по четвергам)",
    [
        new("publish", StepKind.Publish, "Публикация темы: ссылки на видеосеминары и вопросы для обсуждения", 0, DayOfWeek.Wednesday, "09:00", Actor.Coordinator, 0, false),
        new("form", StepKind.Form, "Школа выбирает форму проведения ЕМД на четверг следующей недели", 0, DayOfWeek.Friday, "10:00", Actor.School, 20, true),
        new("call", StepKind.Call, "ВКС руководителей и ответственных за ЕМД с муниципальным координатором", 0, DayOfWeek.Friday, "14:00", Actor.Coordinator, 0, false),
        new("questions", StepKind.Questions, "Вопросы по видеосеминарам муниципальному координатору", 1, DayOfWeek.Monday, "11:00", Actor.School, 24, true),
        new("method-day", StepKind.MethodDay, "Единый методический день в школе", 1, DayOfWeek.Thursday, "14:00", Actor.School, 0, false),
        new("decision", StepKind.Decision, "Решение по итогам ЕМД направлено координатору", 1, DayOfWeek.Friday, "18:00", Actor.School, 20, true),
    ]);

    /// <summary>
    /// Seed 003 (Ust-Ishim): videos on Wednesday after 16:00 (§II.2); curators discuss with admin teams on Thursday
    /// after 15:00 (§II.4); teachers discuss and decide on Friday or Monday (§II.5); the next Thursday meeting opens
    /// with the decisions on the previous topic (§II.6).
    /// </summary>
    public static readonly CycleTemplate UstIshim = new("ust-ishim", "Усть-Ишимские рекомендации (видео по средам, встречи с кураторами по четвергам)",
    [
        new("publish", StepKind.Publish, "Публикация видео по теме ЕМД", 0, DayOfWeek.Wednesday, "16:00", Actor.Coordinator, 0, false),
        new("questions", StepKind.Questions, "Вопросы школы по содержанию ЕМД к встрече с куратором", 0, DayOfWeek.Thursday, "14:00", Actor.School, 16, true),
        new("curator-meeting", StepKind.CuratorMeeting, "Обсуждение содержания ЕМД куратора с административной командой", 0, DayOfWeek.Thursday, "15:00", Actor.Curator, 2, true),
        new("method-day", StepKind.MethodDay, "Обсуждение с учителями (пятница или понедельник, совещание при директоре)", 0, DayOfWeek.Friday, "15:00", Actor.School, 0, false),
        new("decision", StepKind.Decision, "Управленческое решение по выполнению задания", 1, DayOfWeek.Monday, "18:00", Actor.School, 24, true),
    ]);

    public static readonly IReadOnlyList<CycleTemplate> All = [Poltava, UstIshim];

    public static CycleTemplate? Find(string id) => All.FirstOrDefault(p => p.Preset == id);
}
