using Azure.Storage.Queues;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Host;

/// <summary>Standalone, the executable fires its timers and polls its queues through the same invocation path.</summary>
public sealed class LocalDriverTests(DriverFactory app) : IClassFixture<DriverFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TimerFiresAtItsUtcScheduleOnTheClock()
    {
        var driver = app.Service<LocalFunctionsDriver>();
        var invoker = app.Service<FunctionInvoker>();
        var armed = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fired = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.TimerArmed += (name, due) =>
        {
            if (name == MonthlyStatsTimer.Name)
            {
                armed.TrySetResult(due);
            }
        };
        invoker.Invoked += (name, outcome) =>
        {
            if (name == MonthlyStatsTimer.Name)
            {
                fired.TrySetResult(outcome);
            }
        };

        var due = await WaitArmedAsync(armed, app);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 1, 0, 0, TimeSpan.Zero), due);
        Assert.False(fired.Task.IsCompleted);

        app.Clock.SetUtcNow(due);
        var outcome = await fired.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public async Task QueuedMessageIsDeliveredOnceAndDeleted()
    {
        var driver = app.Service<LocalFunctionsDriver>();
        var settled = new TaskCompletionSource<MessageSettlement>(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.MessageSettled += (name, how) =>
        {
            if (name == EchoQueueFunction.Name)
            {
                settled.TrySetResult(how);
            }
        };
        var queue = Queue(EchoQueueFunction.Queue);
        await queue.SendMessageAsync("""{"kind":"hello","n":7}""", TestContext.Current.CancellationToken);

        Assert.Equal(MessageSettlement.Deleted, await settled.Task.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Contains(app.Service<ReceivedMessages>().All, m => m.Body == """{"kind":"hello","n":7}""" && m.DequeueCount == 1);
        var left = await queue.PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(left.Value);
    }

    [Fact]
    public async Task FailingMessageIsRetriedThenMovedToThePoisonQueue()
    {
        var driver = app.Service<LocalFunctionsDriver>();
        var retries = 0;
        var poisoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.MessageSettled += (name, how) =>
        {
            if (name != FailingQueueFunction.Name)
            {
                return;
            }

            if (how == MessageSettlement.Retried)
            {
                Interlocked.Increment(ref retries);
            }
            else if (how == MessageSettlement.Poisoned)
            {
                poisoned.TrySetResult();
            }
        };
        await Queue(FailingQueueFunction.Queue).SendMessageAsync("""{"kind":"doomed"}""", TestContext.Current.CancellationToken);

        await poisoned.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(LocalDriverDefaults.MaxDequeueCount - 1, retries);
        var poison = await Queue(FailingQueueFunction.Queue + "-poison").PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("""{"kind":"doomed"}""", Assert.Single(poison.Value).MessageText);
    }

    private QueueClient Queue(string name) =>
        app.Service<QueueServiceClient>().GetQueueClient(app.Service<StorageNames>().Queue(name));

    private static async Task<DateTimeOffset> WaitArmedAsync(TaskCompletionSource<DateTimeOffset> armed, DriverFactory app)
    {
        // The driver arms right after start, possibly before the test subscribed: then its record says when.
        if (app.Service<LocalFunctionsDriver>().ArmedTimers.TryGetValue(MonthlyStatsTimer.Name, out var due))
        {
            return due;
        }

        return await armed.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }
}
