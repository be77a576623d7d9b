using System.Text.Json;
using Azure.Storage.Queues;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Notifications;

/// <summary>Puts notices on the <c>notifications</c> queue; the sender function delivers them.</summary>
public sealed class Notifier(QueueServiceClient queues, StorageNames names)
{
    public const string Queue = "notifications";
    // Cyrillic kept as UTF-8, not \uXXXX escapes: a notice's message is a third of the size on the queue.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private QueueClient Client => queues.GetQueueClient(names.Queue(Queue));

    public async Task EnqueueAsync(IReadOnlyCollection<NotificationMessage> messages, CancellationToken ct)
    {
        // Queue Storage has no batch send; a bounded fan-out keeps a tick for thousands of schools short.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (m, token) =>
            await Client.SendMessageAsync(JsonSerializer.Serialize(m, Json), token));
    }

    public static NotificationMessage? Read(string body) => JsonSerializer.Deserialize<NotificationMessage>(body, Json);
}
