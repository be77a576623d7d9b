using System.Globalization;
using Azure.Data.Tables;
using MethodDays.Features.Observations;
using MethodDays.Features.People;
using MethodDays.Features.Progress;
using MethodDays.Features.Staff;
using MethodDays.Features.Visits;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Demo;

/// <summary>
/// The demo municipality's past school year of «Методические дни», so the year's figures are full when a newcomer
/// opens them, in seed 000's shape («посещено 142 урока в 12 школах, в том числе 7 ШНОР (4 школы … вышли из ШНОР,
/// и 3 школы … еще в ШНОР)»): sixteen visits to all twelve schools (four of them visited again in spring), 142 lessons
/// observed with 195 protocols on the shipped template (marks rising from a school's first visit to its repeat visit),
/// seven ШНОР schools of which four left the list by the year's end and three did not, the schools' requests answered,
/// and help items done or cancelled. Written in batched transactions (a visit's protocols are one partition), deterministic.
/// </summary>
internal static class DemoVisitYear
{
    /// <summary>The year's visits: school, month of the year (0 = September), day, lessons observed (142 in all); a school's second visit is a repeat.</summary>
    private static readonly (string School, int Month, int Day, int Lessons)[] Visits =
    [
        ("kedrovka", 1, 8, 10), ("lugovaya", 1, 22, 10), ("ozernaya", 2, 12, 11), ("sosnovka", 2, 26, 8), ("polyana", 3, 10, 9),
        ("kalinovka", 3, 17, 8), ("ryabinovka", 4, 21, 9), ("cheremukha", 4, 28, 7), ("berezovka-1", 5, 4, 10), ("zarechnaya", 5, 11, 9),
        ("berezovka-2", 5, 18, 8), ("olkhovka", 6, 4, 10), ("kedrovka", 6, 11, 9), ("lugovaya", 6, 25, 8), ("ozernaya", 7, 15, 8),
        ("polyana", 7, 29, 8),
    ];

    /// <summary>The ШНОР periods as they stand after the past year: four schools left the list at its end, three are still on it.</summary>
    public static IReadOnlyDictionary<string, (string From, bool Left)> Shnor { get; } = new Dictionary<string, (string, bool)>
    {
        ["kedrovka"] = ("2021-2022", false),
        ["ozernaya"] = ("2021-2022", false),
        ["sosnovka"] = ("2023-2024", false),
        ["lugovaya"] = ("2022-2023", true),
        ["polyana"] = ("2022-2023", true),
        ["ryabinovka"] = ("2024-2025", true),
        ["kalinovka"] = ("2023-2024", true),
    };

    private static readonly (string Id, string Name, string Role, string Code, string Label)[] Team =
    [
        ("lebedev", "Лебедев Андрей Викторович", nameof(Role.Methodist), "leader", "руководитель группы"),
        ("sokolova", "Соколова Ирина Павловна", nameof(Role.Coordinator), "observer", "наблюдатель на уроках"),
        ("morozova", "Морозова Елена Сергеевна", nameof(Role.Curator), "observer", "наблюдатель на уроках"),
        ("kuznetsova", "Кузнецова Наталья Ивановна", nameof(Role.Curator), "observer", "наблюдатель на уроках"),
        ("fedorov", "Фёдоров Алексей Николаевич", nameof(Role.SchoolAdmin), "observer", "наблюдатель на уроках"),
        ("volkova", "Волкова Анна Сергеевна", nameof(Role.SchoolAdmin), "documents", "эксперт по документам"),
    ];

    private static readonly string[] Starts = ["08:30", "09:25", "10:20", "11:25", "12:20", "13:15"];

    /// <summary>The past school year of <paramref name="today"/>'s (e.g. 2025-2026 in the autumn of 2026).</summary>
    public static string Year(DateOnly today) => SchoolYears.Of(SchoolYears.Start(SchoolYears.Of(today)).AddDays(-1));

