using System.Collections.Concurrent;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Host;

/// <summary>Queue functions that exist only in tests, to exercise the invocation contract and the local driver.</summary>
public sealed class EchoQueueFunction(ReceivedMessages received) : IQueueFunction
{
    public const string Name = "TestEcho";
    public const string Queue = "test-echo";

    public Task HandleAsync(QueueMessageInfo message, CancellationToken cancellationToken)
    {
        received.Add(message);
        return Task.CompletedTask;
    }
}

public sealed class FailingQueueFunction : IQueueFunction
{
    public const string Name = "TestFailing";
    public const string Queue = "test-failing";

    public Task HandleAsync(QueueMessageInfo message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Сбой обработчика (тест)");
}

public sealed class ReceivedMessages
{
    public ConcurrentQueue<QueueMessageInfo> All { get; } = new();

    public void Add(QueueMessageInfo message) => All.Enqueue(message);
}

/// <summary>The app as the Functions host starts it (its port set), with the test queue functions beside the real ones.</summary>
public class HostFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [FunctionsHostSetup.PortVariable] = "7071",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ReceivedMessages>();
            services.AddQueueFunction<EchoQueueFunction>(EchoQueueFunction.Name, EchoQueueFunction.Queue);
            services.AddQueueFunction<FailingQueueFunction>(FailingQueueFunction.Name, FailingQueueFunction.Queue);
            services.AddStorageQueue(EchoQueueFunction.Queue);
            services.AddStorageQueue(FailingQueueFunction.Queue);
        });
    }
}

/// <summary>The same functions run standalone (no host port), the local driver firing timers and polling queues, retrying failures at once.</summary>
public sealed class DriverFactory : HostFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Functions:LocalDriver:Enabled"] = "true",
        ["Functions:LocalDriver:RetryDelay"] = "00:00:00",
    };
}
