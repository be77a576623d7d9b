using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.PracticeBank;

/// <summary>A practice's files: open or download one, take one off a draft.</summary>
internal static class PracticeFileEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practices/{practiceId}/files").WithTags("Банк практик");
        group.MapGet("/{fileId}", FileAsync).WithName("PracticeFile").WithSummary("Файл практики (просмотр в браузере или скачивание)")
            .ProducesProblems(403, 404);
        group.MapDelete("/{fileId}", DeleteFileAsync).WithName("DeletePracticeFile").WithSummary("Убрать файл из черновика")
            .ProducesProblems(403, 404, 409);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> FileAsync(
        string municipalityId, string practiceId, string fileId, [AsParameters] PracticeRequest r, bool download = false)
    {
        if (!(await r.PracticeAsync(municipalityId, practiceId)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (ctx.Practice.StoredFiles.FirstOrDefault(f => f.Id == fileId) is not { } file)
        {
            return Problems.NotFound("Такого файла у практики нет.");
        }

        // Streamed from Blob Storage with range support, so a video seeks without downloading whole.
        var stream = await r.Files.OpenReadAsync(file, r.Ct);
        SandboxUnlessPdf(r.Http, file);
        r.Http.Response.Headers.CacheControl = "private, max-age=3600";
        r.Http.Response.Headers.ContentDisposition = DownloadNames.ContentDisposition(inline: !download, file.Name);
        return TypedResults.Stream(stream, file.ContentType, null, file.UploadedAt, new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Id}\""), enableRangeProcessing: true);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> DeleteFileAsync(
        string municipalityId, string practiceId, string fileId, [AsParameters] PracticeRequest r)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (!(await r.PracticeAsync(municipalityId, practiceId)).TryGet(out var ctx, out var problem))
            {
                return problem;
            }

            var practice = ctx.Practice;
            if (!PracticeViews.CanEdit(r.User, practice))
            {
                return Problems.Forbidden("Убрать файл можно из своего черновика или возвращённой практики.");
            }

            var files = practice.StoredFiles;
            if (files.FirstOrDefault(f => f.Id == fileId) is not { } file)
            {
                return Problems.NotFound("Такого файла у практики нет.");
            }

            files.Remove(file);
            practice.StoredFiles = files;
            var removed = PracticeStore.Event(municipalityId, practiceId, r.Time.GetUtcNow(), r.User.Member.DisplayName, "file-removed", file.Name, practice.Version);
            if (await r.Store.UpdateAsync(practice, practice.ETag, removed, snapshot: false, r.Ct))
            {
                // Earlier versions keep their snapshot of the file list; the bytes go only if no version refers to them.
                if (practice.Version == 0)
                {
                    await r.Files.DeleteAsync(file, r.Ct);
                }

                return TypedResults.Ok(await r.ViewAsync(practice));
            }
        }

        return Problems.Conflict("Практику одновременно меняют другие. Обновите страницу.");
    }

    /// <summary>
    /// Uploaded content never runs as part of the app, even if a browser were tricked into rendering it. PDFs are
    /// the exception: a sandboxed document cannot host the browser's PDF viewer (which isolates PDFs itself).
    /// </summary>
    internal static void SandboxUnlessPdf(HttpContext http, StoredFile file) =>
        http.Response.Headers.ContentSecurityPolicy = file.ContentType == "application/pdf"
            ? "frame-ancestors 'self'"
            : "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";
}
