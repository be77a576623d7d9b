using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Cronos;

namespace MethodDays.Platform.Host;

public static class LocalDriverDefaults
{
    /// <summary>The Functions host's default: a message failing its fifth delivery goes to the poison queue.</summary>
    public const int MaxDequeueCount = 5;
}

public sealed class LocalDriverOptions
{
    public const string Section = "Functions:LocalDriver";

    /// <summary>Fire timers and poll queues when no Functions host is present (standalone run).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a failed message stays invisible before its next delivery.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a received message stays invisible; renewed every third of it while its function runs. If the
    /// process dies, the message comes back this long after the last renewal.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// A small stand-in for the Functions host when the executable runs on its own: fires declared timers on their
/// UTC schedules and polls declared queues, building the host's payload shapes and handing them to the same
/// <see cref="FunctionInvoker"/>. Failed messages are retried and, at the fifth delivery, moved to {queue}-poison.
/// </summary>
/// <summary>What became of a queue message after one delivery.</summary>
public enum MessageSettlement
{
    Deleted,
    Retried,
    Poisoned,
}

public sealed class LocalFunctionsDriver(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    QueueServiceClient queues,
    MethodDays.Platform.Storage.StorageNames names,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<LocalDriverOptions> options,
    ILogger<LocalFunctionsDriver> logger) : BackgroundService
{
    private TimeSpan Lease => options.Value.Lease;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _armed = new();

    /// <summary>A timer is waiting for its next occurrence (UTC). Tests advance a fake clock to it.</summary>
    public event Action<string, DateTimeOffset>? TimerArmed;

    /// <summary>Each timer's next occurrence (UTC) it is waiting for.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ArmedTimers => _armed;

    /// <summary>A delivered queue message was deleted, left for retry, or moved to the poison queue.</summary>
    public event Action<string, MessageSettlement>? MessageSettled;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = catalog.Triggers.Select(d => d.Kind switch
        {
            TriggerKind.Timer => RunTimerAsync(d, stoppingToken),
            TriggerKind.Queue => PollQueueAsync(d, stoppingToken),
            _ => Task.CompletedTask,
        });
        logger.LogInformation("Local functions driver started: {Count} timer and queue functions", catalog.Triggers.Count);
        return Task.WhenAll(loops);
    }

    private async Task RunTimerAsync(FunctionDeclaration timer, CancellationToken ct)
    {
        var cron = CronExpression.Parse(timer.Schedule!, CronFormat.IncludeSeconds);
        DateTimeOffset? last = null;
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                var wait = Task.Delay(next.Value - now, time, ct);
                _armed[timer.Name] = next.Value;
                TimerArmed?.Invoke(timer.Name, next.Value);
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var payload = new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    [timer.BindingName] = new JsonObject
                    {
                        ["Schedule"] = new JsonObject { ["AdjustForDST"] = false },
                        ["ScheduleStatus"] = new JsonObject
                        {
                            ["Last"] = (last ?? DateTimeOffset.MinValue).ToString("O"),
                            ["Next"] = cron.GetNextOccurrence(next.Value, TimeZoneInfo.Utc)?.ToString("O"),
                            ["LastUpdated"] = time.GetUtcNow().ToString("O"),
                        },
                        ["IsPastDue"] = time.GetUtcNow() - next.Value > TimeSpan.FromSeconds(30),
                    },
                },
                ["Metadata"] = new JsonObject(),
            };
            await InvokeAsync(timer, payload, ct);
            last = next;
        }
    }

    private async Task PollQueueAsync(FunctionDeclaration declaration, CancellationToken ct)
    {
        var queue = queues.GetQueueClient(names.Queue(declaration.QueueName!));
        var poison = queues.GetQueueClient(names.PoisonQueue(declaration.QueueName!));
        var idle = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(16, Lease, ct)).Value;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling queue {Queue} failed; will retry", declaration.QueueName);
                batch = [];
            }

            if (batch.Length == 0)
            {
                try
                {
                    // Polling pace is plumbing, not domain time: it follows the real clock even when tests fake the app's.
                    await Task.Delay(idle, TimeProvider.System, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.Value.MaxPollInterval.Ticks));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(100);
            foreach (var message in batch)
            {
                await DeliverAsync(declaration, queue, poison, message, ct);
            }
        }
    }

    private async Task DeliverAsync(FunctionDeclaration declaration, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        // The host hands string messages over JSON-encoded twice; do the same so both paths meet the same parser.
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { [declaration.BindingName] = JsonSerializer.Serialize(message.MessageText) },
            ["Metadata"] = new JsonObject
            {
                ["Id"] = message.MessageId,
                ["DequeueCount"] = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["InsertionTime"] = message.InsertedOn?.ToString("O"),
            },
        };

        // Like the host, keep a long-running message invisible while its function works (e.g. a large export).
        var receipt = message.PopReceipt;
        using var working = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(Lease / 3, TimeProvider.System, working.Token);
                    var updated = await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: Lease, cancellationToken: working.Token);
                    receipt = updated.Value.PopReceipt;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Renewing message {MessageId} on {Queue} failed", message.MessageId, declaration.QueueName);
            }
        }, CancellationToken.None);
        bool succeeded;
        try
        {
            succeeded = await InvokeAsync(declaration, payload, ct);
        }
        finally
        {
            await working.CancelAsync();
            await renewal;
        }

        try
        {
            if (succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt, ct);
                MessageSettled?.Invoke(declaration.Name, MessageSettlement.Deleted);
            }
            else if (message.DequeueCount >= LocalDriverDefaults.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: ct);
                await poison.SendMessageAsync(message.MessageText, ct);
                await queue.DeleteMessageAsync(message.MessageId, receipt, ct);
                logger.LogWarning("Message {MessageId} moved to {Queue}-poison after {Count} deliveries", message.MessageId, declaration.QueueName, message.DequeueCount);
                MessageSettled?.Invoke(declaration.Name, MessageSettlement.Poisoned);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: options.Value.RetryDelay, cancellationToken: ct);
                MessageSettled?.Invoke(declaration.Name, MessageSettlement.Retried);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            // The message becomes visible again when its lease runs out; nothing is lost.
            logger.LogWarning(ex, "Settling message {MessageId} on {Queue} failed", message.MessageId, declaration.QueueName);
        }
    }

    private async Task<bool> InvokeAsync(FunctionDeclaration declaration, JsonObject payload, CancellationToken ct)
    {
        try
        {
            var request = payload.Deserialize<InvocationRequest>()!;
            var outcome = await invoker.InvokeAsync(declaration.Name, request, invocationId: null, ct);
            return outcome.Succeeded;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
