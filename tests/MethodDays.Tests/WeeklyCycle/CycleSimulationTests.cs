using MethodDays.Features.Notifications;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>
/// Two weeks and a bit, hour by hour on a fake clock, for two municipalities: "north" (Asia/Omsk, UTC+6) on the
/// Poltava cycle and "south" (Europe/Moscow, UTC+3) on the Ust-Ishim cycle with a skipped week. Every notice the
/// cycle queues is recorded with its time, and must be exactly the expected ones: a deadline only where the seed
/// gives one, every school of the municipality in the week's steps.
/// </summary>
public sealed class CycleSimulationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TwoMunicipalitiesInDifferentTimeZonesGetExactlyTheNoticesTheirWeeksCallFor()
    {
        app.Clock.SetUtcNow(Utc(11, 16, 0)); // Monday of week 2026-W47
        var south = app.ClientFor("coord-s");
        Assert.True((await south.PutJsonAsync("/api/municipalities/south/cycle", new { preset = "ust-ishim" })).IsSuccessStatusCode);
        Assert.True((await south.PutJsonAsync("/api/municipalities/south/weeks/2026-W47/skip", new { reason = "осенние каникулы" })).IsSuccessStatusCode);
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47");
        await Notices.PublishTopicAsync(app, "coord-s", "south", "2026-W47");
        await Notices.PublishTopicAsync(app, "coord-s", "south", "2026-W48", title: "Работа со слабоуспевающими");

        var template = app.Service<SheetTemplates>().Current;
        var actions = new Dictionary<DateTimeOffset, Func<Task>>
        {
            [Utc(11, 19, 6)] = () => Act("admin-s1", "north", "s1", "2026-W47", "steps/form", new { text = "Педагогическая мастерская" }),
            [Utc(11, 20, 5)] = () => Act("admin-s1", "north", "s1", null, null, null, Sheets.Url("s1", "2026-11") + "/submit", new { values = Sheets.Full(template, "1") }),
            [Utc(11, 20, 6)] = () => Act("admin-s1", "north", "s1", null, null, null, "/api/municipalities/north/schools/s1/progress/2026-11/submit", new
            {
                days = new[] { new { date = "2026-11-19", form = "workshop", sharePercent = 80 } },
                teachers = new[] { new { personId = "teacher-s1", practice = "Лист самооценки ученика", stage = "trying" } },
            }),
            [Utc(11, 22, 10)] = () => Act("admin-s1", "north", "s1", "2026-W47", "questions", new { text = "Как оценивать групповую работу?", topicQuestion = 1 }),
            [Utc(11, 26, 10)] = () => Act("admin-s1", "north", "s1", "2026-W47", "steps/decision", new { text = "Ввести лист самооценки в 5–7 классах" }),
            [Utc(11, 28, 9)] = () => Act("admin-s2", "north", "s2", "2026-W47", "steps/decision", new { text = "Обсудить на МО в декабре" }),
            [Utc(11, 29, 10)] = () => Act("admin-t1", "south", "t1", "2026-W48", "steps/decision", new { text = "Назначить наставников" }),
        };

        var sent = new List<(DateTimeOffset At, string Person, NotificationKind Kind, string Subject)>();
        for (var at = Utc(11, 16, 0); at <= Utc(12, 1, 12); at = at.AddHours(1))
        {
            app.Clock.SetUtcNow(at);
            if (actions.TryGetValue(at, out var act))
            {
                await act();
            }

            await Notices.TickAsync(app);
            sent.AddRange((await Notices.DrainAsync(app)).Select(n => (at, n.PersonId, n.Kind, n.Subject)));
        }

        (DateTimeOffset, string, NotificationKind)[] expected =
        [
            // north, Poltava: topic on Wednesday (09:00 Omsk, the municipality's hour) to the staff of every school —
            // the leading school s3 too — curators and methodists.
            .. new[] { "admin-s1", "admin-s1b", "teacher-s1", "admin-s2", "admin-s3", "curator-n", "methodist-n" }.Select(p => (Utc(11, 18, 3), p, NotificationKind.TopicPublished)),
            // The form of the ЕМД, the ЕМД and the decision have no hour or deadline in seed 001: no reminder, nothing overdue.
            // Questions by Monday 11:00 Omsk (seed 001 §2.10): every school reminded a day before; s1 then asks, s2 and s3 never do.
            (Utc(11, 22, 5), "admin-s1", NotificationKind.Reminder),
            (Utc(11, 22, 5), "admin-s1b", NotificationKind.Reminder),
            (Utc(11, 22, 5), "admin-s2", NotificationKind.Reminder),
            (Utc(11, 22, 5), "admin-s3", NotificationKind.Reminder),
            (Utc(11, 23, 5), "admin-s2", NotificationKind.Overdue),
            (Utc(11, 23, 5), "curator-n", NotificationKind.Overdue),
            (Utc(11, 23, 5), "admin-s3", NotificationKind.Overdue),
            // the self-assessment sheet (recommended): s1 submitted November; s2 reminded two days before month end, nothing after.
            (Utc(11, 28, 4), "admin-s2", NotificationKind.MonthlySheet),
            // the progress sheet (due, seed 001 §2.16): s1 submitted it, s2 is reminded, then it and its curator are told.
            (Utc(11, 28, 4), "admin-s2", NotificationKind.MonthlySheet),
            (Utc(12, 1, 4), "admin-s2", NotificationKind.MonthlySheet),
            (Utc(12, 1, 4), "curator-n", NotificationKind.MonthlySheet),

            // south, Ust-Ishim: week 47 skipped (nothing, although it has a topic); week 48 published Wednesday 16:00 Moscow.
            (Utc(11, 25, 13), "admin-t1", NotificationKind.TopicPublished),
            // No school deadline on Thursday (seed 003 gives schools none); t1 has no curator, so no meeting concerns it.
            // The decision (Friday or Monday, no hour in the seed) is reported on Sunday; nothing is overdue.
            (Utc(11, 28, 7), "admin-t1", NotificationKind.MonthlySheet),
            (Utc(11, 28, 7), "admin-t1", NotificationKind.MonthlySheet),
            (Utc(12, 1, 7), "admin-t1", NotificationKind.MonthlySheet),
        ];

        Assert.Equal(
            expected.Select(e => $"{e.Item1:MM-dd HH}:00 {e.Item2} {e.Item3}").Order(StringComparer.Ordinal),
            sent.Select(s => $"{s.At:MM-dd HH}:00 {s.Person} {s.Kind}").Order(StringComparer.Ordinal));

        var overdue = sent.First(s => s.Kind == NotificationKind.Overdue && s.Person == "admin-s2");
        Assert.Equal("Срок прошёл: Вопросы по видеосеминарам муниципальному координатору (Вторая СОШ)", overdue.Subject);
    }

    private async Task Act(string person, string municipality, string school, string? week, string? action, object? body, string? url = null, object? urlBody = null)
    {
        var target = url ?? $"/api/municipalities/{municipality}/schools/{school}/weeks/{week}/{action}";
        var response = await app.ClientFor(person).PostJsonAsync(target, urlBody ?? body!);
        Assert.True(response.IsSuccessStatusCode, $"{target}: {await response.Content.ReadAsStringAsync()}");
    }
}
