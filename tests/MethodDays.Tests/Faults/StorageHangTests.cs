using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MethodDays.Tests.Faults;

/// <summary>
/// The app reaching its Table service through a gate the test can freeze: connections are accepted, requests read,
/// and nothing is ever answered — storage hangs rather than fails. Keeps what the app logs.
/// </summary>
public sealed class HangFactory : AppFactory
{
    public TcpGate Gate { get; private set; } = null!;

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    private event Action<string, string>? Logged;

    protected override async Task<Azurite> GetStorageAsync()
    {
        var azurite = await Azurite.Shared;
        Gate = new TcpGate(azurite.TablePort);
        return azurite;
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = Storage.ConnectionString.Replace($":{Storage.TablePort}/", $":{Gate.Port}/", StringComparison.Ordinal),
        // "Request finished" lines tell the test when the server is done with a request the client left.
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };

    /// <summary>Completes when the server has logged a line of this category containing the text.</summary>
    public Task LoggedAsync(string category, string text)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Logged += (c, m) =>
        {
            if (c == category && m.Contains(text, StringComparison.Ordinal))
            {
                done.TrySetResult();
            }
        };
        return done.Task;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CaptureProvider(this)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }

    private sealed class CaptureProvider(HangFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(factory, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Capture(HangFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            factory.Logs.Enqueue((logLevel, category, message));
            factory.Logged?.Invoke(category, message);
        }
    }
}

/// <summary>
/// Storage that hangs: a person saving a draft gets the clear 503 within the request's budget instead of waiting a
/// minute, nothing is written, the same save goes through once storage answers again, and a person who leaves
/// meanwhile is no error.
/// </summary>
public sealed class StorageHangTests(HangFactory app) : IClassFixture<HangFactory>
{
    /// <summary>
    /// Longer than the answer may take (8 s of storage budget) and far shorter than the SDK's own patience (three
    /// tries of 20 s): the client giving up is the test failing, not a pause.
    /// </summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DraftSavedWhileStorageHangsIsRefusedInTimeAndNothingIsWritten()
    {
        var admin = app.ClientFor("admin-s1");
        admin.Timeout = AnswerBound;
        var url = Sheets.Url("s1", "2026-10");
        var first = await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.ToString();

        app.Gate.Hang();
        HttpResponseMessage during;
        try
        {
            during = await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "1" } }, etag);
        }
        finally
        {
            app.Gate.Open();
        }

        var problem = await during.AssertProblemAsync(503);
        Assert.Contains("Ничего не сохранено; черновик остаётся у вас", (string?)problem["detail"]);
        Assert.NotNull(during.Headers.RetryAfter);
        Assert.True(app.Gate.Swallowed.IsCompleted, "the save reached the frozen storage and was given up on");

        // Storage answers again: still the earlier draft, nothing half-written.
        var current = await admin.GetAsync(url);
        Assert.Equal("2", (string?)(await current.ReadJsonAsync())["values"]!["1.1.1"]);
        Assert.Equal(etag, current.Headers.ETag!.ToString());

        // The page's retry of the same save, against the same version, goes through.
        var retried = await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "1" } }, etag);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("1", (string?)(await (await admin.GetAsync(url)).ReadJsonAsync())["values"]!["1.1.1"]);
        Assert.DoesNotContain(app.Logs, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task PersonWhoLeavesWhileStorageHangsIsNotAnErrorInTheLog()
    {
        var admin = app.ClientFor("admin-s2");
        admin.Timeout = AnswerBound;
        var url = Sheets.Url("s2", "2026-09");
        var finished = app.LoggedAsync("Microsoft.AspNetCore.Hosting.Diagnostics", "/self-assessment/2026-09 - ");

        app.Gate.Hang();
        try
        {
            using var leave = new CancellationTokenSource();
            using var request = new HttpRequestMessage(HttpMethod.Put, url)
            {
                Content = JsonContent.Create(new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } }),
            };
            var saving = admin.SendAsync(request, leave.Token);
            // Storage has the request and will never answer; now the person closes the page.
            await app.Gate.Swallowed.WaitAsync(AnswerBound);
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saving);
            await finished.WaitAsync(AnswerBound);
        }
        finally
        {
            app.Gate.Open();
        }

        Assert.DoesNotContain(app.Logs, l => l.Level >= LogLevel.Error);
        var stored = await (await admin.GetAsync(url)).ReadJsonAsync();
        Assert.Equal("empty", (string?)stored["status"]);
    }
}
