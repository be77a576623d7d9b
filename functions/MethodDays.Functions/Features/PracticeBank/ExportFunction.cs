using MethodDays.Features.People;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>Progress of running exports, for whoever listens in-process (tests; nothing in production).</summary>
public sealed class ExportProgress
{
    public event Action<string, int>? Reported;

    internal void Report(string jobId, int done) => Reported?.Invoke(jobId, done);
}

/// <summary>
/// Queue function on <c>exports</c>: builds the zip. A redelivered message (the process was killed mid-export)
/// starts the job over, overwriting the partial blob; a finished job is not redone.
/// </summary>
public sealed class ExportFunction(
    PracticeStore store, PracticeFileStore files, ExportStore exports, DirectoryStore directory, ExportProgress progress, TimeProvider time,
    ILogger<ExportFunction> logger) : IQueueFunction
{
    public const string Name = "ExportPracticeBank";

    public async Task HandleAsync(QueueMessageInfo message, CancellationToken cancellationToken)
    {
        var request = ExportStore.ReadMessage(message.Body);
        var job = await exports.GetAsync(request.MunicipalityId, request.JobId, cancellationToken);
        if (job is null || job.State == "done")
        {
            return;
        }

        var filters = StoredJson.Read<ExportInput>(job.Filters) ?? new ExportInput(null, null, null, null, null, null, null);
        var schools = (await directory.ListSchoolsAsync(job.PartitionKey, cancellationToken)).ToDictionary(s => s.Id, s => s.ShortName);
        var terms = PracticeSearch.Terms(filters.Query);
        var practices = (await store.ListAsync(job.PartitionKey, cancellationToken))
            .Where(p => p.StateValue == PracticeState.Accepted && PracticeSearch.Matches(p, filters) && PracticeSearch.Score(p, terms) > 0)
            .ToList();
        var entries = ExportWriter.Plan(practices, schools);

        job.State = "running";
        job.Attempt++;
        job.StartedAt = time.GetUtcNow();
        job.Total = entries.Count;
        job.Done = 0;
        job.Bytes = 0;
        job.Error = null;
        await exports.SaveAsync(job, cancellationToken);

        var municipality = await directory.GetMunicipalityAsync(job.PartitionKey, cancellationToken);
        var title = $"Банк лучших практик — {municipality?.Name ?? job.PartitionKey}";
        try
        {
            // Blocks are staged while the zip is written and committed at the end: until then there is no archive.
            await using (var output = exports.CreateArchive(job))
            {
                var writer = new ExportWriter(files);
                var lastSaved = DateTimeOffset.MinValue;
                await writer.WriteAsync(output, entries, title, async (done, bytes) =>
                {
                    job.Done = done;
                    job.Bytes = bytes;
                    progress.Report(job.RowKey, done);
                    // Progress is saved at most every two seconds: the page polls it.
                    if (time.GetUtcNow() - lastSaved > TimeSpan.FromSeconds(2) || done == entries.Count)
                    {
                        lastSaved = time.GetUtcNow();
                        await exports.SaveAsync(job, cancellationToken);
                    }
                }, cancellationToken);
                await output.CommitAsync(cancellationToken);
                job.Bytes = output.Length;
            }

            job.State = "done";
            job.FinishedAt = time.GetUtcNow();
            await exports.SaveAsync(job, cancellationToken);
            logger.LogInformation("Export {Job}: {Count} practices, {Bytes} bytes", job.RowKey, entries.Count, job.Bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            job.State = message.DequeueCount >= LocalDriverDefaults.MaxDequeueCount ? "failed" : "queued";
            job.Error = "Выгрузка прервалась и будет повторена" + (job.State == "failed" ? " не будет: попытки исчерпаны. Запустите её снова." : ".");
            await exports.SaveAsync(job, CancellationToken.None);
            throw;
        }
    }
}