    public static async Task SeedAsync(VisitYearStore store, StaffStore staff, ProtocolTemplate template, DateOnly today, CancellationToken ct)
    {
        const string m = DemoData.MunicipalityId;
        var year = Year(today);
        var start = SchoolYears.Start(year);
        var zone = LocalTime.Zone(DemoData.Municipality.TimeZone);
        var items = template.Sections.SelectMany(s => s.Items).Select(i => (i.Id, Values: template.ScaleOf(i.Id)!.Values.Select(v => v.Value).ToList()))
            .Where(i => i.Values.Count > 1).ToList();
        var visitRows = new List<ITableEntity>();
        var protocolRows = new List<ITableEntity>();
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        // Each visited school's active teachers, read once (four schools are visited twice) and side by side.
        var staffOf = (await Task.WhenAll(Visits.Select(v => v.School).Distinct().Select(async school =>
                (School: school, Teachers: (await staff.ListAsync(m, school, ct)).Where(t => t.Active).OrderBy(t => t.TeacherId, StringComparer.Ordinal).ToList()))))
            .ToDictionary(x => x.School, x => x.Teachers, StringComparer.Ordinal);
        var observers = Team.Where(t => t.Code == "observer").Select(t => t.Id).ToList();
        for (var n = 0; n < Visits.Length; n++)
        {
            var (school, month, dayOfMonth, count) = Visits[n];
            var date = Weekday(start.AddMonths(month).AddDays(dayOfMonth - 1));
            var visitId = $"demo0past{n + 1:D2}";
            var earlier = previous.GetValueOrDefault(school);
            var repeat = earlier is not null;
            previous[school] = visitId;
            var teachers = staffOf[school];
            var lessons = new List<Lesson>();
            for (var i = 0; i < count; i++)
            {
                var teacher = teachers[(i * 3 + n) % teachers.Count];
                var number = (i / 4) + 1;
                var grade = DemoData.Schools.First(s => s.Id == school).Kind == SchoolKind.Basic ? 5 + (i % 5) : 5 + (i % 7);
                var first = observers[i % observers.Count];
                IReadOnlyList<string> lessonObservers = i % 3 == 0 ? [first, "lebedev"] : [first];
                var begin = TimeOnly.ParseExact(Starts[number - 1], "HH:mm", CultureInfo.InvariantCulture);
                lessons.Add(new Lesson(teacher.TeacherId, teacher.FullName, teacher.SubjectList.FirstOrDefault() ?? "Математика", $"{grade}{"АБВ"[i % 3]}",
                    number, Starts[number - 1], begin.AddMinutes(40).ToString("HH:mm", CultureInfo.InvariantCulture), (10 + i).ToString(CultureInfo.InvariantCulture),
                    lessonObservers, $"l{n + 1:D2}x{i + 1:D2}"));
            }

            var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(15, 0)), zone), TimeSpan.Zero);
            List<TeamMember> team = [.. Team.Select(t => new TeamMember(t.Id, t.Name, t.Role, t.Code, t.Label, t.Role == nameof(Role.SchoolAdmin) ? (t.Id == "fedorov" ? "Берёзовская СОШ № 1" : "Берёзовская СОШ № 2") : null))];
            visitRows.Add(new VisitEntity
            {
                PartitionKey = m,
                RowKey = VisitStore.VisitKey(visitId),
                SchoolId = school,
                Date = VisitRules.Iso(date),
                Purpose = repeat
                    ? "Повторное посещение: как школа выполняет план адресной помощи, формирующее оценивание на уроках."
                    : "Адресная помощь школе: посещение уроков с анализом и самоанализом, внутришкольный контроль, подготовка к ГИА.",
                RepeatOf = repeat ? earlier : null,
                RequestId = school == "polyana" && !repeat ? $"{VisitRules.Iso(date)[..7]}.polyana" : null,
                Directions = StoredJson.Write(new[] { "control", "gia-quality" }),
                Team = StoredJson.Write(team),
                Lessons = StoredJson.Write(lessons),
                TeamIds = "," + string.Concat(team.Select(t => t.PersonId + ",")),
                CreatedById = "lebedev", CreatedAt = at.AddDays(-20), UpdatedById = "lebedev", UpdatedByName = "Лебедев Андрей Викторович", UpdatedAt = at.AddDays(-20),
            });

            // A school's level: the ШНОР schools start low, the leading ones high; a repeat visit finds it higher.
            var level = school switch
            {
                "berezovka-1" or "berezovka-2" => 0.8,
                "ryabinovka" or "olkhovka" => 0.6,
                "zarechnaya" or "cheremukha" => 0.55,
                "kalinovka" => 0.5,
                _ => 0.42,
            } + (repeat ? 0.18 : 0);
            var random = new Random((n * 7919) + (school.Length * 31) + school[0]);
            foreach (var lesson in lessons)
            {
                foreach (var observer in lesson.Observers)
                {
                    var marks = items.ToDictionary(i => i.Id, i =>
                    {
                        // Values are listed best first: the chance of each step up follows the level.
                        var steps = i.Values.Count - 1;
                        var k = Enumerable.Range(0, steps).Count(_ => random.NextDouble() < level);
                        return i.Values[steps - k];
                    }, StringComparer.Ordinal);
                    var content = StoredJson.Write(new ProtocolContent(marks, [],
                        "Цель урока сформулирована вместе с учащимися; используются приёмы обратной связи.",
                        repeat ? "Самооценка учащихся по критериям пока не везде." : "Критерии оценивания не известны учащимся до начала работы.",
                        "Ввести листы самооценки по критериям; взаимопосещение уроков с педагогами школы-лидера."));
                    var name = Team.First(t => t.Id == observer).Name;
                    var partition = Keys.Partition(m, school, visitId);
                    protocolRows.Add(new ProtocolEntity
                    {
                        PartitionKey = partition, RowKey = Keys.Protocol(lesson.Id!, observer), MunicipalityId = m, SchoolId = school, VisitId = visitId,
                        LessonId = lesson.Id!, ObserverId = observer, ObserverName = name, TemplateVersion = template.Version, Content = content,
                        WrittenAt = at.AddHours(-5), ReceivedAt = at.AddHours(-4), CreatedAt = at.AddHours(-6), Released = true, ReleasedAt = at, ReleasedByName = name, Revision = 1,
                    });
                    protocolRows.Add(new ProtocolRevisionEntity
                    {
                        PartitionKey = partition, RowKey = Keys.Revision(lesson.Id!, observer, 1), Number = 1, TemplateVersion = template.Version, Content = content,
                        WrittenAt = at.AddHours(-5), SavedAt = at, SavedById = observer, SavedByName = name, Reason = "release",
                    });
                }
            }
        }

        // The schools' requests of the year: answered, one of them led to the visit to Полянская СОШ.
        var polyana = visitRows.OfType<VisitEntity>().First(v => v.SchoolId == "polyana");
        (string School, string Month, string Status, string Reason, string? Visit)[] requests =
        [
            ("polyana", polyana.Date[..7], VisitRules.Agreed, "Просим посетить уроки математики в 5–9 классах: результаты ВПР ниже муниципальных.", polyana.VisitId),
            ("ryabinovka", VisitRules.Iso(start.AddMonths(4))[..7], VisitRules.Agreed, "Просим помочь с внедрением формирующего оценивания в 5–7 классах.", null),
            ("berezovka-2", VisitRules.Iso(start.AddMonths(6))[..7], VisitRules.Declined, "Просим методическую помощь в подготовке к конкурсу инновационных проектов.", null),
        ];
        foreach (var (school, month, status, reason, visit) in requests)
        {
            var asked = new DateTimeOffset(DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-20).ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
            visitRows.Add(new VisitRequestEntity
            {
                PartitionKey = m, RowKey = VisitStore.RequestKey(school, month), SchoolId = school, Month = month, Reason = reason, Status = status,
                Comment = status == VisitRules.Declined ? "Предлагаем консультацию методиста вместо «Методического дня»." : null,
                CreatedById = "demo", CreatedByName = "Администрация школы", CreatedAt = asked, AnsweredByName = "Лебедев Андрей Викторович", AnsweredAt = asked.AddDays(2), VisitId = visit,
            });
        }

        // Help items of the visited schools due in the year (Кедровская and Сосновская keep this year's plans only): done, two cancelled;
        // closed all, so the list of overdue items stays this year's.
        var helpRows = new List<ITableEntity>();
        string[] actions =
        [
            "Практикум «Критерии оценивания и самооценка учащихся» для учителей 5–9 классов",
            "Взаимопосещение уроков с педагогами школы-лидера",
            "Анализ результатов пробного ОГЭ по математике с руководителями МО",
        ];
        string[] helped = ["lugovaya", "ozernaya", "polyana", "ryabinovka", "berezovka-1", "berezovka-2", "kalinovka", "zarechnaya", "olkhovka", "cheremukha"];
        foreach (var (school, index) in helped.Select((s, i) => (s, i)))
        {
            var visit = visitRows.OfType<VisitEntity>().First(v => v.SchoolId == school);
            var visited = DateOnly.ParseExact(visit.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var i = 0; i < (index < 3 ? 3 : 1); i++)
            {
                var itemId = $"demo-past-{school}-{i + 1}";
                var created = new DateTimeOffset(visited.AddDays(2).ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero);
                var status = index == 2 && i == 2 || index == 5 ? "cancelled" : "done";
                var item = new HelpItemEntity
                {
                    PartitionKey = m, RowKey = HelpPlanStore.ItemKey(school, itemId), SchoolId = school, ItemId = itemId, Action = actions[i],
                    Responsible = "Лебедев А. В., методист ЦРО", DueDate = VisitRules.Iso(visited.AddDays(30 + (i * 30))), Status = HelpPlanRules.Planned, Open = true,
                    RecipientKind = HelpPlanRules.Leadership, CreatedById = "lebedev", CreatedByName = "Лебедев Андрей Викторович", CreatedAt = created,
                    UpdatedById = "lebedev", UpdatedByName = "Лебедев Андрей Викторович", UpdatedAt = created.AddDays(25 + (i * 30)),
                };
                helpRows.Add(HelpPlanStore.Change(item, null, "lebedev", "Лебедев Андрей Викторович", created, null));
                item.Status = status;
                item.Open = false;
                helpRows.Add(HelpPlanStore.Change(item, HelpPlanRules.Planned, "lebedev", "Лебедев Андрей Викторович", item.UpdatedAt,
                    status == "done" ? "Выполнено, материалы переданы школе" : "Отменено: тема вошла в муниципальный семинар"));
                helpRows.Add(item);
            }
        }

        await Task.WhenAll(
            store.WriteBatchAsync(VisitStore.VisitsTable, visitRows, ct),
            store.WriteBatchAsync(ProtocolStore.Table, protocolRows, ct),
            store.WriteBatchAsync(HelpPlanStore.Table, helpRows, ct));
    }

    private static DateOnly Weekday(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }
}
