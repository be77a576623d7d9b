using MethodDays.Features.PracticeBank;
using MethodDays.Platform;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>
/// The school's documents for a visit's review arrive as the bank's files do (<see cref="StagedBlocks"/>): the page
/// starts an upload with the file's name and size, sends 4 MiB blocks (in any order; after a dropped connection it asks
/// which the server has and sends the rest) and completes. The first block is checked by its magic numbers before
/// anything is stored, the whole file again on completion (documents hiding executables or macros); a refused file
/// leaves nothing behind. The upload's id becomes the file's id, so a completion sent twice gives one file. Who may
/// upload is as before (<see cref="ReviewContext.Upload"/>: the visited school's administration, the team, the
/// coordinator and methodists); an upload is continued only by the person who started it.
/// </summary>
internal static class VisitReviewUploads
{
    private const string Open = "open";
    private const string Refused = "refused";
    private const string Complete = "complete";
    private const string WhoUploads = "Документы загружают администрация посещаемой школы и команда посещения.";

    public static void Map(RouteGroupBuilder review)
    {
        var uploads = review.MapGroup("/documents/{documentCode}/uploads");
        uploads.MapPost("", StartAsync).WithName("VisitReviewUploadStart")
            .WithSummary("Начать загрузку файла документа: имя и размер (PDF, Word, Excel, OpenDocument, JPEG, PNG до 20 МБ)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .RequireRateLimiting(RequestLimits.UploadStart)
            .ProducesProblems(400, 403, 404, 409, 429);
        uploads.MapGet("/{uploadId}", StatusAsync).WithName("VisitReviewUpload").WithSummary("Какие части файла уже получены (для продолжения)")
            .ProducesProblems(403, 404);
        uploads.MapPut("/{uploadId}/blocks/{index:int}", BlockAsync).WithName("VisitReviewUploadBlock").WithSummary("Часть файла (до 4 МБ); повтор ничего не меняет")
            .WithMetadata(new RequestSizeLimitAttribute(StagedBlocks.BlockSize + 1024))
            .RequireRateLimiting(RequestLimits.UploadBlock)
            .ProducesProblems(400, 403, 404, 409, 413, 415, 429);
        uploads.MapPost("/{uploadId}/complete", CompleteAsync).WithName("VisitReviewUploadComplete")
            .WithSummary("Завершить загрузку: файл проверяется целиком и прикладывается к документу; повтор ничего не меняет")
            .ProducesProblems(400, 403, 404, 409, 415);
    }

    public static async Task<Results<Ok<ReviewUploadView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string municipalityId, string visitId, string documentCode, UploadInput input, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await VisitReviewEndpoints.ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (VisitReviewEndpoints.CannotWrite(c, c.Upload, WhoUploads) is { } refused)
        {
            return refused;
        }

        if (VisitReviewRules.Document(documentCode) is not { } kind)
        {
            return Problems.Invalid("documentCode", "Такого документа в перечне нет.");
        }

        var errors = new FieldErrors();
        var given = input.FileName ?? "";
        var name = FileRules.Sanitize(given);
        string? extension = null;
        if (string.IsNullOrWhiteSpace(given) || given.Length > 300)
        {
            errors.Add("fileName", "Укажите имя файла (до 300 символов).");
        }
        else if (VisitReviewRules.Extension(name, out var reason) is { } e)
        {
            extension = e;
        }
        else
        {
            errors.Add("fileName", reason!);
        }

        var size = input.Size ?? 0;
        if (size <= 0)
        {
            errors.Add("size", "Укажите размер файла в байтах; пустые файлы не принимаются.");
        }
        else if (size > VisitReviewRules.MaxFileBytes)
        {
            errors.Add("size", $"Файл больше {VisitReviewRules.MaxFileBytes / 1024 / 1024} МБ: сохраните документ в PDF поменьше или разделите его на части.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await FilesOfAsync(r, municipalityId, visitId, kind.Code) >= VisitReviewRules.MaxFilesPerDocument)
        {
            return Problems.Invalid("fileName", $"К документу «{kind.Title}» можно приложить не больше {VisitReviewRules.MaxFilesPerDocument} файлов.");
        }

        var id = Guid.NewGuid().ToString("n");
        var now = r.Time.GetUtcNow();
        var upload = new ReviewRowEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitReviewStore.Key(visitId, VisitReviewStore.UploadKind, id),
            Kind = VisitReviewStore.UploadKind,
            Code = kind.Code,
            FileName = name,
            Size = size,
            ContentType = FileRules.ContentTypeOf(extension!),
            BlobName = VisitReviewStore.BlobName(municipalityId, visitId, kind.Code, id),
            State = Open,
            UpdatedById = r.User.PersonId,
            UpdatedByName = r.User.Member.DisplayName,
            UpdatedAt = now,
            CreatedAt = now,
        };
        await r.Store.AddUploadAsync(upload, r.Ct);
        return TypedResults.Ok(View(upload, [], null));
    }

    public static async Task<Results<Ok<ReviewUploadView>, ProblemHttpResult>> StatusAsync(
        string municipalityId, string visitId, string documentCode, string uploadId, [AsParameters] VisitReviewRequest r)
    {
        var (_, upload, problem) = await UploadAsync(r, municipalityId, visitId, documentCode, uploadId, write: false);
        if (upload is null)
        {
            return problem!;
        }

        return upload.State == Complete
            ? TypedResults.Ok(await CompletedAsync(r, upload))
            : TypedResults.Ok(View(upload, await r.Store.ReceivedBlocksAsync(upload, r.Ct), null));
    }

    public static async Task<Results<Ok<ReviewUploadView>, ValidationProblem, ProblemHttpResult>> BlockAsync(
        string municipalityId, string visitId, string documentCode, string uploadId, int index, [AsParameters] VisitReviewRequest r)
    {
        var (_, upload, problem) = await UploadAsync(r, municipalityId, visitId, documentCode, uploadId, write: true);
        if (upload is null)
        {
            return problem!;
        }

        if (upload.State != Open)
        {
            return Problems.Conflict(upload.State == Refused ? upload.Refusal ?? "Файл не принят." : "Загрузка уже завершена.");
        }

        var (block, invalid) = await StagedBlocks.ReadAsync(r.Http.Request, upload.Size, index, r.Ct);
        if (block is null)
        {
            return invalid!;
        }

        using (block)
        {
            if (index == 0 && FileRules.CheckSignature(Path.GetExtension(upload.FileName ?? ""), block.Span) is { } refusal)
            {
                return await RefuseAsync(r, upload, refusal.Replace("в банк практик ", "", StringComparison.Ordinal));
            }

            await r.Store.StageBlockAsync(upload, block, r.Ct);
        }

        return TypedResults.Ok(View(upload, [index], null));
    }

    public static async Task<Results<Ok<ReviewUploadView>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        string municipalityId, string visitId, string documentCode, string uploadId, [AsParameters] VisitReviewRequest r)
    {
        var (_, upload, problem) = await UploadAsync(r, municipalityId, visitId, documentCode, uploadId, write: true);
        if (upload is null)
        {
            return problem!;
        }

        if (upload.State == Complete)
        {
            return TypedResults.Ok(await CompletedAsync(r, upload));
        }

        if (upload.State == Refused)
        {
            return Problems.Conflict(upload.Refusal ?? "Файл не принят.");
        }

        if (StagedBlocks.Missing(await r.Store.ReceivedBlocksAsync(upload, r.Ct), StagedBlocks.CountFor(upload.Size)) is { } missing)
        {
            return missing;
        }

        var kind = VisitReviewRules.Document(upload.Code)!;
        if (await FilesOfAsync(r, municipalityId, visitId, kind.Code) >= VisitReviewRules.MaxFilesPerDocument)
        {
            return Problems.Conflict($"Пока файл загружался, к документу «{kind.Title}» приложили {VisitReviewRules.MaxFilesPerDocument} файлов: больше нельзя.");
        }

        var extension = Path.GetExtension(upload.FileName ?? "");
        if (await r.Store.CommitUploadAsync(upload, whole => FileRules.CheckPackage(extension, whole), r.Ct) is { } refusal)
        {
            return await RefuseAsync(r, upload, refusal);
        }

        var now = r.Time.GetUtcNow();
        var file = new ReviewRowEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitReviewStore.Key(visitId, VisitReviewStore.FileKind, kind.Code, uploadId),
            Kind = VisitReviewStore.FileKind,
            Code = kind.Code,
            FileName = upload.FileName,
            BlobName = upload.BlobName,
            Size = upload.Size,
            ContentType = upload.ContentType,
            UpdatedById = r.User.PersonId,
            UpdatedByName = r.User.Member.DisplayName,
            UpdatedAt = now,
            CreatedAt = now,
        };
        upload.State = Complete;
        upload.UpdatedAt = now;
        if (await r.Store.CompleteUploadAsync(upload, file, r.Ct))
        {
            return TypedResults.Ok(View(upload, All(upload), VisitReviewEndpoints.FileView(file)));
        }

