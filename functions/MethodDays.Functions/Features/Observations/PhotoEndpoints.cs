using MethodDays.Features.PracticeBank;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Observations;

/// <summary>
/// Photos of the board or of exercise books attached to a protocol. The phone compresses each to a JPEG of about
/// 300 KB before sending; the server takes up to 2 MB and checks the content (JPEG, PNG or WebP by their first bytes,
/// the bank's <see cref="FileRules"/>), so a file that is not a picture is refused whatever it is called.
/// </summary>
internal static class PhotoEndpoints
{
    public const long MaxPhotoBytes = 2 * 1024 * 1024;
    public const int MaxPhotosPerProtocol = 30;

    private static readonly (string Extension, string ContentType)[] Images = [(".jpg", "image/jpeg"), (".png", "image/png"), (".webp", "image/webp")];

    public static void Map(RouteGroupBuilder api)
    {
        var photos = api.MapGroup(ProtocolEndpoints.LessonRoute + "/observations/{observerId}/photos/{photoId}").WithTags("Наблюдение уроков");
        photos.MapPut("", UploadAsync).WithName("ObservationPhotoUpload")
            .WithSummary("Загрузить фото (тело — байты JPEG/PNG/WebP, до 2 МБ; ?takenAt= — когда снято); повтор того же фото ничего не меняет")
            .WithMetadata(new RequestSizeLimitAttribute(MaxPhotoBytes + 1024)).ProducesProblems(400, 403, 404, 413);
        photos.MapGet("", DownloadAsync).WithName("ObservationPhoto").WithSummary("Фото протокола").ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<PhotoView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, string photoId, DateTimeOffset? takenAt, [AsParameters] ObservationRequest r)
    {
        // Asked by the observer about their own protocol: its photo list (the one this instance last wrote, else read
        // while access is checked: one round trip less); nothing of it is used or answered unless access is granted.
        var early = observerId == r.User.PersonId && municipalityId == r.User.MunicipalityId && Keys.Valid(schoolId) && Keys.Valid(visitId)
            && Keys.Valid(lessonId) && Keys.Valid(observerId) && Keys.Valid(photoId)
            ? r.Store.PhotosToRecordAgainstAsync(municipalityId, schoolId, visitId, lessonId, observerId, r.Ct) : null;
        try
        {
            return await UploadPhotoAsync(municipalityId, schoolId, visitId, lessonId, observerId, photoId, takenAt, r, () => Interlocked.Exchange(ref early, null));
        }
        finally
        {
            // Read but not used (access refused): its outcome is not the answer's.
            early?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task<Results<Ok<PhotoView>, ValidationProblem, ProblemHttpResult>> UploadPhotoAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, string photoId, DateTimeOffset? takenAt, ObservationRequest r,
        Func<Task<PhotoList>?> earlyList)
    {
        // Only the observer uploads: the teacher's staff record is not read unless it decides access.
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId, withTeacher: false);
        if (ctx is null)
        {
            return problem!;
        }

        if (!ctx.CanEdit(observerId))
        {
            return Problems.Forbidden("Фото к протоколу добавляет только сам наблюдатель этого урока.");
        }

        if (!Keys.Valid(photoId))
        {
            return Problems.Invalid("photoId", "Код фото: латинские буквы, цифры, дефис.");
        }

        var now = r.Time.GetUtcNow();
        var taken = takenAt ?? now;
        (long Bytes, string ContentType, string BlobName)? upload = null;
        // An attempt fails only when another photo of the protocol was recorded since the list was read, so ten
        // attempts see ten photos sent at once through; a phone sends its photos one after another.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // One point read of the protocol's photo list answers both «sent again?» and «how many already?».
            var photos = await (earlyList() ?? r.Store.PhotosAsync(ctx.Lesson, observerId, r.Ct));
            if (photos.Photos.FirstOrDefault(p => p.Id == photoId) is { } existing)
            {
                return TypedResults.Ok(new PhotoView(existing.Id, existing.TakenAt, existing.Bytes));
            }

            if (ProtocolRules.CheckTime(taken, ctx.DayStart, now) is { } reason)
            {
                return Problems.Invalid("takenAt", reason);
            }

            if (photos.Photos.Count >= MaxPhotosPerProtocol)
            {
                return Problems.Invalid("photo", $"К протоколу можно приложить не больше {MaxPhotosPerProtocol} фото.");
            }

            if (upload is null)
            {
                var (bytes, contentType) = await ReadPhotoAsync(r);
                if (bytes is null)
                {
                    return Problems.TooLarge("Фото больше 2 МБ: страница сжимает снимки перед отправкой — обновите её и снимите ещё раз.");
                }

                if (contentType is null)
                {
                    return Problems.Invalid("photo", "Это не фотография: принимаются снимки JPEG, PNG или WebP.");
                }

                // The bytes first, then the record: a record never points at missing bytes.
                var blobName = await r.Store.UploadPhotoAsync(ctx.Lesson, observerId, photoId, bytes, contentType, r.Ct);
                upload = (bytes.ToMemory().Length, contentType, blobName);
            }

            var record = new PhotoEntity
            {
                PhotoId = photoId,
                BlobName = upload.Value.BlobName,
                ContentType = upload.Value.ContentType,
                Bytes = upload.Value.Bytes,
                TakenAt = taken,
                ReceivedAt = now,
            };
            if (await r.Store.RecordPhotoAsync(ctx.Lesson, observerId, record, photos, r.Ct))
            {
                return TypedResults.Ok(new PhotoView(record.PhotoId, record.TakenAt, record.Bytes));
            }

            // The list changed meanwhile (another photo, this one sent twice, another instance's write): read it again
            // and decide again.
        }

