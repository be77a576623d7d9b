using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MethodDays.Platform.Storage;

namespace MethodDays.Platform;

public sealed record HealthCheck(string Name, bool Ok, long Milliseconds, string? Problem);

public sealed record HealthReport(string Status, string Version, DateTimeOffset At, IReadOnlyList<HealthCheck> Checks);

/// <summary>
/// <c>GET /api/health</c>: can the app reach its tables, blobs and queues? 200 when all answer, 503 (with
/// Retry-After) when one does not. Anonymous, and says nothing beyond which service failed.
/// </summary>
public static class Health
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync).WithName("Health").WithTags("Служебное").WithSummary("Проверка хранилища (для мониторинга)").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CheckAsync(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, StorageNames names, StorageInventory inventory, TimeProvider time, HttpContext http)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        // One declared table, container and queue each: the features declare what they use, the probe takes the
        // first of each kind; a kind nobody declared is not probed.
        var probes = new List<Task<HealthCheck>>();
        if (inventory.Tables.FirstOrDefault() is { } table)
        {
            probes.Add(Probe("tables", () => tables.Table(names, table).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync().AsTask()));
        }

        if (inventory.Containers.FirstOrDefault() is { } container)
        {
            probes.Add(Probe("blobs", () => blobs.GetBlobContainerClient(names.Container(container)).ExistsAsync(timeout.Token)));
        }

        if (inventory.Queues.FirstOrDefault() is { } queue)
        {
            probes.Add(Probe("queues", () => queues.GetQueueClient(names.Queue(queue)).ExistsAsync(timeout.Token)));
        }

        var checks = await Task.WhenAll(probes);
        var ok = checks.All(c => c.Ok);
        var version = typeof(Health).Assembly.GetName().Version?.ToString() ?? "";
        http.Response.Headers.CacheControl = "no-store";
        if (!ok)
        {
            http.Response.Headers.RetryAfter = "30";
        }

        return Results.Json(new HealthReport(ok ? "ok" : "degraded", version, time.GetUtcNow(), checks), statusCode: ok ? 200 : 503);
    }

    private static async Task<HealthCheck> Probe(string name, Func<Task> probe)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await probe();
            return new HealthCheck(name, true, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex)
        {
            return new HealthCheck(name, false, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex is OperationCanceledException ? "нет ответа за 5 с" : "недоступно");
        }
    }
}
