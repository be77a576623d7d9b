using MethodDays.Features.Notifications;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>
/// Two weeks and a bit, hour by hour on a fake clock, for two municipalities: "north" (Asia/Omsk, UTC+6) on the
/// Poltava cycle and "south" (Europe/Moscow, UTC+3) on the Ust-Ishim cycle with a skipped week. Every notice the
/// cycle queues is recorded with its time, and must be exactly the expected ones.
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
            // north, Poltava: topic on Wednesday 09:00 Omsk to school staff, curators and methodists (not the leading school s3).
            .. new[] { "admin-s1", "admin-s1b", "teacher-s1", "admin-s2", "curator-n", "methodist-n" }.Select(p => (Utc(11, 18, 3), p, NotificationKind.TopicPublished)),
            // form due Friday 10:00 Omsk: s1 chose in time; s2 is reminded 20 h before, then overdue to it and its curator.
            (Utc(11, 19, 8), "admin-s2", NotificationKind.Reminder),
            (Utc(11, 20, 4), "admin-s2", NotificationKind.Overdue),
            (Utc(11, 20, 4), "curator-n", NotificationKind.Overdue),
            // questions due Monday 11:00 Omsk: both reminded a day before; s1 then asks, s2 never does.
            (Utc(11, 22, 5), "admin-s1", NotificationKind.Reminder),
            (Utc(11, 22, 5), "admin-s1b", NotificationKind.Reminder),
            (Utc(11, 22, 5), "admin-s2", NotificationKind.Reminder),
            (Utc(11, 23, 5), "admin-s2", NotificationKind.Overdue),
            (Utc(11, 23, 5), "curator-n", NotificationKind.Overdue),
            // decision due next Friday 18:00 Omsk: s1 decided early; s2 reminded, late, then reports anyway.
            (Utc(11, 26, 16), "admin-s2", NotificationKind.Reminder),
            (Utc(11, 27, 12), "admin-s2", NotificationKind.Overdue),
            (Utc(11, 27, 12), "curator-n", NotificationKind.Overdue),
            // the monthly sheet: s1 submitted November; s2 reminded two days before month end, overdue on the 1st.
            (Utc(11, 28, 4), "admin-s2", NotificationKind.MonthlySheet),
            (Utc(12, 1, 4), "admin-s2", NotificationKind.MonthlySheet),
            (Utc(12, 1, 4), "curator-n", NotificationKind.MonthlySheet),
            // the progress sheet, the same way: s1 submitted it, s2 is reminded, then late.
            (Utc(11, 28, 4), "admin-s2", NotificationKind.MonthlySheet),
            (Utc(12, 1, 4), "admin-s2", NotificationKind.MonthlySheet),
            (Utc(12, 1, 4), "curator-n", NotificationKind.MonthlySheet),

            // south, Ust-Ishim: week 47 skipped (nothing, although it has a topic); week 48 published Wednesday 16:00 Moscow.
            (Utc(11, 25, 13), "admin-t1", NotificationKind.TopicPublished),
            // questions due Thursday 14:00 Moscow, reminded 16 h before; never sent. No curator: the meeting step has nobody to remind.
            (Utc(11, 25, 19), "admin-t1", NotificationKind.Reminder),
            (Utc(11, 26, 11), "admin-t1", NotificationKind.Overdue),
            // decision due Monday 18:00 Moscow: reported on Sunday morning, before its reminder.
            (Utc(11, 28, 7), "admin-t1", NotificationKind.MonthlySheet),
            (Utc(12, 1, 7), "admin-t1", NotificationKind.MonthlySheet),
            (Utc(11, 28, 7), "admin-t1", NotificationKind.MonthlySheet),
            (Utc(12, 1, 7), "admin-t1", NotificationKind.MonthlySheet),
        ];

        Assert.Equal(
            expected.Select(e => $"{e.Item1:MM-dd HH}:00 {e.Item2} {e.Item3}").Order(StringComparer.Ordinal),
            sent.Select(s => $"{s.At:MM-dd HH}:00 {s.Person} {s.Kind}").Order(StringComparer.Ordinal));

        var overdue = sent.First(s => s.Kind == NotificationKind.Overdue && s.Person == "admin-s2");
        Assert.Equal("Срок прошёл: Школа выбирает форму проведения ЕМД на четверг следующей недели (Вторая СОШ)", overdue.Subject);
    }

    private async Task Act(string person, string municipality, string school, string? week, string? action, object? body, string? url = null, object? urlBody = null)
    {
        var target = url ?? $"/api/municipalities/{municipality}/schools/{school}/weeks/{week}/{action}";
        var response = await app.ClientFor(person).PostJsonAsync(target, urlBody ?? body!);
        Assert.True(response.IsSuccessStatusCode, $"{target}: {await response.Content.ReadAsStringAsync()}");
    }
}
