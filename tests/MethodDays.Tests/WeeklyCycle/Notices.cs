using Azure.Storage.Queues;
using MethodDays.Features.Notifications;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.WeeklyCycle;

/// <summary>Reads what the cycle put on the notifications queue, and runs its timer the way the host would.</summary>
internal static class Notices
{
    public static async Task<List<NotificationMessage>> DrainAsync(AppFactory app)
    {
        var queue = app.Service<QueueServiceClient>().GetQueueClient(app.Service<StorageNames>().Queue(Notifier.Queue));
        var all = new List<NotificationMessage>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var m in batch)
            {
                all.Add(Notifier.Read(m.MessageText)!);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
    }

    /// <summary>One tick, through the same invocation path the Functions host uses.</summary>
    public static async Task TickAsync(AppFactory app)
    {
        var outcome = await app.Service<FunctionInvoker>().InvokeAsync(CycleTickTimer.Name, new InvocationRequest(), null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Response.Logs));
    }

    public static async Task PublishTopicAsync(AppFactory app, string coordinator, string municipality, string week, string publish = "AtPublishStep", string title = "Формирующее оценивание на уроке")
    {
        var response = await app.ClientFor(coordinator).PutJsonAsync($"/api/municipalities/{municipality}/weeks/{week}/topic", new
        {
            title,
            videos = new[] { new { title = "Видеосеминар 1. Критерии оценивания", url = "https://video.example/emd/47-1" } },
            questions = new[] { "Как ученики участвуют в выработке критериев?", "Какие приёмы обратной связи вы используете?" },
            assignment = "Провести пробный урок с листом самооценки и обсудить его на ЕМД.",
            publish,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
