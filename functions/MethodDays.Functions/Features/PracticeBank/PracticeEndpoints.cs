using Azure;
using Azure.Storage.Blobs;
using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>Practices: create, edit, submit, review, find, read their files.</summary>
internal static class PracticeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/practices").WithTags("Банк практик");
        group.MapGet("", ListAsync).WithName("ListPractices").WithSummary("Банк практик: поиск по названию, описанию и авторам, фильтры");
        group.MapPost("", CreateAsync).WithName("CreatePractice").WithSummary("Новая практика (черновик)")
            .WithMetadata(new RequestSizeLimitAttribute(96 * 1024));
        group.MapGet("/{practiceId}", GetAsync).WithName("GetPractice").WithSummary("Практика с файлами и историей рассмотрения");
        group.MapPut("/{practiceId}", UpdateAsync).WithName("UpdatePractice").WithSummary("Изменить черновик или возвращённую практику (If-Match)")
            .WithMetadata(new RequestSizeLimitAttribute(96 * 1024));
        group.MapDelete("/{practiceId}", DeleteAsync).WithName("DeletePractice").WithSummary("Удалить черновик");
        group.MapPost("/{practiceId}/submit", SubmitAsync).WithName("SubmitPractice").WithSummary("Отправить на рассмотрение (новая версия)");
        group.MapPost("/{practiceId}/review", ReviewAsync).WithName("ReviewPractice").WithSummary("Рассмотрение: взять, принять в банк или вернуть с комментарием")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024));
        group.MapGet("/{practiceId}/files/{fileId}", FileAsync).WithName("PracticeFile").WithSummary("Файл практики (просмотр в браузере или скачивание)");
        group.MapDelete("/{practiceId}/files/{fileId}", DeleteFileAsync).WithName("DeletePracticeFile").WithSummary("Убрать файл из черновика");
        api.MapGet("/practice-options", () => TypedResults.Ok(new PracticeOptions(
                PracticeRules.Subjects,
                Enum.GetValues<PracticeKind>(),
                new UploadRules(FileRules.Kinds, FileRules.MaxFilesPerPractice, FileRules.MaxBytesPerPractice, FileRules.BlockSize))))
            .WithName("PracticeOptions").WithTags("Банк практик").WithSummary("Предметы, виды практик, какие файлы можно загружать");
    }

    public static async Task<Results<Ok<PracticeList>, ProblemHttpResult>> ListAsync(
        string municipalityId, CurrentUser user, DirectoryStore directory, PracticeStore store, CancellationToken ct,
        string? q = null, string? topic = null, string? subject = null, int? grade = null, PracticeKind? kind = null,
        string? school = null, string? year = null, PracticeState? state = null, int skip = 0, int take = 50)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return Problems.Forbidden("Эти данные относятся к другому муниципалитету.");
        }

        var schools = (await directory.ListSchoolsAsync(municipalityId, ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var terms = PracticeSearch.Terms(q);
        var found = (await store.ListAsync(municipalityId, ct))
            .Where(p => PracticeViews.CanRead(user, p))
            .Where(p => Matches(p, new ExportInput(null, topic, subject, grade, kind, school, year)) && (state is null || p.StateValue == state))
            .Select(p => (Practice: p, Score: PracticeSearch.Score(p, terms)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Practice.UpdatedAt)
            .ToList();
        var page = found.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(x => PracticeViews.Card(x.Practice, schools.GetValueOrDefault(x.Practice.SchoolId, x.Practice.SchoolId)))
            .ToList();
        return TypedResults.Ok(new PracticeList(found.Count, page));
    }

    internal static bool Matches(PracticeEntity p, ExportInput f) =>
        (f.TopicWeek is null || p.TopicWeek == f.TopicWeek)
        && (f.Subject is null || p.Subject == f.Subject)
        && (f.Grade is null || PracticeViews.Grades(p).Contains(f.Grade.Value))
        && (f.Kind is null || PracticeViews.Kind(p) == f.Kind)
        && (f.SchoolId is null || p.SchoolId == f.SchoolId)
        && (f.SchoolYear is null || p.SchoolYear == f.SchoolYear);

    public static async Task<Results<Created<PracticeView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string municipalityId, PracticeInput input, CurrentUser user, DirectoryStore directory, PracticeStore store, CycleStore cycle,
        SheetTemplates templates, TimeProvider time, CancellationToken ct, [FromQuery] string? schoolId = null)
    {
        if (user.MunicipalityId != municipalityId || user.Role is not (Role.Teacher or Role.SchoolAdmin))
        {
            return Problems.Forbidden("Практики добавляют педагоги и администрации школ.");
        }

        var school = schoolId ?? user.Member.SchoolIds.FirstOrDefault();
        if (school is null || !user.Member.SchoolIds.Contains(school))
        {
            return Problems.Forbidden("Практику можно добавить только от своей школы.");
        }

        var errors = new FieldErrors();
        var checkedInput = await PracticeRules.CheckAsync(input, municipalityId, cycle, templates, errors, ct);
        if (checkedInput is null)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        var practice = new PracticeEntity
        {
            PartitionKey = municipalityId,
            RowKey = PracticeStore.PracticeKey(Guid.NewGuid().ToString("n")[..12]),
            SchoolId = school,
            State = nameof(PracticeState.Draft),
            SchoolYear = PracticeViews.SchoolYear(DateOnly.FromDateTime(LocalTime.Now(time, municipality!.TimeZone).DateTime)),
            CreatedById = user.PersonId,
            CreatedByName = user.Member.DisplayName,
            UpdatedAt = now,
        };
        PracticeRules.Apply(checkedInput, practice);
        var created = PracticeStore.Event(municipalityId, practice.Id, now, user.Member.DisplayName, "created", null, 0);
        await store.AddAsync(practice, created, ct);
        var view = PracticeViews.View(practice, await SchoolNameAsync(directory, practice, ct), [created], user);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/practices/{practice.Id}", view);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> GetAsync(
        string municipalityId, string practiceId, CurrentUser user, DirectoryStore directory, PracticeStore store, HttpContext http, CancellationToken ct)
    {
        var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        http.Response.Headers.ETag = practice!.ETag.ToString();
        return TypedResults.Ok(PracticeViews.View(practice, await SchoolNameAsync(directory, practice, ct), await store.HistoryAsync(municipalityId, practiceId, ct), user));
    }

    public static async Task<Results<Ok<PracticeView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string municipalityId, string practiceId, PracticeInput input, CurrentUser user, DirectoryStore directory, PracticeStore store,
        CycleStore cycle, SheetTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!PracticeViews.CanEdit(user, practice!))
        {
            return Problems.Forbidden(practice!.StateValue is PracticeState.Draft or PracticeState.Returned
                ? "Изменить практику может её автор или администрация школы."
                : "Практика на рассмотрении или уже в банке: изменить её нельзя.");
        }

        if (IfMatch(http) is not { } ifMatch)
        {
            return Problems.PreconditionRequired("Передайте версию записи (заголовок If-Match), чтобы не затереть чужие правки.");
        }

        var errors = new FieldErrors();
        var checkedInput = await PracticeRules.CheckAsync(input, municipalityId, cycle, templates, errors, ct);
        if (checkedInput is null)
        {
            return errors.ToProblem();
        }

        PracticeRules.Apply(checkedInput, practice!);
        practice!.UpdatedAt = time.GetUtcNow();
        if (!await store.UpdateAsync(practice, ifMatch, null, snapshot: false, ct))
        {
            return Problems.Conflict("Практику уже изменил кто-то другой. Обновите страницу: ваши правки сохранены в форме.");
        }

        http.Response.Headers.ETag = practice.ETag.ToString();
        return TypedResults.Ok(PracticeViews.View(practice, await SchoolNameAsync(directory, practice, ct), await store.HistoryAsync(municipalityId, practiceId, ct), user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string municipalityId, string practiceId, CurrentUser user, PracticeStore store, BlobServiceClient blobs, StorageNames names, CancellationToken ct)
    {
        var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!PracticeViews.CanEdit(user, practice!) || practice!.Version > 0)
        {
            return Problems.Forbidden("Удалить можно только свой черновик, который ещё не отправлялся на рассмотрение.");
        }

        await store.DeleteAsync(municipalityId, practiceId, ct);
        var container = blobs.GetBlobContainerClient(names.Container(PracticeBankModule.FilesContainer));
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{municipalityId}/{practiceId}/", ct))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PracticeView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string municipalityId, string practiceId, CurrentUser user, DirectoryStore directory, PracticeStore store, Notifier notifier,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!PracticeViews.CanEdit(user, practice!))
        {
            return Problems.Forbidden("Отправить практику может её автор или администрация школы, пока она черновик или возвращена.");
        }

        var ifMatch = IfMatch(http) ?? practice!.ETag;
        if (practice!.StoredFiles.Count == 0 && PracticeViews.Read<List<PracticeLink>>(practice.Links).Count == 0)
        {
            return Problems.Invalid("files", "Приложите хотя бы один файл или ссылку (например, на видеоурок).");
        }

        var now = time.GetUtcNow();
        var action = practice.StateValue == PracticeState.Returned ? "resubmitted" : "submitted";
        practice.State = nameof(PracticeState.Submitted);
        practice.Version++;
        practice.UpdatedAt = now;
        if (!await store.UpdateAsync(practice, ifMatch, PracticeStore.Event(municipalityId, practiceId, now, user.Member.DisplayName, action, null, practice.Version), snapshot: true, ct))
        {
            return Problems.Conflict("Практику уже изменил кто-то другой. Обновите страницу и отправьте ещё раз.");
        }

        // Reviewers learn of it in their feed (and e-mail, if they want).
        var reviewers = (await directory.ListMembersAsync(municipalityId, ct)).Where(m => m.Active && m.Role is Role.Methodist or Role.Coordinator).ToList();
        await notifier.EnqueueAsync([.. reviewers.Select(r => new NotificationMessage(
            NotificationMessage.IdFor(municipalityId, $"practice|{practiceId}|v{practice.Version}|submitted", r.PersonId), municipalityId, r.PersonId,
            NotificationKind.Review, $"На рассмотрение: «{practice.Title}»",
            $"{practice.CreatedByName} отправил(а) практику «{practice.Title}» в банк практик (версия {practice.Version}).", $"/#/practice/{practiceId}", now))], ct);
        http.Response.Headers.ETag = practice.ETag.ToString();
        return TypedResults.Ok(PracticeViews.View(practice, await SchoolNameAsync(directory, practice, ct), await store.HistoryAsync(municipalityId, practiceId, ct), user));
    }

    public static async Task<Results<Ok<PracticeView>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        string municipalityId, string practiceId, ReviewInput input, CurrentUser user, DirectoryStore directory, PracticeStore store, Notifier notifier,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!PracticeViews.CanReview(user, municipalityId))
        {
            return Problems.Forbidden("Практики рассматривают методисты и муниципальный координатор.");
        }

        var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var comment = input.Comment?.Trim();
        var state = practice!.StateValue;
        PracticeState? next = (input.Action, state) switch
        {
            ("start", PracticeState.Submitted) => PracticeState.InReview,
            ("accept", PracticeState.Submitted or PracticeState.InReview) => PracticeState.Accepted,
            ("return", PracticeState.Submitted or PracticeState.InReview) => PracticeState.Returned,
            _ => null,
        };
        if (input.Action is not ("start" or "accept" or "return"))
        {
            return Problems.Invalid("action", "Действие: start (взять на рассмотрение), accept (принять в банк) или return (вернуть с комментарием).");
        }

        if (next is null)
        {
            return Problems.Conflict($"Практика сейчас в состоянии «{StateTitle(state)}»: это действие к ней не применяется.");
        }

        if (next == PracticeState.Returned && string.IsNullOrWhiteSpace(comment))
        {
            return Problems.Invalid("comment", "Напишите автору, что доработать: без комментария вернуть практику нельзя.");
        }

        if (comment?.Length > 4000)
        {
            return Problems.Invalid("comment", "Комментарий: не больше 4000 символов.");
        }

        var now = time.GetUtcNow();
        var ifMatch = IfMatch(http) ?? practice.ETag;
        practice.State = next.Value.ToString();
        practice.UpdatedAt = now;
        var action = next switch { PracticeState.InReview => "review-started", PracticeState.Accepted => "accepted", _ => "returned" };
        if (!await store.UpdateAsync(practice, ifMatch, PracticeStore.Event(municipalityId, practiceId, now, user.Member.DisplayName, action, comment, practice.Version), snapshot: false, ct))
        {
            return Problems.Conflict("Практику только что рассмотрел кто-то другой. Обновите страницу.");
        }

        var (subject, text) = next switch
        {
            PracticeState.InReview => ($"Практика «{practice.Title}» на рассмотрении", $"{user.Member.DisplayName} начал(а) рассматривать вашу практику."),
            PracticeState.Accepted => ($"Практика «{practice.Title}» принята в банк", "Ваша практика принята в муниципальный банк лучших практик." + (comment is { Length: > 0 } ? $" Комментарий: {comment}" : "")),
            _ => ($"Практика «{practice.Title}» возвращена на доработку", $"Комментарий: {comment}"),
        };
        await notifier.EnqueueAsync([new NotificationMessage(
            NotificationMessage.IdFor(municipalityId, $"practice|{practiceId}|v{practice.Version}|{action}", practice.CreatedById), municipalityId, practice.CreatedById,
            NotificationKind.Review, subject, text, $"/#/practice/{practiceId}", now)], ct);
        http.Response.Headers.ETag = practice.ETag.ToString();
        return TypedResults.Ok(PracticeViews.View(practice, await SchoolNameAsync(directory, practice, ct), await store.HistoryAsync(municipalityId, practiceId, ct), user));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> FileAsync(
        string municipalityId, string practiceId, string fileId, CurrentUser user, PracticeStore store, BlobServiceClient blobs, StorageNames names,
        HttpContext http, CancellationToken ct, bool download = false)
    {
        var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var file = practice!.StoredFiles.FirstOrDefault(f => f.Id == fileId);
        if (file is null)
        {
            return Problems.NotFound("Такого файла у практики нет.");
        }

        var blob = blobs.GetBlobContainerClient(names.Container(PracticeBankModule.FilesContainer)).GetBlobClient(file.BlobName);
        // Streamed from Blob Storage with range support, so a video seeks without downloading whole.
        var stream = await blob.OpenReadAsync(new Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false) { BufferSize = 1024 * 1024 }, ct);
        SandboxUnlessPdf(http, file);
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Stream(stream, file.ContentType, download ? file.Name : null, file.UploadedAt, new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Id}\""), enableRangeProcessing: true);
    }

    public static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> DeleteFileAsync(
        string municipalityId, string practiceId, string fileId, CurrentUser user, DirectoryStore directory, PracticeStore store,
        BlobServiceClient blobs, StorageNames names, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (practice, problem) = await LoadAsync(store, user, municipalityId, practiceId, ct);
            if (problem is not null)
            {
                return problem;
            }

            if (!PracticeViews.CanEdit(user, practice!))
            {
                return Problems.Forbidden("Убрать файл можно из своего черновика или возвращённой практики.");
            }

            var files = practice!.StoredFiles;
            var file = files.FirstOrDefault(f => f.Id == fileId);
            if (file is null)
            {
                return Problems.NotFound("Такого файла у практики нет.");
            }

            files.Remove(file);
            practice.StoredFiles = files;
            var now = time.GetUtcNow();
            if (await store.UpdateAsync(practice, practice.ETag, PracticeStore.Event(municipalityId, practiceId, now, user.Member.DisplayName, "file-removed", file.Name, practice.Version), snapshot: false, ct))
            {
                // Earlier versions keep their snapshot of the file list; the bytes go only if no version refers to them.
                if (practice.Version == 0)
                {
                    await blobs.GetBlobContainerClient(names.Container(PracticeBankModule.FilesContainer)).DeleteBlobIfExistsAsync(file.BlobName, cancellationToken: ct);
                }

                return TypedResults.Ok(PracticeViews.View(practice, await SchoolNameAsync(directory, practice, ct), await store.HistoryAsync(municipalityId, practiceId, ct), user));
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

    internal static async Task<(PracticeEntity? Practice, ProblemHttpResult? Problem)> LoadAsync(PracticeStore store, CurrentUser user, string municipalityId, string practiceId, CancellationToken ct)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return (null, Problems.Forbidden("Эти данные относятся к другому муниципалитету."));
        }

        var practice = practiceId.Length is > 0 and <= 40 ? await store.GetAsync(municipalityId, practiceId, ct) : null;
        if (practice is null)
        {
            return (null, Problems.NotFound("Такой практики нет."));
        }

        return PracticeViews.CanRead(user, practice) ? (practice, null) : (null, Problems.Forbidden("Эта практика ещё не в банке: её видят школа, куратор и методисты."));
    }

    internal static async Task<string> SchoolNameAsync(DirectoryStore directory, PracticeEntity p, CancellationToken ct) =>
        (await directory.GetSchoolAsync(p.PartitionKey, p.SchoolId, ct))?.ShortName ?? p.SchoolId;

    private static ETag? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : null;

    public static string StateTitle(PracticeState state) => state switch
    {
        PracticeState.Draft => "черновик",
        PracticeState.Submitted => "отправлена",
        PracticeState.InReview => "на рассмотрении",
        PracticeState.Accepted => "в банке",
        _ => "возвращена на доработку",
    };
}