        return Problems.Conflict("Фото к этому протоколу сейчас добавляются с другого устройства. Отправьте фото ещё раз.");
    }

    /// <summary>
    /// The request's body, read once into a buffer of the announced size (the blob is uploaded from it, no second
    /// copy): null bytes when over 2 MB, a null content type when it is not a JPEG, PNG or WebP.
    /// </summary>
    private static async Task<(BinaryData? Bytes, string? ContentType)> ReadPhotoAsync(ObservationRequest r)
    {
        var declared = r.Http.Request.ContentLength;
        var buffer = new MemoryStream(declared is > 0 and <= MaxPhotoBytes ? (int)declared : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = await r.Http.Request.Body.ReadAsync(chunk, r.Ct)) > 0)
        {
            if (buffer.Length + read > MaxPhotoBytes)
            {
                return (null, null);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var kind = Images.FirstOrDefault(i => FileRules.CheckSignature(i.Extension, bytes.Span[..Math.Min(bytes.Length, 64)]) is null);
        return (new BinaryData(bytes), bytes.Length == 0 ? null : kind.ContentType);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string municipalityId, string schoolId, string visitId, string lessonId, string observerId, string photoId, [AsParameters] ObservationRequest r)
    {
        var (ctx, problem) = await ObservationAccess.ResolveAsync(r, municipalityId, schoolId, visitId, lessonId);
        if (ctx is null)
        {
            return problem!;
        }

        var protocol = Keys.Valid(observerId) ? await r.Store.GetAsync(ctx.Lesson, observerId, r.Ct) : null;
        if (protocol is not null && !ctx.Sees(protocol))
        {
            return Problems.Forbidden("Протокол станет доступен после того, как руководитель команды его опубликует.");
        }

        var photo = protocol is null && !ctx.CanEdit(observerId) ? null
            : Keys.Valid(photoId) ? await r.Store.PhotoAsync(ctx.Lesson, observerId, photoId, r.Ct) : null;
        if (photo is null)
        {
            return Problems.NotFound("Такого фото нет.");
        }

        r.Http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(await r.Store.OpenPhotoAsync(photo, r.Ct), photo.ContentType);
    }
}
