using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>What signing a link needs: the person asking, what they ask about, the signer.</summary>
internal sealed record FileLinkRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] PracticeStore Practices,
    [FromServices] ExportStore Exports,
    [FromServices] FileLinkSigner Signer,
    CancellationToken Ct);

/// <summary>What opening a link needs: no person (the link is the permission), the stores and the signer that checks it.</summary>
internal sealed record OpenLinkRequest(
    [FromServices] FileLinkSigner Signer,
    [FromServices] PracticeStore Practices,
    [FromServices] PracticeFileStore Files,
    [FromServices] ExportStore Exports,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>Signed links (see <see cref="FileLinkSigner"/>): asked for signed in, opened without a token.</summary>
internal static class FileLinkEndpoints
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapPost("/municipalities/{municipalityId}/practices/{practiceId}/files/{fileId}/link", FileLinkAsync)
            .WithName("PracticeFileLink").WithTags("Банк практик").WithSummary("Ссылка на файл на 2 часа (для видеоплеера и просмотра PDF)")
            .ProducesProblems(403, 404);
        api.MapPost("/municipalities/{municipalityId}/practice-exports/{jobId}/link", ExportLinkAsync)
            .WithName("PracticeExportLink").WithTags("Банк практик").WithSummary("Ссылка на готовый архив на 2 часа")
            .ProducesProblems(403, 404, 409);
        app.MapMethods("/api/links/{token}", [HttpMethods.Get, HttpMethods.Head], OpenAsync)
            .WithName("OpenLink").WithTags("Банк практик").WithSummary("Файл или архив по подписанной ссылке").AllowAnonymous()
            .ProducesProblems(404);
    }

    public static async Task<Results<Ok<FileLink>, ProblemHttpResult>> FileLinkAsync(
        string municipalityId, string practiceId, string fileId, [AsParameters] FileLinkRequest r)
    {
        if (!(await r.Scope.PracticeAsync(r.Practices, r.User, municipalityId, practiceId, r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        return ctx.Practice.StoredFiles.Any(f => f.Id == fileId)
            ? TypedResults.Ok(await r.Signer.SignAsync("f", municipalityId, practiceId, fileId, r.Ct))
            : Problems.NotFound("Такого файла у практики нет.");
    }

    public static async Task<Results<Ok<FileLink>, ProblemHttpResult>> ExportLinkAsync(string municipalityId, string jobId, [AsParameters] FileLinkRequest r)
    {
        var scoped = await r.Scope.ExportJobAsync(r.Exports, r.User, municipalityId, jobId, "Скачивает выгрузку координатор или методист.", r.Ct);
        if (!scoped.TryGet(out var job, out var problem))
        {
            return problem;
        }

        return job.State == "done"
            ? TypedResults.Ok(await r.Signer.SignAsync("x", municipalityId, jobId, null, r.Ct))
            : Problems.Conflict("Архив ещё готовится: дождитесь окончания выгрузки.");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OpenAsync(string token, [AsParameters] OpenLinkRequest r, bool download = false)
    {
        if (await r.Signer.VerifyAsync(token, r.Ct) is not { } link)
        {
            return Problems.NotFound("Ссылка устарела или неверна: откройте файл со страницы практики ещё раз.");
        }

        r.Http.Response.Headers.CacheControl = "private, max-age=600";
        if (link.Kind == "x")
        {
            var job = await r.Exports.GetAsync(link.MunicipalityId, link.Id, r.Ct);
            if (job is not { State: "done" })
            {
                return Problems.NotFound("Такого архива нет.");
            }

            r.Http.Response.Headers.ContentDisposition = DownloadNames.ContentDisposition(inline: false, ExportEndpoints.ArchiveName(job));
            return TypedResults.Stream(await r.Exports.OpenArchiveAsync(job, r.Ct), "application/zip", enableRangeProcessing: true);
        }

        var practice = await r.Practices.GetAsync(link.MunicipalityId, link.Id, r.Ct);
        if (practice?.StoredFiles.FirstOrDefault(f => f.Id == link.FileId) is not { } file)
        {
            return Problems.NotFound("Такого файла больше нет.");
        }

        PracticeFileEndpoints.SandboxUnlessPdf(r.Http, file);

        // Opened inline too, the file keeps its name: the PDF viewer's title and its «Сохранить» use it, not the token.
        r.Http.Response.Headers.ContentDisposition = DownloadNames.ContentDisposition(inline: !download, file.Name);
        return TypedResults.Stream(await r.Files.OpenReadAsync(file, r.Ct), file.ContentType, null, file.UploadedAt,
            new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Id}\""), enableRangeProcessing: true);
    }
}
