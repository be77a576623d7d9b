using System.Net;
using Azure.Data.Tables;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;
using MethodDays.Tests.SelfAssessment;

namespace MethodDays.Tests.Faults;

/// <summary>
/// The app on the shared Azurite, but reaching its Table service through a gate the test can close: to the app the
/// storage is down (connections reset, new ones refused), and when the gate opens it is back with its data.
/// </summary>
public sealed class OutageFactory : AppFactory
{
    private TcpGate _gate = null!;

    protected override async Task<Azurite> GetStorageAsync()
    {
        var azurite = await Azurite.Shared;
        _gate = new TcpGate(azurite.TablePort);
        return azurite;
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = Storage.ConnectionString.Replace($":{Storage.TablePort}/", $":{_gate.Port}/", StringComparison.Ordinal),
    };

    /// <summary>Storage goes away mid-use.</summary>
    public Task StopStorageAsync()
    {
        _gate.Close();
        return Task.CompletedTask;
    }

    /// <summary>Storage comes back, with what it held.</summary>
    public Task StartStorageAsync()
    {
        _gate.Open();
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _gate.DisposeAsync();
    }
}

/// <summary>Storage unavailable in the middle of a submission: a clear 503, nothing half-written, all well after.</summary>
public sealed class StorageOutageTests(OutageFactory app) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task SubmissionDuringAnOutageIsRefusedWithRetryAfterAndSucceedsOnceStorageIsBack()
    {
        var template = app.Service<SheetTemplates>().Current;
        var admin = app.ClientFor("admin-s1");
        var url = Sheets.Url("s1", "2026-10");
        var draft = await admin.PutJsonAsync(url, new { values = new Dictionary<string, object> { ["1.1.1"] = "2" } });
        var etag = draft.Headers.ETag!.ToString();
        var body = new { values = Sheets.Full(template, "2") };

        await app.StopStorageAsync();
        var during = await admin.PostJsonAsync(url + "/submit", body, etag);
        var problem = await during.AssertProblemAsync(503);
        Assert.Contains("черновик", (string?)problem["detail"]);
        Assert.True(during.Headers.RetryAfter is not null, "503 must say when to retry");
        var health = await app.AnonymousClient().GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        await app.StartStorageAsync();
        // Nothing half-written: still the draft, no revision row.
        var after = await (await admin.GetAsync(url)).ReadJsonAsync();
        Assert.Equal("draft", (string?)after["status"]);
        Assert.Equal(0, (int)after["revision"]!);
        var table = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(SheetStore.SheetsTable));
        await foreach (var row in table.QueryAsync<TableEntity>("PartitionKey eq 'north|2026-10'"))
        {
            Assert.False(row.RowKey.StartsWith("rev|", StringComparison.Ordinal), "a revision was written during the outage");
        }

        // The page retries the same submission with the same ETag: it goes through once.
        var retried = await admin.PostJsonAsync(url + "/submit", body, etag);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, (int)(await retried.ReadJsonAsync())["revision"]!);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/api/health")).StatusCode);
    }
}
