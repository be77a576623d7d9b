using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace MethodDays.Bench.Tick;

/// <summary>
/// The weekly cycle at the scale of issue 3: <c>M</c> municipalities across Russia's time zones, each with
/// <c>S</c> participant schools (every school flagged ШНОР or ПРШ), a school admin and two teachers per school, a
/// curator per four schools, two methodists and a coordinator — written through the app's <see cref="DirectoryStore"/>
/// and <see cref="CycleStore"/>. Each municipality's cycle is a custom one (saved as a coordinator would) laid out
/// around the moment of seeding, and the week's topic is already published, so that when the tick runs — whatever
/// the day and hour — the publish notice, an overdue notice and three reminders per school are due at once:
/// <list type="bullet">
/// <item>publish 3 h ago (the topic's notice to every school's staff, the curators and the methodists);</item>
/// <item>"form" (school) due 1 h ago: overdue notice to the school admin and the school's curator;</item>
/// <item>"curator-meeting" (curator) due in 1 h, reminded 2 h before: reminder to the school's curator;</item>
/// <item>"questions" and "decision" (school) due in 2 and 3 h, reminded 24 h before: reminders to the school admin.</item>
/// </list>
/// Month-end reminders for the monthly sheets come on top on the last days and the first days of a month.
/// </summary>
public sealed class TickWorld
{
    /// <summary>Russia's zones, west to east; municipalities take them in turn.</summary>
    private static readonly string[] Zones =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk",
        "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
    ];

    private TickWorld(int municipalities, int schoolsPer, int members, int expectedEffects, int expectedNotices)
    {
        Municipalities = municipalities;
        SchoolsPerMunicipality = schoolsPer;
        Members = members;
        ExpectedEffects = expectedEffects;
        ExpectedNotices = expectedNotices;
    }

    public int Municipalities { get; }
    public int SchoolsPerMunicipality { get; }
    public int Schools => Municipalities * SchoolsPerMunicipality;
    public int Members { get; }

    /// <summary>What the weekly steps alone make due (month-end reminders come on top on some days).</summary>
    public int ExpectedEffects { get; }

    public int ExpectedNotices { get; }

    public const int SchoolsPerCurator = 4;

    public static async Task<TickWorld> SeedAsync(TableServiceClient tables, string prefix, int municipalities, int schoolsPer, Action<string> log)
    {
        var names = new StorageNames(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Prefix = prefix }));
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var directory = new DirectoryStore(tables, names, cache);
        var cycle = new CycleStore(tables, names);
        var topics = tables.GetTableClient(names.Table(CycleStore.TopicsTable));
        var now = DateTimeOffset.UtcNow;
        var members = 0;
        var curators = (schoolsPer + SchoolsPerCurator - 1) / SchoolsPerCurator;
        await Parallel.ForAsync(0, municipalities, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var id = "m" + (i + 1).ToString("D2", CultureInfo.InvariantCulture);
            var zoneId = Zones[i % Zones.Length];
            await directory.UpsertMunicipalityAsync(new Municipality(id, $"Муниципальный район № {i + 1}", zoneId), ct);
            var schools = Enumerable.Range(1, schoolsPer).Select(j => new School(
                id,
                "s" + j.ToString("D2", CultureInfo.InvariantCulture),
                $"Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {j}»",
                $"СОШ № {j}",
                j % 4 == 0 ? SchoolKind.Basic : SchoolKind.Secondary,
                LowResults: j % 2 == 0,
                Improving: j % 2 == 1,
                Leader: false)).ToList();
            var people = new List<Member>();
            foreach (var s in schools)
            {
                people.Add(new Member(id, "admin-" + s.Id, $"Администратор {s.ShortName}", $"admin-{s.Id}@{id}.bench.example", Role.SchoolAdmin, [s.Id], true));
                people.Add(new Member(id, "teacher1-" + s.Id, $"Педагог 1 {s.ShortName}", $"teacher1-{s.Id}@{id}.bench.example", Role.Teacher, [s.Id], true));
                people.Add(new Member(id, "teacher2-" + s.Id, $"Педагог 2 {s.ShortName}", $"teacher2-{s.Id}@{id}.bench.example", Role.Teacher, [s.Id], true));
            }

            for (var c = 0; c < curators; c++)
            {
                var assigned = schools.Skip(c * SchoolsPerCurator).Take(SchoolsPerCurator).Select(s => s.Id).ToList();
                people.Add(new Member(id, $"curator{c + 1}", $"Куратор {c + 1}", $"curator{c + 1}@{id}.bench.example", Role.Curator, assigned, true));
            }

            people.Add(new Member(id, "methodist1", "Методист 1", $"methodist1@{id}.bench.example", Role.Methodist, [], true));
            people.Add(new Member(id, "methodist2", "Методист 2", $"methodist2@{id}.bench.example", Role.Methodist, [], true));
            people.Add(new Member(id, "coord", "Координатор", $"coord@{id}.bench.example", Role.Coordinator, [], true));
            foreach (var s in schools)
            {
                await directory.UpsertSchoolAsync(s, ct);
            }

            foreach (var m in people)
            {
                await directory.SaveMemberAsync(m, null, ct);
            }

            Interlocked.Add(ref members, people.Count);
            var zone = LocalTime.Zone(zoneId);
            var (template, week, publishedAt) = CycleAround(now, zone);
            await cycle.SaveTemplateAsync(id, template, "Координатор", now, ct);
            await topics.UpsertEntityAsync(new TableEntity(id, week.ToString())
            {
                ["Title"] = "Формирующее оценивание на уроках математики",
                ["Videos"] = JsonSerializer.Serialize(new[] { new { title = "Видеосеминар 1", url = "https://video.example/1" }, new { title = "Видеосеминар 2", url = "https://video.example/2" } }, Web),
                ["Questions"] = JsonSerializer.Serialize(new[] { "Какие приёмы формирующего оценивания вы уже применяете?", "Что мешает давать обратную связь на каждом уроке?" }, Web),
                ["Assignment"] = "Провести методический день по теме, принять управленческое решение и направить его координатору.",
                ["PublishedAt"] = publishedAt,
                ["UpdatedByName"] = "Координатор",
                ["UpdatedAt"] = now,
            }, TableUpdateMode.Replace, ct);
        });

        // Per municipality: the publish notice (staff of every school, curators, methodists), and per school the
        // overdue notice (admin + curator) and three reminders (curator; admin; admin).
        var publishRecipients = (schoolsPer * 3) + curators + 2;
        var perSchool = 2 + 1 + 1 + 1;
        log($"tick: seeded {municipalities} municipalities, {municipalities * schoolsPer} schools, {members} members");
        return new TickWorld(municipalities, schoolsPer, members,
            municipalities * (1 + (4 * schoolsPer)),
            municipalities * (publishRecipients + (perSchool * schoolsPer)));
    }

    /// <summary>A valid custom cycle (the app's own rules check it) whose steps sit around <paramref name="now"/> in the zone.</summary>
    public static (CycleTemplate Template, WeekId Week, DateTimeOffset PublishedAt) CycleAround(DateTimeOffset now, TimeZoneInfo zone)
    {
        DateTimeOffset Local(TimeSpan offset)
        {
            var t = TimeZoneInfo.ConvertTime(now + offset, zone);
            return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, t.Offset);
        }

        var week = WeekId.Of(Local(TimeSpan.FromHours(-3)));
        CycleStep Step(string id, StepKind kind, string title, double hours, Actor actor, int remind, bool overdue)
        {
            var local = Local(TimeSpan.FromHours(hours));
            var day = DateOnly.FromDateTime(local.DateTime).DayNumber - week.Monday.DayNumber;
            var weekday = (DayOfWeek)(((day % 7) + 1) % 7);
            return new CycleStep(id, kind, title, day / 7, weekday, local.ToString("HH:mm", CultureInfo.InvariantCulture), actor, remind, overdue);
        }

        var template = new CycleTemplate("custom", "Цикл для замера (шаги вокруг текущего часа)",
        [
            Step("publish", StepKind.Publish, "Публикация темы", -3, Actor.Coordinator, 0, false),
            Step("form", StepKind.Form, "Школа выбирает форму проведения ЕМД", -1, Actor.School, 20, true),
            Step("curator-meeting", StepKind.CuratorMeeting, "Встреча куратора с административной командой", 1, Actor.Curator, 2, true),
            Step("questions", StepKind.Questions, "Вопросы по видеосеминарам координатору", 2, Actor.School, 24, true),
            Step("decision", StepKind.Decision, "Управленческое решение по итогам ЕМД", 3, Actor.School, 24, true),
        ]);
        var errors = new FieldErrors();
        CycleTemplate.Check(template, errors);
        if (errors.Any)
        {
            throw new InvalidOperationException("The bench's cycle breaks the app's rules: " + JsonSerializer.Serialize(errors.ToProblem().ProblemDetails.Errors));
        }

        return (template, week, template.PublishStep.At(week, zone));
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
