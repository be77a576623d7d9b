using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Notifications;

/// <summary>A notice that failed every delivery, as it sits on the poison queue.</summary>
public sealed record PoisonedNotice(string MessageId, long DequeueCount, NotificationMessage Notice);

/// <summary>
/// The <c>notifications</c> queue: puts notices on it for the sender function, and reads and requeues those that
/// failed every delivery (its poison queue). Bodies are JSON with Cyrillic kept as UTF-8 letters (the stored-JSON
/// setting), a third of the size of <c>\uXXXX</c> escapes.
/// </summary>
public sealed class Notifier(QueueServiceClient queues, StorageNames names)
{
    public const string Queue = "notifications";

    private QueueClient Main => queues.GetQueueClient(names.Queue(Queue));

    private QueueClient Poison => queues.GetQueueClient(names.PoisonQueue(Queue));

    public async Task EnqueueAsync(IReadOnlyCollection<NotificationMessage> messages, CancellationToken ct)
    {
        // Queue Storage has no batch send; a bounded fan-out keeps a tick for thousands of schools short.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (m, token) =>
            await Main.SendMessageAsync(StoredJson.Write(m), token));
    }

    public static NotificationMessage? Read(string body) => StoredJson.Read<NotificationMessage>(body);

    /// <summary>
    /// A look at up to 32 failed notices of one municipality (a peek shows no more) and how many failed notices
    /// there are in all.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<PoisonedNotice> Items)> PeekFailedAsync(string municipalityId, CancellationToken ct)
    {
        if (!(await Poison.ExistsAsync(ct)).Value)
        {
            return (0, []);
        }

        var peeked = (await Poison.PeekMessagesAsync(32, ct)).Value;
        var items = peeked
            .Select(m => (Message: m, Notice: Read(m.Body.ToString())))
            .Where(x => x.Notice?.MunicipalityId == municipalityId)
            .Select(x => new PoisonedNotice(x.Message.MessageId, x.Message.DequeueCount, x.Notice!))
            .ToList();
        var total = (await Poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        return (Math.Max(total, items.Count), items);
    }

    /// <summary>Moves one municipality's failed notices back onto the main queue; returns how many.</summary>
    public async Task<int> ResendFailedAsync(string municipalityId, CancellationToken ct)
    {
        if (!(await Poison.ExistsAsync(ct)).Value)
        {
            return 0;
        }

        var resent = 0;
        for (var round = 0; round < 50; round++)
        {
            var batch = (await Poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            var mine = 0;
            foreach (QueueMessage m in batch)
            {
                if (Read(m.Body.ToString())?.MunicipalityId == municipalityId)
                {
                    // Back on the main queue first, then off the poison queue: at worst a notice is tried twice, never lost.
                    await Main.SendMessageAsync(m.Body.ToString(), ct);
                    await Poison.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                    resent++;
                    mine++;
                }
                else
                {
                    await Poison.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
                }
            }

            if (mine == 0)
            {
                break;
            }
        }

        return resent;
    }
}
