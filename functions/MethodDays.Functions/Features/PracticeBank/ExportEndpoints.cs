using System.Text.RegularExpressions;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>What the export handlers need besides their route values and body.</summary>
internal sealed record ExportRequest(
    CurrentUser User, [FromServices] ScopeResolver Scope, [FromServices] ExportStore Exports, [FromServices] TimeProvider Time, HttpContext Http,
    CancellationToken Ct)
{
    /// <summary>A job of the municipality, for its coordinator and methodists.</summary>
    public Task<Scoped<ExportEntity>> JobAsync(string municipalityId, string jobId, string forbidden) =>
        Scope.ExportJobAsync(Exports, User, municipalityId, jobId, forbidden, Ct);
}

/// <summary>
/// The coordinator's download of the bank: a queued background job (<see cref="ExportFunction"/>) writes the zip to
/// Blob Storage and reports its progress; the page polls the job and downloads the archive when it is done.
/// </summary>
internal static partial class ExportEndpoints
{
    private const string OnlyReviewersSee = "Выгрузки банка видят координатор и методисты.";
    private const string OnlyReviewersDownload = "Скачивает выгрузку координатор или методист.";

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practice-exports").WithTags("Банк практик");
        group.MapPost("", StartAsync).WithName("StartPracticeExport").WithSummary("Выгрузить банк (весь или по фильтру) в zip — фоновая задача")
            .ProducesProblems(403, 404);
        group.MapGet("", ListAsync).WithName("ListPracticeExports").WithSummary("Выгрузки банка")
            .ProducesProblems(403, 404);
        group.MapGet("/{jobId}", GetAsync).WithName("GetPracticeExport").WithSummary("Ход выгрузки")
            .ProducesProblems(403, 404);
        group.MapGet("/{jobId}/zip", DownloadAsync).WithName("DownloadPracticeExport").WithSummary("Скачать готовый архив")
            .ProducesProblems(403, 404, 409, 429).RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
    }

    public static async Task<Results<Accepted<ExportView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string municipalityId, ExportInput input, [AsParameters] ExportRequest r)
    {
        if (!(await r.Scope.ReviewerAsync(r.User, municipalityId, "Выгружает банк координатор или методист муниципалитета.", r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var job = new ExportEntity
        {
            PartitionKey = municipalityId,
            RowKey = Guid.NewGuid().ToString("n")[..16],
            Filters = StoredJson.Write(input),
            CreatedById = r.User.PersonId,
            CreatedAt = r.Time.GetUtcNow(),
        };
        job.FileName = DownloadNames.Archive(ctx.Municipality, job.CreatedAt);
        await r.Exports.StartAsync(job, r.Ct);
        return TypedResults.Accepted($"/api/municipalities/{municipalityId}/practice-exports/{job.RowKey}", View(job));
    }

    public static async Task<Results<Ok<IReadOnlyList<ExportView>>, ProblemHttpResult>> ListAsync(string municipalityId, [AsParameters] ExportRequest r)
    {
        if (!(await r.Scope.ReviewerAsync(r.User, municipalityId, OnlyReviewersSee, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok<IReadOnlyList<ExportView>>([.. (await r.Exports.ListAsync(municipalityId, r.Ct)).OrderByDescending(j => j.CreatedAt).Take(20).Select(View)]);
    }

    public static async Task<Results<Ok<ExportView>, ProblemHttpResult>> GetAsync(string municipalityId, string jobId, [AsParameters] ExportRequest r) =>
        (await r.JobAsync(municipalityId, jobId, OnlyReviewersSee)).TryGet(out var job, out var problem) ? TypedResults.Ok(View(job)) : problem;

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(string municipalityId, string jobId, [AsParameters] ExportRequest r)
    {
        if (!(await r.JobAsync(municipalityId, jobId, OnlyReviewersDownload)).TryGet(out var job, out var problem))
        {
            return problem;
        }

        if (job.State != "done")
        {
            return Problems.Conflict("Архив ещё готовится: дождитесь окончания выгрузки.");
        }

        r.Http.Response.Headers.ContentDisposition = DownloadNames.ContentDisposition(inline: false, ArchiveName(job));
        return TypedResults.Stream(await r.Exports.OpenArchiveAsync(job, r.Ct), "application/zip", enableRangeProcessing: true);
    }

    /// <summary>The name given at the start; jobs made before names were kept get a plain dated one.</summary>
    internal static string ArchiveName(ExportEntity job) => job.FileName ?? $"Банк практик {job.CreatedAt:yyyy-MM-dd}.zip";

    internal static ExportView View(ExportEntity j) => new(
        j.RowKey, j.State, j.Total, j.Done, j.Bytes, j.CreatedAt, j.FinishedAt, j.Error,
        j.State == "done" ? $"/api/municipalities/{j.PartitionKey}/practice-exports/{j.RowKey}/zip" : null,
        StoredJson.Read<ExportInput>(j.Filters), ArchiveName(j));

    /// <summary>The filters, each as the list's own (error keys are the filter form's fields).</summary>
    private static FieldErrors Check(ExportInput input)
    {
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

        if (input.SchoolYear is not null && !SchoolYear().IsMatch(input.SchoolYear))
        {
            errors.Add("schoolYear", "Учебный год указывается как 2026/2027.");
        }

        return errors;
    }

    [GeneratedRegex(@"^\d{4}/\d{4}$")]
    private static partial Regex SchoolYear();
}