        // Completed at the same moment from another tab: the one file it made.
        var latest = await r.Store.UploadAsync(municipalityId, visitId, uploadId, r.Ct);
        return latest?.State == Complete
            ? TypedResults.Ok(await CompletedAsync(r, latest))
            : Problems.Conflict("Загрузку одновременно завершают в другой вкладке. Обновите страницу.");
    }

    /// <summary>The upload, for the person who started it, on this visit and document (404 for anyone who cannot see the visit).</summary>
    private static async Task<(ReviewContext? Context, ReviewRowEntity? Upload, ProblemHttpResult? Problem)> UploadAsync(
        VisitReviewRequest r, string municipalityId, string visitId, string documentCode, string uploadId, bool write)
    {
        var (c, problem) = await VisitReviewEndpoints.ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return (null, null, problem);
        }

        if (write && VisitReviewEndpoints.CannotWrite(c, c.Upload, WhoUploads) is { } refused)
        {
            return (null, null, refused);
        }

        var upload = uploadId.Length == 32 && uploadId.All(char.IsAsciiHexDigitLower) && VisitReviewRules.Document(documentCode) is not null
            ? await r.Store.UploadAsync(municipalityId, visitId, uploadId, r.Ct)
            : null;
        if (upload is null || upload.Code != documentCode)
        {
            return (null, null, Problems.NotFound("Такой загрузки нет (возможно, файл уже убрали)."));
        }

        return upload.UpdatedById == r.User.PersonId
            ? (c, upload, null)
            : (null, null, Problems.Forbidden("Эту загрузку начал другой пользователь."));
    }

    private static async Task<ProblemHttpResult> RefuseAsync(VisitReviewRequest r, ReviewRowEntity upload, string refusal)
    {
        upload.State = Refused;
        upload.Refusal = refusal;
        await r.Store.UpdateUploadAsync(upload, r.Ct);
        return TypedResults.Problem(refusal, statusCode: 415, title: "Файл не принят");
    }

    private static async Task<ReviewUploadView> CompletedAsync(VisitReviewRequest r, ReviewRowEntity upload)
    {
        var visitId = upload.RowKey[..upload.RowKey.IndexOf('|', StringComparison.Ordinal)];
        var id = upload.RowKey[(upload.RowKey.LastIndexOf('|') + 1)..];
        var file = await r.Store.RowAsync(upload.PartitionKey, VisitReviewStore.Key(visitId, VisitReviewStore.FileKind, upload.Code, id), r.Ct);
        return View(upload, All(upload), file is null ? null : VisitReviewEndpoints.FileView(file));
    }

    private static async Task<int> FilesOfAsync(VisitReviewRequest r, string municipalityId, string visitId, string documentCode) =>
        (await r.Store.GetAsync(municipalityId, visitId, r.Ct)).Documents.First(d => d.Code == documentCode).Files.Count;

    private static List<int> All(ReviewRowEntity upload) => [.. Enumerable.Range(0, StagedBlocks.CountFor(upload.Size))];

    private static ReviewUploadView View(ReviewRowEntity u, IReadOnlyList<int> received, ReviewFileView? file) =>
        new(u.RowKey[(u.RowKey.LastIndexOf('|') + 1)..], u.Code, u.FileName ?? "", u.Size, StagedBlocks.BlockSize, StagedBlocks.CountFor(u.Size), received, u.State ?? Open, file);
}
