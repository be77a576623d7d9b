using System.Buffers;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

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
            .RequireRateLimiting(MethodDays.Platform.RequestLimits.UploadStart);
        group.MapGet("/{uploadId}", GetAsync).WithName("GetUpload").WithSummary("Какие части файла уже получены (для продолжения)");
        group.MapPut("/{uploadId}/blocks/{index:int}", BlockAsync).WithName("UploadBlock").WithSummary("Часть файла (до 4 МБ)")
            .WithMetadata(new RequestSizeLimitAttribute(FileRules.BlockSize + 1024))
            .RequireRateLimiting(MethodDays.Platform.RequestLimits.UploadBlock);
        group.MapPost("/{uploadId}/complete", CompleteAsync).WithName("CompleteUpload").WithSummary("Завершить загрузку и приложить файл к практике");
        group.MapDelete("/{uploadId}", CancelAsync).WithName("CancelUpload").WithSummary("Отменить загрузку и освободить принятые части");
    }

    public static async Task<Results<Ok<UploadView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string municipalityId, string practiceId, UploadInput input, CurrentUser user, PracticeStore store, TimeProvider time, CancellationToken ct)
    {
        var (practice, problem) = await PracticeEndpoints.LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!PracticeViews.CanEdit(user, practice!))
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

        var files = practice!.StoredFiles;
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
            BlockCount = (int)((size + FileRules.BlockSize - 1) / FileRules.BlockSize),
            CreatedById = user.PersonId,
            CreatedAt = time.GetUtcNow(),
        };
        await store.AddUploadAsync(upload, ct);
        return TypedResults.Ok(View(upload, [], null));
    }

    public static async Task<Results<Ok<UploadView>, ProblemHttpResult>> GetAsync(
        string municipalityId, string practiceId, string uploadId, CurrentUser user, PracticeStore store, BlobServiceClient blobs, StorageNames names, CancellationToken ct)
    {
        var (upload, problem) = await LoadAsync(store, user, municipalityId, practiceId, uploadId, ct);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(View(upload!, await ReceivedAsync(Blob(blobs, names, upload!), upload!, ct), null));
    }

    public static async Task<Results<Ok<UploadView>, ValidationProblem, ProblemHttpResult>> BlockAsync(
        string municipalityId, string practiceId, string uploadId, int index, CurrentUser user, PracticeStore store,
        BlobServiceClient blobs, StorageNames names, HttpContext http, CancellationToken ct)
    {
        var (upload, problem) = await LoadAsync(store, user, municipalityId, practiceId, uploadId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (upload!.State != "open")
        {
            return Problems.Conflict(upload.State == "refused" ? upload.Refusal ?? "Файл не принят." : "Загрузка уже завершена.");
        }

        if (index < 0 || index >= upload.BlockCount)
        {
            return Problems.Invalid("index", $"У файла {upload.BlockCount} частей: номер от 0 до {upload.BlockCount - 1}.");
        }

        var expected = (int)Math.Min(FileRules.BlockSize, upload.Size - ((long)index * FileRules.BlockSize));
        if (http.Request.ContentLength != expected)
        {
            return Problems.Invalid("body", $"Часть №{index} должна быть ровно {expected} байт (получено {http.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "без длины"}).");
        }

        var buffer = BlockBuffers.Pool.Rent(expected);
        try
        {
            var read = 0;
            while (read < expected)
            {
                var n = await http.Request.Body.ReadAsync(buffer.AsMemory(read, expected - read), ct);
                if (n == 0)
                {
                    return Problems.Invalid("body", "Часть файла пришла не целиком: связь прервалась. Отправьте её ещё раз.");
                }

                read += n;
            }

            if (index == 0 && FileRules.CheckSignature(upload.Extension, buffer.AsSpan(0, read)) is { } refusal)
            {
                upload.State = "refused";
                upload.Refusal = refusal;
                await store.UpdateUploadAsync(upload, ct);
                return TypedResults.Problem(refusal, statusCode: 415, title: "Файл не принят");
            }

            using var content = new MemoryStream(buffer, 0, read, writable: false);
            await Blob(blobs, names, upload).StageBlockAsync(BlockId(index), content, cancellationToken: ct);
        }
        finally
        {
            BlockBuffers.Pool.Return(buffer);
        }

        return TypedResults.Ok(View(upload, [index], null));
    }

    public static async Task<Results<Ok<UploadView>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        string municipalityId, string practiceId, string uploadId, CurrentUser user, PracticeStore store,
        BlobServiceClient blobs, StorageNames names, TimeProvider time, CancellationToken ct)
    {
        var (upload, problem) = await LoadAsync(store, user, municipalityId, practiceId, uploadId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var blob = Blob(blobs, names, upload!);
        if (upload!.State == "complete")
        {
            // A retried completion: the file is already attached.
            var practice = await store.GetAsync(municipalityId, practiceId, ct);
            var attached = practice?.StoredFiles.FirstOrDefault(f => f.Id == upload.FileId);
            return TypedResults.Ok(View(upload, [.. Enumerable.Range(0, upload.BlockCount)], attached?.ToRecord()));
        }

        if (upload.State == "refused")
        {
            return Problems.Conflict(upload.Refusal ?? "Файл не принят.");
        }

        var received = await ReceivedAsync(blob, upload, ct);
        if (received.Count < upload.BlockCount)
        {
            var missing = Enumerable.Range(0, upload.BlockCount).Except(received).Take(10);
            return Problems.Invalid("blocks", $"Получены не все части файла: нет частей {string.Join(", ", missing)}. Досылайте их — загрузка продолжится с того же места.");
        }

        var contentType = FileRules.ContentTypeOf(upload.Extension);
        await blob.CommitBlockListAsync(
            Enumerable.Range(0, upload.BlockCount).Select(BlockId),
            new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { ["practice"] = practiceId, ["upload"] = uploadId },
            },
            ct);

        await using (var whole = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 256 * 1024 }, ct))
        {
            if (FileRules.CheckPackage(upload.Extension, whole) is { } refusal)
            {
                await blob.DeleteIfExistsAsync(cancellationToken: ct);
                upload.State = "refused";
                upload.Refusal = refusal;
                await store.UpdateUploadAsync(upload, ct);
                return TypedResults.Problem(refusal, statusCode: 415, title: "Файл не принят");
            }
        }

        var file = new StoredFile(upload.FileId, upload.FileName, upload.Size, contentType, upload.Kind, time.GetUtcNow(), blob.Name);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var practice = await store.GetAsync(municipalityId, practiceId, ct);
            if (practice is null || !PracticeViews.CanEdit(user, practice))
            {
                await blob.DeleteIfExistsAsync(cancellationToken: ct);
                return Problems.Conflict("Практику уже нельзя менять: файл не приложен.");
            }

            var files = practice.StoredFiles;
            if (files.All(f => f.Id != file.Id))
            {
                if (files.Count >= FileRules.MaxFilesPerPractice || files.Sum(f => f.Size) + file.Size > FileRules.MaxBytesPerPractice)
                {
                    await blob.DeleteIfExistsAsync(cancellationToken: ct);
                    return Problems.Conflict("Пока файл загружался, у практики набралось слишком много файлов.");
                }

                files.Add(file);
                practice.StoredFiles = files;
            }

            if (await store.UpdateAsync(practice, practice.ETag, PracticeStore.Event(municipalityId, practiceId, file.UploadedAt, user.Member.DisplayName, "file-added", file.Name, practice.Version), snapshot: false, ct))
            {
                upload.State = "complete";
                await store.UpdateUploadAsync(upload, ct);
                return TypedResults.Ok(View(upload, [.. Enumerable.Range(0, upload.BlockCount)], file.ToRecord()));
            }
        }

        return Problems.Conflict("Практику одновременно меняют другие. Завершите загрузку ещё раз.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        string municipalityId, string practiceId, string uploadId, CurrentUser user, PracticeStore store, BlobServiceClient blobs, StorageNames names, CancellationToken ct)
    {
        var (upload, problem) = await LoadAsync(store, user, municipalityId, practiceId, uploadId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (upload!.State == "complete")
        {
            return Problems.Conflict("Файл уже приложен к практике: уберите его со страницы практики.");
        }

        // Committed content goes now; staged blocks nobody commits Blob Storage drops within a week.
        await Blob(blobs, names, upload).DeleteIfExistsAsync(cancellationToken: ct);
        await store.DeleteUploadAsync(upload, ct);
        return TypedResults.NoContent();
    }

    internal static BlockBlobClient Blob(BlobServiceClient blobs, StorageNames names, UploadEntity upload) =>
        blobs.GetBlobContainerClient(names.Container(PracticeBankModule.FilesContainer))
            .GetBlockBlobClient($"{upload.PartitionKey}/{upload.PracticeId}/{upload.FileId}");

    /// <summary>Block ids must have one length within a blob: "block-000042" in base64.</summary>
    internal static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index:D6}"));

    private static async Task<IReadOnlyList<int>> ReceivedAsync(BlockBlobClient blob, UploadEntity upload, CancellationToken ct)
    {
        try
        {
            var list = await blob.GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: ct);
            var ids = Enumerable.Range(0, upload.BlockCount).ToDictionary(BlockId);
            return [.. list.Value.UncommittedBlocks.Where(b => ids.ContainsKey(b.Name)).Select(b => ids[b.Name]).Distinct().Order()];
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    private static async Task<(UploadEntity? Upload, ProblemHttpResult? Problem)> LoadAsync(
        PracticeStore store, CurrentUser user, string municipalityId, string practiceId, string uploadId, CancellationToken ct)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return (null, Problems.Forbidden("Эти данные относятся к другому муниципалитету."));
        }

        var upload = uploadId.Length == 32 ? await store.GetUploadAsync(municipalityId, uploadId, ct) : null;
        if (upload is null || upload.PracticeId != practiceId)
        {
            return (null, Problems.NotFound("Такой загрузки нет (возможно, она устарела и удалена)."));
        }

        return upload.CreatedById == user.PersonId ? (upload, null) : (null, Problems.Forbidden("Эту загрузку начал другой пользователь."));
    }

    private static UploadView View(UploadEntity u, IReadOnlyList<int> received, PracticeFile? file) =>
        new(u.RowKey, u.PracticeId, u.FileName, u.Size, FileRules.BlockSize, u.BlockCount, received, u.State, file);

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);
}
