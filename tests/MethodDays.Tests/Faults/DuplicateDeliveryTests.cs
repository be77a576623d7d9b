using System.Text.Json;
using MethodDays.Features.Notifications;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.WeeklyCycle;

namespace MethodDays.Tests.Faults;

/// <summary>A queue message delivered twice, or a timer fired twice, has one effect.</summary>
public sealed class DuplicateDeliveryTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task SameNoticeDeliveredTwiceIsMailedOnceAndShownOnce()
    {
        var notice = new NotificationMessage("dup-notice-1", "north", "admin-s2", NotificationKind.Reminder,
            "Напоминание: решение по итогам ЕМД", "Срок — пятница, 18:00.", "/#/week/2026-W47", new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero));
        var body = JsonSerializer.Serialize(JsonSerializer.Serialize(notice, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var invoker = app.Service<FunctionInvoker>();
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            var request = new InvocationRequest
            {
                Data = new() { ["message"] = JsonDocument.Parse(body).RootElement },
                Metadata = new() { ["DequeueCount"] = JsonDocument.Parse(delivery.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement },
            };
            Assert.True((await invoker.InvokeAsync(SendNotificationFunction.Name, request, null, CancellationToken.None)).Succeeded);
        }

        Assert.Single(await app.Mail.EmailsAsync(), m => m.Subject == notice.Subject);
        var feed = await (await app.ClientFor("admin-s2").GetAsync("/api/feed")).ReadJsonAsync();
        Assert.Single(feed["items"]!.AsArray(), i => (string?)i!["subject"] == notice.Subject);
    }

    [Fact]
    public async Task TimerFiredTwiceRecomputesTheSameFigures()
    {
        var invoker = app.Service<FunctionInvoker>();
        var timer = new InvocationRequest { Data = new() { ["timer"] = JsonDocument.Parse("""{"IsPastDue":true}""").RootElement } };
        Assert.True((await invoker.InvokeAsync("RecomputeMonthlyStats", timer, null, CancellationToken.None)).Succeeded);
        var first = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/self-assessment/trend")).Content.ReadAsStringAsync();
        Assert.True((await invoker.InvokeAsync("RecomputeMonthlyStats", timer, null, CancellationToken.None)).Succeeded);
        var second = await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/self-assessment/trend")).Content.ReadAsStringAsync();
        Assert.Equal(first, second);
        Assert.Equal(2, (await (await app.ClientFor("coord-n").GetAsync("/api/municipalities/north/self-assessment/trend")).ReadJsonAsync())["months"]!.AsArray().Count);
    }
}
