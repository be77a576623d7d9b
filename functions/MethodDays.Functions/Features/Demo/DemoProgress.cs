using System.Globalization;
using MethodDays.Features.People;
using MethodDays.Features.Progress;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.Demo;

/// <summary>
/// Progress sheets of the demo municipality for the last three months (teachers moving from studying their practice
/// to sharing it, methodical days on Thursdays, requests for help) and this month's drafts, plus plans of targeted
/// help for two ШНОР schools drawn up from those requests, with items done, in progress, planned and overdue.
/// Call after the demo schools and members are saved; deterministic, so every run shows the same picture.
/// </summary>
internal static class DemoProgress
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] Forms = ["workshop", "seminar", "open-lessons", "round-table", "master-class", "lesson-study", "methodical-association"];

    private static readonly string[] Topics =
    [
        "Формирующее оценивание на уроке", "Критериальное оценивание письменных работ", "Работа со слабоуспевающими обучающимися",
        "Смысловое чтение на уроках разных предметов", "Обратная связь ученику", "Функциональная грамотность: читательская",
    ];

    private static readonly string[] Practices =
    [
        "Лист самооценки ученика на уроке", "Приём «Светофор» для обратной связи", "Критерии оценивания, выработанные с классом",
        "Смысловое чтение: приём «Инсерт»", "Взаимооценивание в парах", "Индивидуальный маршрут для слабоуспевающих",
        "Кейс-метод на уроках обществознания", "Рабочие листы с разноуровневыми заданиями",
    ];

    /// <summary>Teachers who are not app users, typed in by the school (DOMAIN.md §2b allows it).</summary>
    private static readonly string[] TypedInTeachers =
    [
        "Александрова Мария Петровна", "Белов Константин Юрьевич", "Григорьева Людмила Ивановна", "Данилова Оксана Викторовна",
        "Ермаков Виктор Семёнович", "Жукова Алёна Игоревна",
    ];

    public static async Task SeedAsync(DirectoryStore directory, ProgressStore progress, HelpPlanStore helpPlans, ProgressTemplates templates, TimeProvider time, CancellationToken ct)
    {
        var municipality = DemoData.Municipality;
        var template = templates.Current;
        var schools = (await directory.ListSchoolsAsync(municipality.Id, ct)).Where(s => s.LowResults || s.Improving).ToList();
        var members = await directory.ListMembersAsync(municipality.Id, ct);
        var current = LocalTime.CurrentMonth(time, municipality.TimeZone);
        var today = DateOnly.FromDateTime(LocalTime.Now(time, municipality.TimeZone).DateTime);
        var first = current.Previous.Previous.Previous;

        var monthIndex = 0;
        for (var month = first; month <= current; month = month.Next, monthIndex++)
        {
            foreach (var school in schools)
            {
                if (members.FirstOrDefault(m => m.Role == Role.SchoolAdmin && m.SchoolIds.Contains(school.Id)) is not { } admin)
                {
                    continue;
                }

                var teachers = members.Where(m => m.Role == Role.Teacher && m.SchoolIds.Contains(school.Id)).ToList();
                var content = Sheet(school, teachers, month, monthIndex, month == current ? today : month.LastDay);
                var user = new CurrentUser(admin);
                if (month == current)
                {
                    // This month is under way: two schools have drafts, nobody has submitted yet.
                    if (school.Id is "kedrovka" or "lugovaya")
                    {
                        await progress.SaveDraftAsync(municipality.Id, school.Id, month, template.Version, content, user, null, time.GetUtcNow(), ct);
                    }

                    continue;
                }

                // A school occasionally misses a month, as real ones do.
                if (school.Id == "polyana" && monthIndex == 1)
                {
                    continue;
                }

                var submittedAt = LocalTimes.ToUtc(month.LastDay, new TimeOnly(15, 0), LocalTime.Zone(municipality.TimeZone));
                await progress.SubmitAsync(municipality.Id, school.Id, month, template.Version, content, user, null, submittedAt, ct);
            }
        }

        await SeedPlanAsync(helpPlans, members, "kedrovka", "morozova", current.Previous, today, ct);
        await SeedPlanAsync(helpPlans, members, "sosnovka", "kuznetsova", current.Previous, today, ct);
    }

    /// <summary>A school's sheet: 2–4 Thursdays, stages rising with the months, requests from the ШНОР schools.</summary>
    private static ProgressContent Sheet(School school, IReadOnlyList<Member> members, YearMonth month, int monthIndex, DateOnly until)
    {
        // The school's own seed keeps its teachers and practices through the months; the month's varies the days.
        var schoolSeed = school.Id.Sum(c => c);
        var seed = schoolSeed + monthIndex * 31;
        var thursdays = Enumerable.Range(0, month.LastDay.Day)
            .Select(month.FirstDay.AddDays)
            .Where(d => d.DayOfWeek == DayOfWeek.Thursday && d <= until)
            .Where((_, i) => (i + seed) % 4 != 0 || school.Id == "ozernaya")
            .ToList();
        var days = thursdays.Select((d, i) => new MethodicalDay(
            d.ToString("yyyy-MM-dd", Invariant), Forms[(seed + i) % Forms.Length], null, Topics[(monthIndex * 2 + i) % Topics.Length],
            Math.Min(100, 55 + monthIndex * 8 + (seed + i * 7) % 20))).ToList();
        var typedIn = TypedInTeachers.Skip(schoolSeed % 3).Take(school.Kind == SchoolKind.Basic ? 2 : 4);
        var teachers = members.Select(m => (PersonId: (string?)m.PersonId, Name: m.DisplayName))
            .Concat(typedIn.Select(n => (PersonId: (string?)null, Name: n)))
            .Select((t, i) => new TeacherProgress(
                t.PersonId, t.Name, Practices[(schoolSeed + i) % Practices.Length],
                Stage(monthIndex + (i + schoolSeed) % 2),
                (i + monthIndex) % 3 == 0 ? "Нужна консультация методиста по отбору заданий и критериев" : null))
            .ToList();
        var requests = school.LowResults && monthIndex < 3
            ? new List<HelpRequest>
            {
                new($"r{month.Year % 100}{month.Month:D2}-1", "Формирующее оценивание", "Просим провести практикум для учителей начальных классов по критериальному оцениванию."),
                new($"r{month.Year % 100}{month.Month:D2}-2", "Слабоуспевающие обучающиеся", "Нужна помощь в составлении индивидуальных маршрутов для обучающихся 7–9 классов."),
            }
            : [];
        return new ProgressContent(
            days,
            days.Count == 0,
            days.Count == 0 ? "Месяц только начался: первый ЕМД — в ближайший четверг." : null,
            days.Count == 0 ? [] : [$"Ввести {Practices[seed % Practices.Length].ToLower(CultureInfo.GetCultureInfo("ru-RU"))} в 5–7 классах", "Провести взаимопосещение уроков по теме ЕМД до конца месяца"],
            monthIndex < 2 ? "Не все педагоги успевают посмотреть видеосеминары до ЕМД." : null,
            requests,
            teachers);
    }

    private static string Stage(int level) => level switch
    {
        <= 0 => "studying",
        1 => "trying",
        2 => "using",
        _ => "sharing",
    };

    /// <summary>Items drawn up from last month's requests: one done, one in progress, one planned, one overdue.</summary>
    private static async Task SeedPlanAsync(HelpPlanStore plans, IReadOnlyList<Member> members, string schoolId, string curatorId, YearMonth sourceMonth, DateOnly today, CancellationToken ct)
    {
        var curator = members.FirstOrDefault(m => m.PersonId == curatorId);
        var methodist = members.FirstOrDefault(m => m.Role == Role.Methodist);
        if (curator is null || methodist is null)
        {
            return;
        }

        var requestBase = $"r{sourceMonth.Year % 100}{sourceMonth.Month:D2}";
        (string Action, string Who, int DueInDays, string Status, string? Request, Member By)[] items =
        [
            ("Практикум «Критериальное оценивание в начальной школе» для учителей 1–4 классов", "Лебедев А. В., методист ЦРО", -12, "done", requestBase + "-1", methodist),
            ("Консультации по составлению индивидуальных маршрутов для обучающихся 7–9 классов", $"{curator.DisplayName}, куратор", 10, "inProgress", requestBase + "-2", curator),
            ("Взаимопосещение уроков с педагогами школы-лидера", "Администрация Берёзовской СОШ № 1", 25, "planned", null, curator),
            ("Анализ результатов ВПР по математике с руководителями МО", "Лебедев А. В., методист ЦРО", -3, "planned", null, methodist),
        ];
        for (var i = 0; i < items.Length; i++)
        {
            var (action, who, dueIn, status, request, by) = items[i];
            var created = new DateTimeOffset(sourceMonth.LastDay.AddDays(3).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
            var item = new HelpItemEntity
            {
                PartitionKey = DemoData.MunicipalityId,
                RowKey = HelpPlanStore.ItemKey(schoolId, $"demo-{schoolId}-{i + 1}"),
                SchoolId = schoolId,
                ItemId = $"demo-{schoolId}-{i + 1}",
                Action = action,
                Responsible = who,
                DueDate = today.AddDays(dueIn).ToString("yyyy-MM-dd", Invariant),
                Status = HelpPlanRules.Planned,
                Open = true,
                SourceMonth = sourceMonth.ToString(),
                SourceRequestId = request,
                SourceRequestTopic = request is null ? null : request.EndsWith("-1", StringComparison.Ordinal) ? "Формирующее оценивание" : "Слабоуспевающие обучающиеся",
                CreatedById = by.PersonId,
                CreatedByName = by.DisplayName,
                CreatedAt = created,
                UpdatedById = by.PersonId,
                UpdatedByName = by.DisplayName,
                UpdatedAt = created,
            };
            var (outcome, stored) = await plans.AddAsync(item, HelpPlanStore.Change(item, null, by.PersonId, by.DisplayName, created, null), ct);
            if (outcome != SaveOutcome.Saved)
            {
                continue;
            }

            // Walk the item through its statuses so the history shows who moved it and when.
            var path = status switch
            {
                "done" => new[] { "inProgress", "done" },
                "inProgress" => ["inProgress"],
                _ => [],
            };
            var at = created;
            HelpItemEntity? current = stored;
            foreach (var next in path)
            {
                if (current is null)
                {
                    break;
                }

                at = at.AddDays(4);
                var etag = current.ETag;
                var from = current.Status;
                current.Status = next;
                current.Open = HelpPlanRules.IsOpen(next);
                current.UpdatedAt = at;
                var comment = next == "done" ? "Практикум проведён, материалы переданы школе" : null;
                (_, current) = await plans.UpdateAsync(current, etag, HelpPlanStore.Change(current, from, by.PersonId, by.DisplayName, at, comment), ct);
            }
        }
    }
}
