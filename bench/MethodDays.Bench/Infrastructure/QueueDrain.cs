using System.Diagnostics;
using System.Threading.Channels;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace MethodDays.Bench.Infrastructure;

/// <summary>How one queue was emptied.</summary>
public sealed record DrainResult(int Messages, int Errors, double Seconds, long TextBytes, IReadOnlyList<string> Bodies);

/// <summary>
/// Empties a queue the way the Functions host's queue listener works: one poller receives batches of 32 (the most
/// Queue Storage hands out at once) and a fixed number of workers handle messages in parallel, deleting each one
/// its handler accepted. The app's delivery and the raw baselines use this same loop, so only the handler differs.
/// </summary>
public static class QueueDrain
{
    public static async Task<DrainResult> RunAsync(QueueClient queue, int workers, Func<QueueMessage, Task<bool>> handle, bool keepBodies = false)
    {
        var channel = Channel.CreateBounded<QueueMessage>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var bodies = new List<string>();
        int handled = 0, errors = 0;
        long bytes = 0;
        Exception? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var receiver = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    // Invisible long enough that nothing is handed out twice within a measurement.
                    var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(15))).Value;
                    if (batch.Length == 0)
                    {
                        // Nothing is produced meanwhile: an empty answer means every message has been received.
                        break;
                    }

                    foreach (var m in batch)
                    {
                        await channel.Writer.WriteAsync(m);
                    }
                }
            }
            finally
            {
                channel.Writer.Complete();
            }
        });
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var m in channel.Reader.ReadAllAsync())
            {
                bool ok;
                try
                {
                    ok = await handle(m);
                    if (ok)
                    {
                        await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                    ok = false;
                }

                Interlocked.Increment(ref handled);
                Interlocked.Add(ref bytes, System.Text.Encoding.UTF8.GetByteCount(m.MessageText));
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }

                if (keepBodies)
                {
                    lock (bodies)
                    {
                        bodies.Add(m.MessageText);
                    }
                }
            }
        })).ToList();
        await receiver;
        await Task.WhenAll(consumers);
        if (firstFailure is not null)
        {
            Console.Error.WriteLine($"[bench] queue {queue.Name}: {firstFailure.GetType().Name}: {firstFailure.Message}");
        }

        return new DrainResult(handled, errors, clock.Elapsed.TotalSeconds, bytes, bodies);
    }

    /// <summary>Messages now in the queue (Azurite's count is exact; Azure's is approximate).</summary>
    public static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
