using Azure.Data.Tables;
using MethodDays.Features.Notifications;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>A repeated, overlapping or late tick sends nothing twice; a claimed but unqueued effect is not lost.</summary>
public sealed class TickIdempotencyTests
{
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>north: topic of 2026-W47 published Wednesday 18 Nov 09:00 Omsk (03:00 UTC); form due Friday 10:00 Omsk (04:00 UTC).</summary>
    private static async Task<AppFactory> StartAsync()
    {
        var app = new AppFactory();
        await app.InitializeAsync();
        app.Clock.SetUtcNow(Utc(16, 0));
        await Notices.SetSchoolDeadlinesAsync(app);
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47");
        return app;
    }

    [Fact]
    public async Task RepeatedAndOverlappingTicksSendNothingTwice()
    {
        await using var app = await StartAsync();
        app.Clock.SetUtcNow(Utc(19, 8, 2)); // inside the form reminder window (from Thursday 08:00 UTC)

        await Notices.TickAsync(app);
        await Notices.TickAsync(app);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Notices.TickAsync(app)));
        var sent = await Notices.DrainAsync(app);

        Assert.Equal(7, sent.Count(n => n.Kind == NotificationKind.TopicPublished));
        Assert.Equal(["admin-s1", "admin-s1b", "admin-s2", "admin-s3"], sent.Where(n => n.Kind == NotificationKind.Reminder).Select(n => n.PersonId).Order().ToArray());
        Assert.Equal(sent.Count, sent.Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public async Task TicksStartingTogetherOnNothingClaimedSendEachNoticeOnce()
    {
        await using var app = await StartAsync();
        app.Clock.SetUtcNow(Utc(19, 8, 2));

        // All four read an empty claims table, then race to claim the same effects.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Notices.TickAsync(app)));
        var sent = await Notices.DrainAsync(app);

        Assert.Equal(7, sent.Count(n => n.Kind == NotificationKind.TopicPublished));
        Assert.Equal(["admin-s1", "admin-s1b", "admin-s2", "admin-s3"], sent.Where(n => n.Kind == NotificationKind.Reminder).Select(n => n.PersonId).Order().ToArray());
        Assert.Equal(sent.Count, sent.Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public async Task TickAfterHoursOfDowntimeCatchesUpOnce()
    {
        await using var app = await StartAsync();
        app.Clock.SetUtcNow(Utc(18, 2)); // before publication: nothing yet
        await Notices.TickAsync(app);
        Assert.Empty(await Notices.DrainAsync(app));

        app.Clock.SetUtcNow(Utc(20, 6)); // down from Wednesday night to Friday morning: past the form deadline
        await Notices.TickAsync(app);
        var caughtUp = await Notices.DrainAsync(app);
        Assert.Equal(7, caughtUp.Count(n => n.Kind == NotificationKind.TopicPublished));
        Assert.DoesNotContain(caughtUp, n => n.Kind == NotificationKind.Reminder); // its window passed while down
        Assert.Equal(["admin-s1", "admin-s1b", "admin-s2", "admin-s3", "curator-n", "curator-n"], caughtUp.Where(n => n.Kind == NotificationKind.Overdue).Select(n => n.PersonId).Order().ToArray());

        app.Clock.SetUtcNow(Utc(20, 6, 5));
        await Notices.TickAsync(app);
        Assert.Empty(await Notices.DrainAsync(app));
    }

    [Fact]
    public async Task NothingGoesToASchoolThatAlreadyActedOrForASkippedWeek()
    {
        await using var app = await StartAsync();
        app.Clock.SetUtcNow(Utc(18, 4));
        await app.ClientFor("admin-s2").PostJsonAsync("/api/municipalities/north/schools/s2/weeks/2026-W47/steps/form", new { text = "Открытые уроки" });
        await app.ClientFor("coord-n").PutJsonAsync("/api/municipalities/north/weeks/2026-W47/skip", new { reason = "карантин" });

        app.Clock.SetUtcNow(Utc(19, 9));
        await Notices.TickAsync(app);
        Assert.Empty(await Notices.DrainAsync(app));

        // Back from the skip: s2 acted, so only s1's and s3's admins are reminded (every school takes part).
        await app.ClientFor("coord-n").DeleteAsync("/api/municipalities/north/weeks/2026-W47/skip");
        await Notices.TickAsync(app);
        var sent = await Notices.DrainAsync(app);
        Assert.Equal(["admin-s1", "admin-s1b", "admin-s3"], sent.Where(n => n.Kind == NotificationKind.Reminder).Select(n => n.PersonId).Order().ToArray());
    }

    [Fact]
    public async Task EffectClaimedByARunThatDiedBeforeQueueingIsQueuedOnce()
    {
        await using var app = await StartAsync();
        app.Clock.SetUtcNow(Utc(18, 3, 10));
        // A run claimed the publish notice ten minutes ago and stopped before queueing anything.
        var effects = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(CycleStore.EffectsTable));
        await effects.AddEntityAsync(new TableEntity("north|2026-W47", "publish") { ["CreatedAt"] = Utc(18, 3, 0), ["Enqueued"] = false, ["Recipients"] = 7 });

        await Notices.TickAsync(app);
        Assert.Equal(7, (await Notices.DrainAsync(app)).Count(n => n.Kind == NotificationKind.TopicPublished));
        await Notices.TickAsync(app);
        Assert.Empty(await Notices.DrainAsync(app));
        Assert.True((await effects.GetEntityAsync<TableEntity>("north|2026-W47", "publish")).Value.GetBoolean("Enqueued"));
    }
}
