using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http;

namespace MethodDays.Tests.Faults;

/// <summary>
/// Which patience a storage call gets depends on who is waiting: a person's request is cut short, a timer or a queue
/// message (nobody watching, the host retries) keeps three tries of 20 s. Checked on the clients' own options and
/// pipeline, with a stand-in network that answers at once and notes each try's timeout.
/// </summary>
public sealed class StoragePatienceTests
{
    [Fact]
    public async Task TimerAndQueueWorkKeepsTheLongPatience()
    {
        var (client, tries, options) = Client();
        Assert.Equal(TimeSpan.FromSeconds(20), options.Retry.NetworkTimeout);
        Assert.Equal(2, options.Retry.MaxRetries);

        // No person's budget in this flow, as in a timer or queue invocation: the client's own 20 s applies.
        Assert.True(await client.ExistsAsync());
        Assert.Equal([null], tries);
    }

    [Fact]
    public async Task PersonsRequestGetsTheShortTryTimeout()
    {
        var (client, tries, _) = Client();
        using (StorageBudget.Begin(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(4)))
        {
            Assert.True(await client.ExistsAsync());
        }

        Assert.Single(tries);
        Assert.True(tries[0] <= TimeSpan.FromSeconds(4), $"a person's try waited up to {tries[0]}");
    }

    [Fact]
    public async Task SpentBudgetRefusesTheNextCallWithoutTryingIt()
    {
        var (client, tries, _) = Client();
        using (StorageBudget.Begin(TimeSpan.Zero, TimeSpan.FromSeconds(4)))
        {
            await Assert.ThrowsAsync<StorageTimeoutException>(() => client.ExistsAsync());
        }

        Assert.Empty(tries);
    }

    [Fact]
    public async Task WorkThatOutlivesTheRequestIsNoLongerBoundByIt()
    {
        var (client, tries, _) = Client();
        Task later;
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (StorageBudget.Begin(TimeSpan.Zero, TimeSpan.FromSeconds(4)))
        {
            // Started by the request (it inherits the request's flow), running after the request has ended.
            later = Task.Run(async () =>
            {
                await released.Task;
                return await client.ExistsAsync();
            });
        }

        released.SetResult();
        await later;
        Assert.Equal([null], tries);
    }

    [Theory]
    [InlineData("/api/municipalities/north/schools/s1/self-assessment/2026-10", true)]
    [InlineData("/api/health", true)]
    [InlineData("/CycleTick", false)]
    [InlineData("/SendNotification", false)]
    [InlineData("/", false)]
    public void OnlyThePersonsApiRequestsAreInteractive(string path, bool interactive) =>
        Assert.Equal(interactive, StorageBudget.IsInteractive(new PathString(path)));

    /// <summary>The app's queue client options over a network that answers 200 at once; records each try's timeout.</summary>
    private static (QueueClient Client, List<TimeSpan?> Tries, QueueClientOptions Options) Client()
    {
        var tries = new List<TimeSpan?>();
        var options = StorageSetup.Configure(new QueueClientOptions());
        options.AddPolicy(new TryRecorder(tries), HttpPipelinePosition.PerRetry);
        options.Transport = new HttpClientTransport(new HttpClient(new Answers200()));
        return (new QueueClient(new Uri("http://127.0.0.1:10001/devstoreaccount1/patience"), options), tries, options);
    }

    private sealed class TryRecorder(List<TimeSpan?> tries) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            lock (tries)
            {
                tries.Add(message.NetworkTimeout);
            }
        }
    }

    private sealed class Answers200 : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });
    }
}
