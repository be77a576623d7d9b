using MethodDays.Features.People;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Demo;

/// <summary>
/// The demo municipality's weekly cycle (Ust-Ishim preset — it is in Omsk oblast too): three past topics with
/// questions, answers, decisions and curator meetings, this week's topic, and next week's in draft.
/// </summary>
internal static class DemoCycle
{
    private static readonly (string Title, string[] Questions, string Assignment)[] Topics =
    [
        ("Формирующее оценивание: критерии и обратная связь",
            ["Как ученики участвуют в выработке критериев оценивания?", "Какие приёмы обратной связи работают в вашей школе?"],
            "Провести один урок с листом самооценки в 5–7 классах и обсудить результаты на совещании при директоре."),
        ("Работа со слабоуспевающими обучающимися",
            ["Как вы ведёте учёт слабоуспевающих?", "Что включить в ИОМ ученика?"],
            "Составить список слабоуспевающих по итогам четверти и наметить по два ИОМ в каждой параллели."),
        ("Формирование познавательных УУД на разных предметах",
            ["Какие алгоритмы формирования ПУУД уже есть у педагогов?", "Как договориться о единых памятках?"],
            "Собрать памятки по формированию познавательных УУД от трёх предметных объединений."),
        ("Lesson Study: как организовать исследование урока",
            ["Кто войдёт в команду исследования урока?", "Как выбрать тему исследования?"],
            "Сформировать команду Lesson Study и выбрать урок для совместного планирования."),
        ("Индивидуальный образовательный маршрут обучающегося",
            ["Чем ИОМ отличается от плана работы со слабоуспевающими?"],
            "Утвердить форму ИОМ и включить мониторинг его реализации в ВСОКО."),
    ];

    public static async Task SeedAsync(CycleStore store, TimeProvider time, CancellationToken ct)
    {
        var municipality = DemoData.Municipality;
        var zone = LocalTime.Zone(municipality.TimeZone);
        var now = time.GetUtcNow();
        var template = CyclePresets.UstIshim;
        await store.SaveTemplateAsync(municipality.Id, template, "Соколова Ирина Павловна", now, ct);

        var current = WeekId.Of(TimeZoneInfo.ConvertTime(now, zone));
        // Every school takes part (seed 003 §I.5), the leading ones too.
        var participants = DemoData.Schools.ToList();
        for (var i = 0; i < Topics.Length; i++)
        {
            var week = current.Plus(i - 3);
            var (title, questions, assignment) = Topics[i];
            var publishAt = template.PublishStep.At(week, zone);
            await store.SaveTopicAsync(new TopicEntity
            {
                PartitionKey = municipality.Id,
                RowKey = week.ToString(),
                Title = title,
                Videos = StoredJson.Write(new[] { new VideoLink($"Видеосеминар: {title}", $"https://video.example.org/emd/{week}") }),
                Questions = StoredJson.Write(questions),
                Assignment = assignment,
                // The last one is next week's topic, still a draft.
                PublishedAt = i == Topics.Length - 1 ? null : publishAt,
                UpdatedByName = "Соколова Ирина Павловна",
                UpdatedAt = publishAt.AddDays(-2),
            }, null, ct);

            if (publishAt > now)
            {
                continue;
            }

            // Each school's steps are its own rows: the schools of a week are written side by side.
            await Task.WhenAll(participants.Select(async (school, n) =>
            {
                var admin = DemoData.Members.First(m => m.Role == Role.SchoolAdmin && m.SchoolIds.Contains(school.Id));
                // Most schools keep to the cycle; the last two fall behind in the most recent weeks.
                var keepsUp = n < participants.Count - 2 || i < 2;
                foreach (var step in template.Steps.Where(s => s.Actor == Actor.School))
                {
                    var at = step.At(week, zone);
                    var doneAt = at.AddHours(keepsUp ? -3 : 5);
                    if (doneAt > now || (!keepsUp && step.Kind == StepKind.Decision))
                    {
                        continue;
                    }

                    if (step.Kind == StepKind.Questions)
                    {
                        await store.AddQuestionAsync(new QuestionEntity
                        {
                            PartitionKey = CycleStore.WeekPartition(municipality.Id, week),
                            RowKey = $"question|{school.Id}|{doneAt.UtcTicks:D19}000",
                            SchoolId = school.Id,
                            TopicQuestion = n % questions.Length,
                            Text = $"{questions[n % questions.Length]} Как это сделать в малокомплектной школе?",
                            AskedAt = doneAt,
                            AskedByName = admin.DisplayName,
                            Late = WeekRules.IsLate(step, week, zone, doneAt),
                            Answer = i < 2 ? "Разберём на ВКС: начните с одной параллели и двух предметов, затем расширяйте." : null,
                            AnsweredAt = i < 2 ? doneAt.AddDays(1) : null,
                            AnsweredByName = i < 2 ? "Соколова Ирина Павловна" : null,
                        }, ct);
                    }

                    await store.MarkStepAsync(municipality.Id, week, new StepEntity
                    {
                        StepId = step.Id,
                        SchoolId = school.Id,
                        Text = step.Kind switch
                        {
                            StepKind.Decision => $"Решение совещания при директоре: {assignment.ToLowerInvariant()}",
                            StepKind.MethodDay => "Обсуждение на педагогическом совете",
                            _ => "",
                        },
                        DoneAt = doneAt,
                        ByName = admin.DisplayName,
                        Late = WeekRules.IsLate(step, week, zone, doneAt),
                    }, ct);
                }

                var meeting = template.Step(StepKind.CuratorMeeting)!;
                var curator = DemoData.Members.FirstOrDefault(m => m.Role == Role.Curator && m.SchoolIds.Contains(school.Id));
                if (curator is not null && meeting.At(week, zone).AddHours(1) <= now)
                {
                    await store.MarkStepAsync(municipality.Id, week, new StepEntity
                    {
                        StepId = meeting.Id,
                        SchoolId = school.Id,
                        Text = "Встреча в Zoom: начали с решений по прошлой теме, обсудили техническое задание.",
                        DoneAt = meeting.At(week, zone).AddHours(1),
                        ByName = curator.DisplayName,
                    }, ct);
                }
            }));
        }
    }
}
