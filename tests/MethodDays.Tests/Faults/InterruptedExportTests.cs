using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MethodDays.Features.PracticeBank;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.PracticeBank;

namespace MethodDays.Tests.Faults;

/// <summary>The process stops in the middle of a bank export: the job is not shown as done, and the redelivered message restarts it cleanly.</summary>
public sealed class InterruptedExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ExportStoppedMidWayRestartsAndProducesTheWholeArchive()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Practices.AcceptedAsync(app, Practices.Input(title: $"Практика номер {i}"));
        }

        var coordinator = app.ClientFor("coord-n");
        var jobId = (string)(await (await coordinator.PostJsonAsync("/api/municipalities/north/practice-exports", new { })).ReadJsonAsync())["id"]!;
        var message = JsonSerializer.Serialize(JsonSerializer.Serialize(new ExportMessage("north", jobId), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        InvocationRequest Delivery(int count) => new()
        {
            Data = new() { ["message"] = JsonDocument.Parse(message).RootElement },
            Metadata = new() { ["DequeueCount"] = JsonDocument.Parse($"\"{count}\"").RootElement },
        };

        // First delivery: the instance goes away after the first practice is written.
        using var shutdown = new CancellationTokenSource();
        void StopAfterFirst(string job, int done)
        {
            if (job == jobId && done == 1)
            {
                shutdown.Cancel();
            }
        }

        app.Service<ExportProgress>().Reported += StopAfterFirst;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Service<FunctionInvoker>().InvokeAsync(ExportFunction.Name, Delivery(1), null, shutdown.Token));
        app.Service<ExportProgress>().Reported -= StopAfterFirst;

        var stopped = await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}")).ReadJsonAsync();
        Assert.NotEqual("done", (string?)stopped["state"]);
        await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}/zip")).AssertProblemAsync(409);

        // The queue delivers the message again (its lease ran out): the job starts over and finishes.
        var outcome = await app.Service<FunctionInvoker>().InvokeAsync(ExportFunction.Name, Delivery(2), null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Response.Logs));
        var done = await (await coordinator.GetAsync($"/api/municipalities/north/practice-exports/{jobId}")).ReadJsonAsync();
        Assert.Equal("done", (string?)done["state"]);
        Assert.Equal(3, (int)done["done"]!);

        var zip = new ZipArchive(new MemoryStream(await coordinator.GetByteArrayAsync((string)done["downloadUrl"]!)));
        Assert.Equal(3, zip.Entries.Count(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal)));
        Assert.NotNull(zip.GetEntry("catalogue.xlsx"));

        // Delivered once more after it finished: nothing is redone.
        Assert.True((await app.Service<FunctionInvoker>().InvokeAsync(ExportFunction.Name, Delivery(3), null, CancellationToken.None)).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync((string)done["downloadUrl"]!)).StatusCode);
    }
}
