using System.Net;
using MethodDays.Features.Notifications;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;
using static MethodDays.Tests.Progress.ProgressSheets;

namespace MethodDays.Tests.Progress;

/// <summary>
/// Seed 001 §2.16: heads send the progress sheet at the end of every month. The cycle's timer reminds the schools that
/// have not submitted it two days before month end, and tells them and their curator once the month is over.
/// </summary>
public sealed class ProgressReminderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static bool IsProgress(NotificationMessage n) => n.Link?.StartsWith("/#/progress/", StringComparison.Ordinal) == true;

    [Fact]
    public async Task SchoolsThatHaveNotSubmittedAreRemindedTwoDaysBeforeMonthEndThenToldTheyAreLate()
    {
        // s1 submits November's sheet in time; s2 does not; s3 (a leading school) is not in the programme.
        var submit = await app.ClientFor("admin-s1").PostJsonAsync(Url("s1", "2026-11") + "/submit", Complete("2026-11", Member("teacher-s1", "using")));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);

        // 27 November 22:00 in Omsk: too early for a reminder.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero));
        await Notices.TickAsync(app);
        Assert.DoesNotContain(await Notices.DrainAsync(app), IsProgress);

        // 28 November 10:00 in Omsk (UTC+6): two days before the last day of the month.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero));
        await Notices.TickAsync(app);
        var reminders = (await Notices.DrainAsync(app)).Where(IsProgress).ToList();
        var reminder = Assert.Single(reminders);
        Assert.Equal("admin-s2", reminder.PersonId);
        Assert.Equal(NotificationKind.MonthlySheet, reminder.Kind);
        Assert.Equal("Лист продвижения за ноябрь 2026: срок — конец месяца", reminder.Subject);
        Assert.Equal("/#/progress/s2/2026-11", reminder.Link);

        // The next tick sends nothing twice.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Notices.TickAsync(app);
        Assert.DoesNotContain(await Notices.DrainAsync(app), IsProgress);

        // 1 December 10:00 in Omsk: November is over; s2 and its curator are told.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        await Notices.TickAsync(app);
        var overdue = (await Notices.DrainAsync(app)).Where(IsProgress).ToList();
        Assert.Equal(["admin-s2", "curator-n"], overdue.Select(n => n.PersonId).Order(StringComparer.Ordinal).ToArray());
        Assert.All(overdue, n => Assert.Equal("Не отправлен: лист продвижения за ноябрь 2026 (Вторая СОШ)", n.Subject));
    }
}
