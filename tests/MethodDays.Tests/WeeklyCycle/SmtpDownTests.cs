using MethodDays.Features.Notifications;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>The SMTP server is down: retries, then the poison queue, which the coordinator sees and can re-send.</summary>
public sealed class SmtpDownFactory : AppFactory
{
    private static readonly int ClosedPort = Ports.Free();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Functions:LocalDriver:Enabled"] = "true",
        ["Functions:LocalDriver:RetryDelay"] = "00:00:00",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = ClosedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
    };
}

public sealed class SmtpDownTests(SmtpDownFactory app) : IClassFixture<SmtpDownFactory>
{
    [Fact]
    public async Task UndeliverableNoticesEndInThePoisonQueueTheCoordinatorSeesAndResends()
    {
        var poisoned = 0;
        var retried = 0;
        var allPoisoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Service<LocalFunctionsDriver>().MessageSettled += (name, how) =>
        {
            if (name != SendNotificationFunction.Name)
            {
                return;
            }

            if (how == MessageSettlement.Retried)
            {
                Interlocked.Increment(ref retried);
            }
            else if (how == MessageSettlement.Poisoned && Interlocked.Increment(ref poisoned) == 7)
            {
                allPoisoned.TrySetResult();
            }
        };

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero));
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47", publish: "Now");
        await allPoisoned.Task.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        Assert.Equal(7 * (LocalDriverDefaults.MaxDequeueCount - 1), retried);

        // Nothing silently lost: the feed has the notice, the coordinator sees the seven undelivered e-mails (every school takes part).
        var feed = await (await app.ClientFor("admin-s1").GetAsync("/api/feed")).ReadJsonAsync();
        Assert.Equal(1, (int)feed["unread"]!);
        var failed = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/notifications/failed")).ReadJsonAsync();
        Assert.Equal(7, (int)failed["total"]!);
        Assert.Contains(failed["items"]!.AsArray(), i => (string?)i!["personName"] == "Педагог Первой" && (string?)i["kind"] == "TopicPublished");
        await (await app.ClientFor("coord-s").GetAsync("/api/municipalities/north/notifications/failed")).AssertProblemAsync(403);

        var resent = await (await app.ClientFor("coord-n").PostJsonAsync("/api/municipalities/north/notifications/failed/resend", new { })).ReadJsonAsync();
        Assert.Equal(7, (int)resent["resent"]!);
    }
}
