using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// The bytes of an upload: each block is checked for its length (the first also for its magic numbers) and staged;
/// completion commits the blocks, inspects a document whole and attaches the file to the practice — or removes it.
/// </summary>
internal static class UploadBlocks
{
    public static async Task<Results<Ok<UploadView>, ValidationProblem, ProblemHttpResult>> BlockAsync(
        string municipalityId, string practiceId, string uploadId, int index, [AsParameters] UploadRequest r)
    {
        if (!(await r.UploadAsync(municipalityId, practiceId, uploadId)).TryGet(out var upload, out var problem))
        {
            return problem;
        }

        if (upload.State != "open")
        {
            return Problems.Conflict(upload.State == "refused" ? upload.Refusal ?? "Файл не принят." : "Загрузка уже завершена.");
        }

        var (block, invalid) = await StagedBlocks.ReadAsync(r.Http.Request, upload.Size, index, r.Ct);
        if (block is null)
        {
            return invalid!;
        }

        using (block)
        {
            if (index == 0 && FileRules.CheckSignature(upload.Extension, block.Span) is { } refusal)
            {
                upload.State = "refused";
                upload.Refusal = refusal;
                await r.Files.UpdateUploadAsync(upload, r.Ct);
                return TypedResults.Problem(refusal, statusCode: 415, title: "Файл не принят");
            }

            await r.Files.StageBlockAsync(upload, block, r.Ct);
        }

        return TypedResults.Ok(UploadEndpoints.View(upload, [index], null));
    }

    public static async Task<Results<Ok<UploadView>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        string municipalityId, string practiceId, string uploadId, [AsParameters] UploadRequest r)
    {
        if (!(await r.UploadAsync(municipalityId, practiceId, uploadId)).TryGet(out var upload, out var problem))
        {
            return problem;
        }

        var all = Enumerable.Range(0, upload.BlockCount).ToList();
        if (upload.State == "complete")
        {
            // A retried completion: the file is already attached.
            var practice = await r.Practices.GetAsync(municipalityId, practiceId, r.Ct);
            var attached = practice?.StoredFiles.FirstOrDefault(f => f.Id == upload.FileId);
            return TypedResults.Ok(UploadEndpoints.View(upload, all, attached?.ToRecord()));
        }

        if (upload.State == "refused")
        {
            return Problems.Conflict(upload.Refusal ?? "Файл не принят.");
        }

        if (StagedBlocks.Missing(await r.Files.ReceivedBlocksAsync(upload, r.Ct), upload.BlockCount) is { } missing)
        {
            return missing;
        }

        var contentType = FileRules.ContentTypeOf(upload.Extension);
        if (await r.Files.CommitUploadAsync(upload, contentType, whole => FileRules.CheckPackage(upload.Extension, whole), r.Ct) is { } refusal)
        {
            upload.State = "refused";
            upload.Refusal = refusal;
            await r.Files.UpdateUploadAsync(upload, r.Ct);
            return TypedResults.Problem(refusal, statusCode: 415, title: "Файл не принят");
        }

        var blobName = PracticeFileStore.UploadBlobName(upload);
        var file = new StoredFile(upload.FileId, upload.FileName, upload.Size, contentType, upload.Kind, r.Time.GetUtcNow(), blobName);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var practice = await r.Practices.GetAsync(municipalityId, practiceId, r.Ct);
            if (practice is null || !PracticeViews.CanEdit(r.User, practice))
            {
                await r.Files.DeleteUploadedAsync(upload, r.Ct);
                return Problems.Conflict("Практику уже нельзя менять: файл не приложен.");
            }

            var files = practice.StoredFiles;
            if (files.All(f => f.Id != file.Id))
            {
                if (files.Count >= FileRules.MaxFilesPerPractice || files.Sum(f => f.Size) + file.Size > FileRules.MaxBytesPerPractice)
                {
                    await r.Files.DeleteUploadedAsync(upload, r.Ct);
                    return Problems.Conflict("Пока файл загружался, у практики набралось слишком много файлов.");
                }

                files.Add(file);
                practice.StoredFiles = files;
            }

            var added = PracticeStore.Event(municipalityId, practiceId, file.UploadedAt, r.User.Member.DisplayName, "file-added", file.Name, practice.Version);
            if (await r.Practices.UpdateAsync(practice, practice.ETag, added, snapshot: false, r.Ct))
            {
                upload.State = "complete";
                await r.Files.UpdateUploadAsync(upload, r.Ct);
                return TypedResults.Ok(UploadEndpoints.View(upload, all, file.ToRecord()));
            }
        }

        return Problems.Conflict("Практику одновременно меняют другие. Завершите загрузку ещё раз.");
    }
}
