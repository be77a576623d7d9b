using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>What the upload handlers need besides their route values and body.</summary>
internal sealed record UploadRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] PracticeStore Practices,
    [FromServices] PracticeFileStore Files,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct)
{
    /// <summary>The upload, for the person who started it (a municipality member; 404 once it is cleaned up).</summary>
    public async Task<Scoped<UploadEntity>> UploadAsync(string municipalityId, string practiceId, string uploadId)
    {
        if (!(await Scope.MemberAsync(User, municipalityId, Ct)).TryGet(out _, out var problem))
        {
            return Scoped<UploadEntity>.Fail(problem);
        }

        var upload = uploadId.Length == 32 ? await Files.GetUploadAsync(municipalityId, uploadId, Ct) : null;
        if (upload is null || upload.PracticeId != practiceId)
        {
            return Scoped<UploadEntity>.Fail(Problems.NotFound("Такой загрузки нет (возможно, она устарела и удалена)."));
        }

        return upload.CreatedById == User.PersonId
            ? Scoped<UploadEntity>.Of(upload)
            : Scoped<UploadEntity>.Fail(Problems.Forbidden("Эту загрузку начал другой пользователь."));
    }
}

/// <summary>
/// Resumable uploads in 4 MiB blocks straight into Blob Storage: start a session, send blocks in any order (a
/// dropped connection resumes from the blocks the server reports), complete. The first block is checked by its
/// magic numbers before anything is stored; documents are inspected again whole on completion. A file never
/// passes whole through memory: at most one block per request is held.
/// </summary>
internal static class UploadEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practices/{practiceId}/uploads").WithTags("Банк практик");
        group.MapPost("", StartAsync).WithName("StartUpload").WithSummary("Начать загрузку файла: имя и размер")
            .RequireRateLimiting(MethodDays.Platform.RequestLimits.UploadStart)
            .ProducesProblems(403, 404, 429);
        group.MapGet("/{uploadId}", GetAsync).WithName("GetUpload").WithSummary("Какие части файла уже получены (для продолжения)")
            .ProducesProblems(403, 404);
        group.MapPut("/{uploadId}/blocks/{index:int}", UploadBlocks.BlockAsync).WithName("UploadBlock").WithSummary("Часть файла (до 4 МБ)")
            .WithMetadata(new RequestSizeLimitAttribute(FileRules.BlockSize + 1024))
            .RequireRateLimiting(MethodDays.Platform.RequestLimits.UploadBlock)
            .ProducesProblems(403, 404, 409, 413, 415, 429);
        group.MapPost("/{uploadId}/complete", UploadBlocks.CompleteAsync).WithName("CompleteUpload").WithSummary("Завершить загрузку и приложить файл к практике")
            .ProducesProblems(403, 404, 409, 415);
        group.MapDelete("/{uploadId}", CancelAsync).WithName("CancelUpload").WithSummary("Отменить загрузку и освободить принятые части")
            .ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<Ok<UploadView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string municipalityId, string practiceId, UploadInput input, [AsParameters] UploadRequest r)
    {
        if (!(await r.Scope.PracticeAsync(r.Practices, r.User, municipalityId, practiceId, r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!PracticeViews.CanEdit(r.User, ctx.Practice))
        {
            return Problems.Forbidden("Файлы прикладывают к своему черновику или возвращённой практике.");
        }

        var errors = new FieldErrors();
        var name = FileRules.Sanitize(input.FileName ?? "");
        var extension = Path.GetExtension(name);
        var rule = FileRules.RuleFor(extension);
        if (rule is null)
        {
            errors.Add("fileName", $"Файлы «{(extension.Length == 0 ? "без расширения" : extension)}» не принимаются. Можно: " +
                string.Join("; ", FileRules.Kinds.Select(k => $"{k.Title.ToLowerInvariant()} ({string.Join(", ", k.Extensions)})")) + ".");
        }

        var size = input.Size ?? 0;
        if (size <= 0)
        {
            errors.Add("size", "Укажите размер файла в байтах; пустые файлы не принимаются.");
        }
        else if (rule is not null && size > rule.MaxBytes)
        {
            errors.Add("size", $"Файл слишком большой: {Megabytes(size)} МБ, а для вида «{rule.Title.ToLowerInvariant()}» можно до {Megabytes(rule.MaxBytes)} МБ.");
        }

        var files = ctx.Practice.StoredFiles;
        if (files.Count >= FileRules.MaxFilesPerPractice)
        {
            errors.Add("fileName", $"К практике можно приложить не больше {FileRules.MaxFilesPerPractice} файлов.");
        }

        if (files.Sum(f => f.Size) + size > FileRules.MaxBytesPerPractice)
        {
            errors.Add("size", $"Все файлы практики вместе — не больше {Megabytes(FileRules.MaxBytesPerPractice)} МБ.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var upload = new UploadEntity
        {
            PartitionKey = municipalityId,
            RowKey = Guid.NewGuid().ToString("n"),
            PracticeId = practiceId,
            FileId = Guid.NewGuid().ToString("n")[..16],
            FileName = name,
            Extension = extension,
            Kind = rule!.Kind,
            Size = size,
            BlockCount = MethodDays.Platform.Storage.StagedBlocks.CountFor(size),
            CreatedById = r.User.PersonId,
            CreatedAt = r.Time.GetUtcNow(),
        };
        await r.Files.AddUploadAsync(upload, r.Ct);
        return TypedResults.Ok(View(upload, [], null));
    }

    public static async Task<Results<Ok<UploadView>, ProblemHttpResult>> GetAsync(
        string municipalityId, string practiceId, string uploadId, [AsParameters] UploadRequest r)
    {
        if (!(await r.UploadAsync(municipalityId, practiceId, uploadId)).TryGet(out var upload, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(View(upload, await r.Files.ReceivedBlocksAsync(upload, r.Ct), null));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        string municipalityId, string practiceId, string uploadId, [AsParameters] UploadRequest r)
    {
        if (!(await r.UploadAsync(municipalityId, practiceId, uploadId)).TryGet(out var upload, out var problem))
        {
            return problem;
        }

        if (upload.State == "complete")
        {
            return Problems.Conflict("Файл уже приложен к практике: уберите его со страницы практики.");
        }

        await r.Files.DeleteUploadedAsync(upload, r.Ct);
        await r.Files.DeleteUploadAsync(upload, r.Ct);
        return TypedResults.NoContent();
    }

    internal static UploadView View(UploadEntity u, IReadOnlyList<int> received, PracticeFile? file) =>
        new(u.RowKey, u.PracticeId, u.FileName, u.Size, FileRules.BlockSize, u.BlockCount, received, u.State, file);

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);
}
