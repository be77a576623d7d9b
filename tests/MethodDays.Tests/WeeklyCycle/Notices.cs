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

    /// <summary>
    /// The coordinator gives the Poltava steps the deadlines the seed leaves to the municipality — the form by Friday
    /// 10:00, the decision by next Friday 18:00 — sent the way the settings page sends steps without a separate
    /// <c>deadline</c>: a step asking for an overdue notice has its own time as its deadline.
    /// </summary>
    public static async Task SetSchoolDeadlinesAsync(AppFactory app, string coordinator = "coord-n", string municipality = "north")
    {
        var steps = new object[]
        {
            new { id = "publish", kind = "Publish", title = "Публикация темы", weekOffset = 0, weekday = "Wednesday", time = "09:00", actor = "Coordinator", remindBeforeHours = 0, overdueNotice = false },
            new { id = "form", kind = "Form", title = "Школа выбирает форму проведения ЕМД на четверг следующей недели", weekOffset = 0, weekday = "Friday", time = "10:00", actor = "School", remindBeforeHours = 20, overdueNotice = true },
            new { id = "call", kind = "Call", title = "ВКС с координатором", weekOffset = 0, weekday = "Friday", time = "14:00", actor = "Coordinator", remindBeforeHours = 0, overdueNotice = false },
            new { id = "questions", kind = "Questions", title = "Вопросы по видеосеминарам муниципальному координатору", weekOffset = 1, weekday = "Monday", time = "11:00", actor = "School", remindBeforeHours = 24, overdueNotice = true },
            new { id = "method-day", kind = "MethodDay", title = "Единый методический день в школе", weekOffset = 1, weekday = "Thursday", time = "14:00", actor = "School", remindBeforeHours = 0, overdueNotice = false },
            new { id = "decision", kind = "Decision", title = "Решение по итогам ЕМД направлено координатору", weekOffset = 1, weekday = "Friday", time = "18:00", actor = "School", remindBeforeHours = 20, overdueNotice = true },
        };
        var response = await app.ClientFor(coordinator).PutJsonAsync($"/api/municipalities/{municipality}/cycle", new { title = "Полтавский регламент со сроками муниципалитета", steps });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
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
