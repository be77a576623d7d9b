using MethodDays.Features.Notifications;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>The app with a real SMTP server (MailDev) and its local driver delivering the notifications queue.</summary>
public sealed class MailFactory : AppFactory
{
    public MailDev Mail { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Functions:LocalDriver:Enabled"] = "true",
        ["Functions:LocalDriver:RetryDelay"] = "00:00:00",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["PublicUrl"] = "https://emd.example.ru",
    };

    public override async ValueTask InitializeAsync()
    {
        Mail = await MailDev.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

/// <summary>From the tick through the real queue, the sender function and SMTP into an inbox — and the in-app feed.</summary>
public sealed class DeliveryTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task PublishedTopicReachesInboxesAndFeedsOnceAndRespectsEmailChoices()
    {
        // admin-s2 does not want topic e-mails; the feed still gets them.
        var s2 = app.ClientFor("admin-s2");
        Assert.True((await s2.PutJsonAsync("/api/me/email-preferences", new { off = new[] { "TopicPublished" } })).IsSuccessStatusCode);

        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = 0;
        app.Service<LocalFunctionsDriver>().MessageSettled += (name, how) =>
        {
            if (name == SendNotificationFunction.Name && how == MessageSettlement.Deleted && Interlocked.Increment(ref settled) == 7)
            {
                delivered.TrySetResult();
            }
        };

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero));
        await Notices.PublishTopicAsync(app, "coord-n", "north", "2026-W47", publish: "Now");
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var mails = await app.Mail.EmailsAsync();
        Assert.Equal(
            ["admin@s1.example", "admin@s3.example", "curator@north.example", "deputy@s1.example", "methodist@north.example", "teacher@s1.example"],
            mails.Select(m => m.To).Order(StringComparer.Ordinal).ToArray());
        var one = mails.First();
        Assert.Equal("Новая тема ЕМД: Формирующее оценивание на уроке", one.Subject);
        Assert.Contains("https://emd.example.ru/#/week/2026-W47", one.Text);

        // A second tick re-reads the same effects: nothing new is sent.
        await Notices.TickAsync(app);
        Assert.Equal(6, (await app.Mail.EmailsAsync()).Count);

        var feed = await (await s2.GetAsync("/api/feed")).ReadJsonAsync();
        Assert.Equal(1, (int)feed["unread"]!);
        Assert.Equal("Новая тема ЕМД: Формирующее оценивание на уроке", (string?)feed["items"]![0]!["subject"]);
        var read = await (await s2.PostJsonAsync("/api/feed/read", new { })).ReadJsonAsync();
        Assert.Equal(0, (int)read["unread"]!);
    }
}
