using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using MethodDays.Features.People;
using MethodDays.Platform.Host;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.PracticeBank;

/// <summary>The export queue message.</summary>
public sealed record ExportMessage(string MunicipalityId, string JobId);

/// <summary>
/// The coordinator's download of the bank: a queued background job writes the zip to Blob Storage, reports its
/// progress, and gives a download link when done.
/// </summary>
internal static class ExportEndpoints
{
    public const string Queue = "exports";

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practice-exports").WithTags("Банк практик");
        group.MapPost("", StartAsync).WithName("StartPracticeExport").WithSummary("Выгрузить банк (весь или по фильтру) в zip — фоновая задача");
        group.MapGet("", ListAsync).WithName("ListPracticeExports").WithSummary("Выгрузки банка");
        group.MapGet("/{jobId}", GetAsync).WithName("GetPracticeExport").WithSummary("Ход выгрузки");
        group.MapGet("/{jobId}/zip", DownloadAsync).WithName("DownloadPracticeExport").WithSummary("Скачать готовый архив").RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
    }

    public static async Task<Results<Accepted<ExportView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string municipalityId, ExportInput input, CurrentUser user, PracticeStore store, QueueServiceClient queues, StorageNames names, TimeProvider time, CancellationToken ct)
    {
        if (!user.CanSeeMunicipality(municipalityId))
        {
            return Problems.Forbidden("Выгружает банк координатор или методист муниципалитета.");
        }

        var errors = new FieldErrors();
        if (input.Query?.Length > 200)
        {
            errors.Add("query", "Поисковый запрос: не больше 200 символов.");
        }

        if (input.Subject is not null && !PracticeRules.Subjects.Contains(input.Subject))
        {
            errors.Add("subject", "Выберите предмет из списка.");
        }

        if (input.TopicWeek is not null && !Platform.Calendar.WeekId.TryParse(input.TopicWeek, out _))
        {
            errors.Add("topicWeek", "Тема ЕМД указывается неделей, например 2026-W47.");
        }

        if (input.Grade is < 1 or > 11)
        {
            errors.Add("grade", "Класс: от 1 до 11.");
        }

        if (input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add("kind", "Неизвестный вид практики.");
        }

        if (input.SchoolId?.Length > 40)
        {
            errors.Add("schoolId", "Неизвестная школа.");
        }

        if (input.SchoolYear is not null && !System.Text.RegularExpressions.Regex.IsMatch(input.SchoolYear, @"^\d{4}/\d{4}$"))
        {
            errors.Add("schoolYear", "Учебный год указывается как 2026/2027.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var job = new ExportEntity
        {
            PartitionKey = municipalityId,
            RowKey = Guid.NewGuid().ToString("n")[..16],
            Filters = JsonSerializer.Serialize(input, PracticeJson.Options),
            CreatedById = user.PersonId,
            CreatedAt = time.GetUtcNow(),
        };
        job.BlobName = $"{municipalityId}/{job.RowKey}.zip";
        await store.AddExportAsync(job, ct);
        await queues.GetQueueClient(names.Queue(Queue)).SendMessageAsync(JsonSerializer.Serialize(new ExportMessage(municipalityId, job.RowKey), PracticeJson.Options), ct);
        return TypedResults.Accepted($"/api/municipalities/{municipalityId}/practice-exports/{job.RowKey}", View(job));
    }

    public static async Task<Results<Ok<IReadOnlyList<ExportView>>, ProblemHttpResult>> ListAsync(string municipalityId, CurrentUser user, PracticeStore store, CancellationToken ct)
    {
        if (!user.CanSeeMunicipality(municipalityId))
        {
            return Problems.Forbidden("Выгрузки банка видят координатор и методисты.");
        }

        return TypedResults.Ok<IReadOnlyList<ExportView>>([.. (await store.ListExportsAsync(municipalityId, ct)).OrderByDescending(j => j.CreatedAt).Take(20).Select(View)]);
    }

    public static async Task<Results<Ok<ExportView>, ProblemHttpResult>> GetAsync(string municipalityId, string jobId, CurrentUser user, PracticeStore store, CancellationToken ct)
    {
        if (!user.CanSeeMunicipality(municipalityId))
        {
            return Problems.Forbidden("Выгрузки банка видят координатор и методисты.");
        }

        var job = jobId.Length == 16 ? await store.GetExportAsync(municipalityId, jobId, ct) : null;
        return job is null ? Problems.NotFound("Такой выгрузки нет.") : TypedResults.Ok(View(job));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string municipalityId, string jobId, CurrentUser user, PracticeStore store, BlobServiceClient blobs, StorageNames names, CancellationToken ct)
    {
        if (!user.CanSeeMunicipality(municipalityId))
        {
            return Problems.Forbidden("Скачивает выгрузку координатор или методист.");
        }

        var job = jobId.Length == 16 ? await store.GetExportAsync(municipalityId, jobId, ct) : null;
        if (job is null)
        {
            return Problems.NotFound("Такой выгрузки нет.");
        }

        if (job.State != "done")
        {
            return Problems.Conflict("Архив ещё готовится: дождитесь окончания выгрузки.");
        }

        var blob = blobs.GetBlobContainerClient(names.Container(PracticeBankModule.ExportsContainer)).GetBlobClient(job.BlobName);
        var stream = await blob.OpenReadAsync(new Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false) { BufferSize = 1024 * 1024 }, ct);
        return TypedResults.Stream(stream, "application/zip", $"Банк практик {municipalityId} {job.CreatedAt:yyyy-MM-dd}.zip", enableRangeProcessing: true);
    }

    internal static ExportView View(ExportEntity j) => new(
        j.RowKey, j.State, j.Total, j.Done, j.Bytes, j.CreatedAt, j.FinishedAt, j.Error,
        j.State == "done" ? $"/api/municipalities/{j.PartitionKey}/practice-exports/{j.RowKey}/zip" : null,
        JsonSerializer.Deserialize<ExportInput>(j.Filters, PracticeJson.Options));
}

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
    PracticeStore store, DirectoryStore directory, BlobServiceClient blobs, StorageNames names, ExportProgress progress, TimeProvider time, ILogger<ExportFunction> logger) : IQueueFunction
{
    public const string Name = "ExportPracticeBank";

    public async Task HandleAsync(QueueMessageInfo message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<ExportMessage>(message.Body, PracticeJson.Options) ?? throw new InvalidOperationException("Empty export message.");
        var job = await store.GetExportAsync(request.MunicipalityId, request.JobId, cancellationToken);
        if (job is null || job.State == "done")
        {
            return;
        }

        var filters = JsonSerializer.Deserialize<ExportInput>(job.Filters, PracticeJson.Options) ?? new ExportInput(null, null, null, null, null, null, null);
        var schools = (await directory.ListSchoolsAsync(job.PartitionKey, cancellationToken)).ToDictionary(s => s.Id, s => s.ShortName);
        var terms = PracticeSearch.Terms(filters.Query);
        var practices = (await store.ListAsync(job.PartitionKey, cancellationToken))
            .Where(p => p.StateValue == PracticeState.Accepted && PracticeEndpoints.Matches(p, filters) && PracticeSearch.Score(p, terms) > 0)
            .ToList();
        var entries = ExportWriter.Plan(practices, schools);

        job.State = "running";
        job.Attempt++;
        job.StartedAt = time.GetUtcNow();
        job.Total = entries.Count;
        job.Done = 0;
        job.Bytes = 0;
        job.Error = null;
        await store.SaveExportAsync(job, cancellationToken);

        var municipality = await directory.GetMunicipalityAsync(job.PartitionKey, cancellationToken);
        var title = $"Банк лучших практик — {municipality?.Name ?? job.PartitionKey}";
        var target = blobs.GetBlobContainerClient(names.Container(PracticeBankModule.ExportsContainer)).GetBlockBlobClient(job.BlobName);
        try
        {
            // Blocks are staged while the zip is written and committed at the end: until then there is no archive.
            await using (var output = new StagedBlockStream(target, new BlobHttpHeaders { ContentType = "application/zip" }))
            {
                var writer = new ExportWriter(blobs.GetBlobContainerClient(names.Container(PracticeBankModule.FilesContainer)));
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
                        await store.SaveExportAsync(job, cancellationToken);
                    }
                }, cancellationToken);
                await output.CommitAsync(cancellationToken);
                job.Bytes = output.Length;
            }

            job.State = "done";
            job.FinishedAt = time.GetUtcNow();
            await store.SaveExportAsync(job, cancellationToken);
            logger.LogInformation("Export {Job}: {Count} practices, {Bytes} bytes", job.RowKey, entries.Count, job.Bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            job.State = message.DequeueCount >= LocalDriverDefaults.MaxDequeueCount ? "failed" : "queued";
            job.Error = "Выгрузка прервалась и будет повторена" + (job.State == "failed" ? " не будет: попытки исчерпаны. Запустите её снова." : ".");
            await store.SaveExportAsync(job, CancellationToken.None);
            throw;
        }
    }
}
