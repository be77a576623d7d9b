using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.PracticeBank;

public sealed record FileLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived signed links to a practice file or a finished export. A <c>&lt;video&gt;</c> element or a new tab
/// cannot send the bearer token, so the page asks (signed in, access checked) for a link valid two hours — long
/// enough to watch a lesson video to the end; the link streams with Range support, so a video plays and seeks
/// without downloading whole. The signing key is
/// random, kept in table <c>settings</c> so every instance shares it.
/// </summary>
public sealed class FileLinkSigner(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    public const string SettingsTable = "settings";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private byte[]? _key;

    public async Task<FileLink> SignAsync(string kind, string municipalityId, string id, string? fileId, CancellationToken ct)
    {
        var key = await KeyAsync(ct);
        var expires = time.GetUtcNow().Add(Lifetime);
        var payload = Encoding.UTF8.GetBytes($"{kind}|{municipalityId}|{id}|{fileId}|{expires.ToUnixTimeSeconds()}");
        var token = $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(key, payload))}";
        return new FileLink($"/api/links/{token}", expires);
    }

    /// <summary>The link's parts when its signature holds and it has not expired; null otherwise.</summary>
    public async Task<(string Kind, string MunicipalityId, string Id, string FileId)?> VerifyAsync(string token, CancellationToken ct)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 1024)
        {
            return null;
        }

        var key = await KeyAsync(ct);
        try
        {
            var payload = FromBase64Url(token[..dot]);
            var signature = FromBase64Url(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
            {
                return null;
            }

            var parts = Encoding.UTF8.GetString(payload).Split('|');
            if (parts.Length != 5 || !long.TryParse(parts[4], out var expires) || DateTimeOffset.FromUnixTimeSeconds(expires) < time.GetUtcNow())
            {
                return null;
            }

            return (parts[0], parts[1], parts[2], parts[3]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null)
        {
            return _key;
        }

        var table = tables.Table(names, SettingsTable);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>("keys", "file-links", cancellationToken: ct);
        if (!existing.HasValue)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity("keys", "file-links") { ["Key"] = RandomNumberGenerator.GetBytes(32) }, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another instance made it first: use theirs.
            }

            existing = await table.GetEntityIfExistsAsync<TableEntity>("keys", "file-links", cancellationToken: ct);
        }

        return _key = existing.Value!.GetBinary("Key");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}

internal static class FileLinkEndpoints
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapPost("/municipalities/{municipalityId}/practices/{practiceId}/files/{fileId}/link", FileLinkAsync)
            .WithName("PracticeFileLink").WithTags("Банк практик").WithSummary("Ссылка на файл на 2 часа (для видеоплеера и просмотра PDF)");
        api.MapPost("/municipalities/{municipalityId}/practice-exports/{jobId}/link", ExportLinkAsync)
            .WithName("PracticeExportLink").WithTags("Банк практик").WithSummary("Ссылка на готовый архив на 2 часа");
        app.MapMethods("/api/links/{token}", [HttpMethods.Get, HttpMethods.Head], OpenAsync)
            .WithName("OpenLink").WithTags("Банк практик").WithSummary("Файл или архив по подписанной ссылке").AllowAnonymous();
    }

    public static async Task<Results<Ok<FileLink>, ProblemHttpResult>> FileLinkAsync(
        string municipalityId, string practiceId, string fileId, CurrentUser user, PracticeStore store, FileLinkSigner signer, CancellationToken ct)
    {
        var (practice, problem) = await PracticeEndpoints.LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        return practice!.StoredFiles.Any(f => f.Id == fileId)
            ? TypedResults.Ok(await signer.SignAsync("f", municipalityId, practiceId, fileId, ct))
            : Problems.NotFound("Такого файла у практики нет.");
    }

    public static async Task<Results<Ok<FileLink>, ProblemHttpResult>> ExportLinkAsync(
        string municipalityId, string jobId, CurrentUser user, PracticeStore store, FileLinkSigner signer, CancellationToken ct)
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

        return job.State == "done"
            ? TypedResults.Ok(await signer.SignAsync("x", municipalityId, jobId, null, ct))
            : Problems.Conflict("Архив ещё готовится: дождитесь окончания выгрузки.");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OpenAsync(
        string token, FileLinkSigner signer, PracticeStore store, BlobServiceClient blobs, StorageNames names, HttpContext http, CancellationToken ct, bool download = false)
    {
        if (await signer.VerifyAsync(token, ct) is not { } link)
        {
            return Problems.NotFound("Ссылка устарела или неверна: откройте файл со страницы практики ещё раз.");
        }

        http.Response.Headers.CacheControl = "private, max-age=600";
        var options = new Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false) { BufferSize = 1024 * 1024 };
        if (link.Kind == "x")
        {
            var job = await store.GetExportAsync(link.MunicipalityId, link.Id, ct);
            if (job is not { State: "done" })
            {
                return Problems.NotFound("Такого архива нет.");
            }

            var zip = await blobs.GetBlobContainerClient(names.Container(PracticeBankModule.ExportsContainer)).GetBlobClient(job.BlobName).OpenReadAsync(options, ct);
            return TypedResults.Stream(zip, "application/zip", $"Банк практик {job.PartitionKey} {job.CreatedAt:yyyy-MM-dd}.zip", enableRangeProcessing: true);
        }

        var practice = await store.GetAsync(link.MunicipalityId, link.Id, ct);
        var file = practice?.StoredFiles.FirstOrDefault(f => f.Id == link.FileId);
        if (file is null)
        {
            return Problems.NotFound("Такого файла больше нет.");
        }

        PracticeEndpoints.SandboxUnlessPdf(http, file);
        var stream = await blobs.GetBlobContainerClient(names.Container(PracticeBankModule.FilesContainer)).GetBlobClient(file.BlobName).OpenReadAsync(options, ct);
        return TypedResults.Stream(stream, file.ContentType, download ? file.Name : null, file.UploadedAt,
            new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Id}\""), enableRangeProcessing: true);
    }
}
