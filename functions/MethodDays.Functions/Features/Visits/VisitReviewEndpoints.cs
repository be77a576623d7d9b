using Azure;
using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Staff;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>The dependencies of the review handlers, bound with <c>[AsParameters]</c> (services marked).</summary>
internal sealed record VisitReviewRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] VisitStore Visits,
    [FromServices] VisitReviewStore Store,
    [FromServices] DirectoryStore Directory,
    [FromServices] StaffStore Staff,
    [FromServices] PracticeStore Practices,
    [FromServices] Notifier Notifier,
    [FromServices] SchoolNotices SchoolNotices,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>
/// Who may do what with a visit's review (the visit itself is seen as <see cref="VisitAccess"/> says):
/// <list type="bullet">
/// <item>write the findings, the experience and the interview: the team and the coordinator and methodists;</item>
/// <item>give verdicts on documents: the team's document expert and leader, the coordinator and methodists;</item>
/// <item>upload documents: the visited school's administration, the team, the coordinator and methodists;</item>
/// <item>read: the above; the school's administration and its curator see the checklist and the files at once and the
/// verdicts, findings, experience and interview from the day after the visit (municipality's time);</item>
/// <item>another school, a teacher who is not on the team, another municipality: nothing.</item>
/// </list>
/// </summary>
internal sealed record ReviewContext(Municipality Municipality, School? School, VisitEntity Visit, bool Edit, bool Judge, bool Upload, bool FindingsVisible, DateOnly FindingsFrom)
{
    public bool Cancelled => Visit.Status == VisitRules.Cancelled;
}

/// <summary>
/// The review of a visit (seed 000): the documents the school provides with the experts' verdicts, the findings of the
/// five directions, experience worth spreading (turned into an invitation to the bank of practices) and the interview
/// with the administration. Each part is saved on its own with its ETag: a stale save is a 409 with the part as it now
/// is, and nothing is lost.
/// </summary>
internal static class VisitReviewEndpoints
{
    private const string Tag = "Посещения школ: экспертиза и собеседование";
    private const long MaxBodyBytes = 64 * 1024;
    public const string Route = "/municipalities/{municipalityId}/visits/{visitId}/review";

    public static void Map(RouteGroupBuilder api)
    {
        var review = api.MapGroup(Route).WithTags(Tag);
        review.MapGet("", GetAsync).WithName("VisitReview")
            .WithSummary("Экспертиза документов, анализ направлений, опыт, собеседование; школа до дня после посещения видит только перечень документов")
            .ProducesProblems(403, 404);
        review.MapGet("/revisions", RevisionsAsync).WithName("VisitReviewRevisions").WithSummary("Прежние тексты, которые переписали (команда, координатор, методисты)")
            .ProducesProblems(403, 404);
        review.MapPut("/documents/{documentCode}", SaveDocumentAsync).WithName("VisitReviewDocument")
            .WithSummary("Заключение по документу (meets, partly, fails) и замечания; If-Match — ETag документа (без него — первое заключение)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409);
        review.MapGet("/documents/{documentCode}/files/{fileId}", DownloadAsync).WithName("VisitReviewFile").WithSummary("Файл документа").ProducesProblems(403, 404);
        review.MapDelete("/documents/{documentCode}/files/{fileId}", DeleteAsync).WithName("VisitReviewFileDelete").WithSummary("Убрать файл документа")
            .ProducesProblems(403, 404, 409);
        review.MapPut("/directions/{directionCode}", SaveDirectionAsync).WithName("VisitReviewDirection")
            .WithSummary("Сильные стороны и проблемы направления; If-Match — ETag направления")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409);
        review.MapPut("/interview", SaveInterviewAsync).WithName("VisitReviewInterview")
            .WithSummary("Собеседование: дата, участники, проблемные направления, договорённости; If-Match — ETag собеседования")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409);
        review.MapPost("/experience", AddExperienceAsync).WithName("VisitReviewExperienceAdd").WithSummary("Опыт, достойный распространения (педагога или школы)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409);
        review.MapPut("/experience/{experienceId}", SaveExperienceAsync).WithName("VisitReviewExperience").WithSummary("Изменить описание опыта; If-Match — его ETag")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409);
        review.MapPost("/experience/{experienceId}/invitation", InviteAsync).WithName("VisitReviewInvite")
            .WithSummary("Пригласить педагога (или администрацию школы) представить опыт в банк практик; повтор ничего не меняет")
            .ProducesProblems(403, 404, 409);
        review.MapPost("/experience/{experienceId}/practice", LinkPracticeAsync).WithName("VisitReviewPracticeLink")
            .WithSummary("Практика, поданная в ответ на приглашение (приглашённый педагог или администрация школы)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404);
        VisitReviewUploads.Map(review);
    }

    // ---- access

    internal static async Task<(ReviewContext? Context, ProblemHttpResult? Problem)> ResolveAsync(VisitReviewRequest r, string municipalityId, string visitId)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out var ctx, out var problem))
        {
            return (null, problem);
        }

        var visit = VisitRules.IsKey(visitId) ? await r.Visits.GetVisitAsync(municipalityId, visitId, r.Ct) : null;
        if (visit is null || !r.User.CanSeeVisit(municipalityId, visit))
        {
            return (null, Problems.NotFound("Такого посещения нет (или оно не относится к вам)."));
        }

        var user = r.User;
        var edit = user.IsMunicipalityWide || visit.HasOnTeam(user.PersonId);
        var judge = user.IsMunicipalityWide || visit.TeamList.Any(t => t.PersonId == user.PersonId && t.Role is "documents" or "leader");
        var upload = edit || user.CanWriteSchoolSheets(municipalityId, visit.SchoolId);
        var from = DateOnly.ParseExact(visit.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
        var today = DateOnly.FromDateTime(LocalTime.Now(r.Time, ctx.Municipality.TimeZone).DateTime);
        var school = await r.Directory.GetSchoolAsync(municipalityId, visit.SchoolId, r.Ct);
        return (new ReviewContext(ctx.Municipality, school, visit, edit, judge, upload, edit || today >= from, from), null);
    }

    internal static ProblemHttpResult? CannotWrite(ReviewContext c, bool allowed, string who) =>
        !allowed ? Problems.Forbidden(who)
        : c.Cancelled ? Problems.Conflict("Посещение отменено: его экспертизу больше не меняют.")
        : null;

    /// <summary>The ETag the page read the part with; none (or «*») means it saw no saved part.</summary>
    private static ETag? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } t && t != "*" ? new ETag(t) : null;

    private static T Answer<T>(VisitReviewRequest r, T view, ETag etag)
    {
        r.Http.Response.Headers.CacheControl = "no-store";
        r.Http.Response.Headers.ETag = etag.ToString();
        return view;
    }

    // ---- the whole review

    public static async Task<Results<Ok<VisitReviewView>, ProblemHttpResult>> GetAsync(string municipalityId, string visitId, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        var record = await r.Store.GetAsync(municipalityId, visitId, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await ViewAsync(r, c, record));
    }

    private static async Task<VisitReviewView> ViewAsync(VisitReviewRequest r, ReviewContext c, VisitReviewRecord record)
    {
        var v = c.Visit;
        var full = c.FindingsVisible;
        var planned = v.DirectionList;
        var documents = record.Documents.Select(d => DocumentView(d, full)).ToList();
        var directions = full ? record.Directions.Select(d => DirectionView(d, planned.Contains(d.Code))).ToList() : [];
        var experience = new List<ReviewExperienceView>();
        if (full)
        {
            foreach (var e in record.Experience)
            {
                var practice = e.PracticeId is { } id ? await r.Practices.GetAsync(v.PartitionKey, id, r.Ct) : null;
                experience.Add(ExperienceView(e, practice?.Title));
            }
        }

        var teachers = c.Edit
            ? (await r.Staff.ListAsync(v.PartitionKey, v.SchoolId, r.Ct)).Where(t => t.Active).OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => new ReviewTeacher(t.TeacherId, t.FullName, t.PersonId is not null)).ToList()
            : [];
        return new VisitReviewView(v.VisitId, v.SchoolId, c.School?.ShortName ?? v.SchoolId, v.Date, v.Status,
            new ReviewPermissions(c.Upload && !c.Cancelled, c.Judge && !c.Cancelled, c.Edit && !c.Cancelled), full, VisitRules.Iso(c.FindingsFrom),
            documents, directions, experience, full && record.Interview is { } i ? InterviewView(i) : null,
            VisitReviewRules.Verdicts, VisitRules.Directions, teachers, VisitReviewRules.Extensions, VisitReviewRules.MaxFileBytes);
    }

    private static ReviewDocumentView DocumentView(ReviewDocumentRecord d, bool full) =>
        new(d.Code, d.Title, d.Group, d.Provided, d.ProvidedOnSite,
            [.. d.Files.Select(f => new ReviewFileView(f.Id, f.Name, f.Size, f.ContentType, f.UploadedByName, f.UploadedAt))],
            full ? d.Verdict : null, full ? d.VerdictLabel : null, full ? d.Remarks : "", full ? d.JudgedByName : null, full ? d.JudgedAt : null, d.ETag);

    private static ReviewDirectionView DirectionView(ReviewDirectionRecord d, bool planned) =>
        new(d.Code, d.Label, planned, d.Strengths, d.Problems, d.UpdatedByName, d.UpdatedAt, d.ETag);

    private static ReviewExperienceView ExperienceView(ReviewExperienceRecord e, string? practiceTitle) =>
        new(e.Id, e.Kind, VisitReviewRules.ExperienceKinds.First(k => k.Code == e.Kind || k.Code == "school").Label, e.TeacherId, e.Name, e.Description,
            e.InvitedAt, e.InvitedByName, e.PracticeId, practiceTitle, e.UpdatedByName, e.ETag);

    private static ReviewInterviewView InterviewView(ReviewInterviewRecord i) =>
        new(i.Date, i.Participants, [.. i.ProblemDirections.Select(d => VisitReviewRules.Direction(d) ?? new Choice(d, d))], i.Agreements, i.UpdatedByName, i.UpdatedAt, i.ETag);

    public static async Task<Results<Ok<IReadOnlyList<ReviewRevisionView>>, ProblemHttpResult>> RevisionsAsync(string municipalityId, string visitId, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (!c.Edit)
        {
            return Problems.Forbidden("Прежние тексты экспертизы видят команда посещения, координатор и методисты.");
        }

        var list = (await r.Store.RevisionsAsync(municipalityId, visitId, r.Ct))
            .Select(x => new ReviewRevisionView(x.Code, x.Content ?? "", x.UpdatedByName, x.UpdatedAt, x.ReplacedByName ?? "", x.ReplacedAt ?? x.UpdatedAt)).ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok<IReadOnlyList<ReviewRevisionView>>(list);
    }

    // ---- saving a part

    /// <summary>
    /// Writes one part over the ETag the page read it with (none: the page saw no saved part). A save that lost the
    /// race is a 409 with the part as it now is — unless it is the same text from the same person sent again.
    /// <paramref name="stored"/>: the part as the handler has already read it (then it is not read again).
    /// </summary>
    private static async Task<(ReviewRowEntity? Saved, ProblemHttpResult? Problem)> WriteAsync(
        VisitReviewRequest r, ReviewRowEntity row, Func<ReviewRowEntity, Task<object>> view, string what, ReviewRowEntity? stored = null)
    {
        var ifMatch = IfMatch(r.Http);
        var before = stored ?? await r.Store.RowAsync(row.PartitionKey, row.RowKey, r.Ct);
        var now = r.Time.GetUtcNow();
        row.UpdatedById = r.User.PersonId;
        row.UpdatedByName = r.User.Member.DisplayName;
        row.UpdatedAt = now;
        row.CreatedAt = before?.CreatedAt is { } created && created != default ? created : now;
        if (before is not null && (ifMatch is null || before.ETag != ifMatch.Value) && before.Text == row.Text && before.UpdatedById == r.User.PersonId)
        {
            // The same text sent again (the answer to the first was lost): nothing to write.
            return (before, null);
        }

        if (await r.Store.SaveAsync(row, ifMatch, before, r.Ct))
        {
            return (row, null);
        }

        var current = await r.Store.RowAsync(row.PartitionKey, row.RowKey, r.Ct);
        return (null, Problems.Conflict(
            current is null
                ? $"{what}: сохранённой версии нет, а страница прислала ETag. Обновите страницу: ваш текст останется на ней."
                : $"{what} уже изменил(а) {current.UpdatedByName}. Ваш текст не сохранён: сравните его с текущей версией и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = current is null ? null : await view(current) }));
    }

    public static async Task<Results<Ok<ReviewDocumentView>, ValidationProblem, ProblemHttpResult>> SaveDocumentAsync(
        string municipalityId, string visitId, string documentCode, ReviewDocumentInput input, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (CannotWrite(c, c.Judge, "Заключения по документам дают эксперт по документам и руководитель группы, координатор и методисты.") is { } refused)
        {
            return refused;
        }

        if (VisitReviewRules.Document(documentCode) is not { } kind)
        {
            return Problems.Invalid("documentCode", $"Такого документа в перечне нет. Документы: {string.Join("; ", VisitReviewRules.Documents.Select(d => $"{d.Code} («{d.Title}»)"))}.");
        }

        var errors = new FieldErrors();
        if (VisitReviewRules.CheckDocument(input, errors) is not { } f)
        {
            return errors.ToProblem();
        }

        var row = new ReviewRowEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitReviewStore.Key(visitId, VisitReviewStore.DocumentKind, kind.Code),
            Kind = VisitReviewStore.DocumentKind,
            Code = kind.Code,
            Verdict = f.Verdict,
            Remarks = f.Remarks,
            ProvidedOnSite = f.ProvidedOnSite,
        };
        async Task<ReviewDocumentView> ViewOf(ReviewRowEntity x) =>
            DocumentView((await r.Store.GetAsync(municipalityId, visitId, r.Ct)).Documents.First(d => d.Code == x.Code) with { ETag = x.ETag.ToString() }, true);
        var (saved, conflict) = await WriteAsync(r, row, async x => await ViewOf(x), $"Заключение по документу «{kind.Title}»");
        if (saved is null)
        {
            return conflict!;
        }

        return TypedResults.Ok(Answer(r, await ViewOf(saved), saved.ETag));
    }

    public static async Task<Results<Ok<ReviewDirectionView>, ValidationProblem, ProblemHttpResult>> SaveDirectionAsync(
        string municipalityId, string visitId, string directionCode, ReviewDirectionInput input, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (CannotWrite(c, c.Edit, "Анализ направлений пишут команда посещения, координатор и методисты.") is { } refused)
        {
            return refused;
        }

        if (VisitReviewRules.Direction(directionCode) is not { } direction)
        {
            return Problems.Invalid("directionCode", $"Такого направления нет. Направления: {string.Join("; ", VisitRules.Directions.Select(x => $"{x.Code} ({x.Label})"))}.");
        }

        var errors = new FieldErrors();
        if (VisitReviewRules.CheckDirection(input, errors) is not { } f)
        {
            return errors.ToProblem();
        }

        var row = new ReviewRowEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitReviewStore.Key(visitId, VisitReviewStore.DirectionKind, direction.Code),
            Kind = VisitReviewStore.DirectionKind,
            Code = direction.Code,
            Strengths = f.Strengths,
            Problems = f.Problems,
        };
        ReviewDirectionView ViewOf(ReviewRowEntity x) =>
            DirectionView(new ReviewDirectionRecord(x.Code, direction.Label, x.Strengths ?? "", x.Problems ?? "", x.UpdatedByName, x.UpdatedAt, x.ETag.ToString()), c.Visit.DirectionList.Contains(x.Code));
        var (saved, conflict) = await WriteAsync(r, row, x => Task.FromResult<object>(ViewOf(x)), $"Анализ направления «{direction.Label}»");
        return saved is null ? conflict! : TypedResults.Ok(Answer(r, ViewOf(saved), saved.ETag));
    }

    public static async Task<Results<Ok<ReviewInterviewView>, ValidationProblem, ProblemHttpResult>> SaveInterviewAsync(
        string municipalityId, string visitId, ReviewInterviewInput input, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (CannotWrite(c, c.Edit, "Собеседование записывают команда посещения, координатор и методисты.") is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        if (VisitReviewRules.CheckInterview(input, errors) is not { } f)
        {
            return errors.ToProblem();
        }

        var row = new ReviewRowEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitReviewStore.Key(visitId, VisitReviewStore.InterviewKind),
            Kind = VisitReviewStore.InterviewKind,
            Code = "interview",
            Date = f.Date,
            Participants = f.Participants,
            ProblemDirections = Platform.Storage.StoredJson.Write(f.ProblemDirections),
            Agreements = Platform.Storage.StoredJson.Write(f.Agreements),
        };
        ReviewInterviewView ViewOf(ReviewRowEntity x) =>
            InterviewView(new ReviewInterviewRecord(x.Date, x.Participants ?? "", x.ProblemDirectionList, x.AgreementList, x.UpdatedByName, x.UpdatedAt, x.ETag.ToString()));
        var (saved, conflict) = await WriteAsync(r, row, x => Task.FromResult<object>(ViewOf(x)), "Запись собеседования");
        return saved is null ? conflict! : TypedResults.Ok(Answer(r, ViewOf(saved), saved.ETag));
    }

    // ---- experience worth spreading

    private static async Task<(ReviewRowEntity? Row, ValidationProblem? Problem)> CheckExperienceAsync(VisitReviewRequest r, ReviewContext c, ReviewExperienceInput input, ReviewRowEntity row)
    {
        var errors = new FieldErrors();
        var kind = VisitReviewRules.ExperienceKinds.FirstOrDefault(k => k.Code == input.Kind);
        if (kind is null)
        {
            errors.Add("kind", "Чей опыт: teacher (опыт педагога) или school (опыт школы).");
        }

        string? name = null;
        if (kind?.Code == "teacher")
        {
            var staff = await r.Staff.ListAsync(c.Visit.PartitionKey, c.Visit.SchoolId, r.Ct);
            var teacher = staff.FirstOrDefault(t => t.Active && t.TeacherId == input.TeacherId);
            if (teacher is null)
            {
                errors.Add("teacherId", "Выберите педагога из списка педагогов школы.");
            }

            name = teacher?.FullName;
        }
        else if (kind is not null)
        {
            name = c.School?.ShortName ?? c.Visit.SchoolId;
        }

        var description = VisitReviewRules.Text(input.Description);
        if (description is not { Length: >= 5 })
        {
            errors.Add("description", $"Опишите опыт (от 5 до {VisitReviewRules.MaxText} символов, без служебных символов).");
        }

        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        row.ExperienceKind = kind!.Code;
        row.TeacherId = kind.Code == "teacher" ? input.TeacherId : null;
        row.Name = name;
        row.Description = description;
        return (row, null);
    }

    public static async Task<Results<Created<ReviewExperienceView>, ValidationProblem, ProblemHttpResult>> AddExperienceAsync(
        string municipalityId, string visitId, ReviewExperienceInput input, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (CannotWrite(c, c.Edit, "Опыт записывают команда посещения, координатор и методисты.") is { } refused)
        {
            return refused;
        }

        if ((await r.Store.GetAsync(municipalityId, visitId, r.Ct)).Experience.Count >= VisitReviewRules.MaxExperience)
        {
            return Problems.Invalid("experience", $"В одном посещении — не больше {VisitReviewRules.MaxExperience} записей об опыте.");
        }

        var id = VisitRules.NewId();
        var (row, invalid) = await CheckExperienceAsync(r, c, input, new ReviewRowEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitReviewStore.Key(visitId, VisitReviewStore.ExperienceKind, id),
            Kind = VisitReviewStore.ExperienceKind,
            Code = id,
        });
        if (row is null)
        {
            return invalid!;
        }

        var (saved, conflict) = await WriteAsync(r, row, x => Task.FromResult<object>(ExperienceView(Experience(x), null)), "Запись об опыте");
        return saved is null ? conflict! : TypedResults.Created($"/api{Route.Replace("{municipalityId}", municipalityId, StringComparison.Ordinal).Replace("{visitId}", visitId, StringComparison.Ordinal)}/experience/{id}",
            Answer(r, ExperienceView(Experience(saved), null), saved.ETag));
    }

    private static ReviewExperienceRecord Experience(ReviewRowEntity x) =>
        VisitReviewStore.Record(x.PartitionKey, "", [x]).Experience[0];

    public static async Task<Results<Ok<ReviewExperienceView>, ValidationProblem, ProblemHttpResult>> SaveExperienceAsync(
        string municipalityId, string visitId, string experienceId, ReviewExperienceInput input, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (CannotWrite(c, c.Edit, "Опыт записывают команда посещения, координатор и методисты.") is { } refused)
        {
            return refused;
        }

        var existing = VisitRules.IsKey(experienceId) ? await r.Store.RowAsync(municipalityId, VisitReviewStore.Key(visitId, VisitReviewStore.ExperienceKind, experienceId), r.Ct) : null;
        if (existing is null)
        {
            return Problems.NotFound("Такой записи об опыте нет.");
        }

        if (IfMatch(r.Http) is null)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag записи об опыте: так ничьи изменения не потеряются.");
        }

        var copy = Copy(existing);
        var (row, invalid) = await CheckExperienceAsync(r, c, input, copy);
        if (row is null)
        {
            return invalid!;
        }

        var (saved, conflict) = await WriteAsync(r, row, x => Task.FromResult<object>(ExperienceView(Experience(x), null)), "Запись об опыте", existing);
        return saved is null ? conflict! : TypedResults.Ok(Answer(r, ExperienceView(Experience(saved), null), saved.ETag));
    }

    private static ReviewRowEntity Copy(ReviewRowEntity e) => new()
    {
        PartitionKey = e.PartitionKey,
        RowKey = e.RowKey,
        Kind = e.Kind,
        Code = e.Code,
        ExperienceKind = e.ExperienceKind,
        TeacherId = e.TeacherId,
        Name = e.Name,
        Description = e.Description,
        InvitedAt = e.InvitedAt,
        InvitedByName = e.InvitedByName,
        InvitedPersonIds = e.InvitedPersonIds,
        PracticeId = e.PracticeId,
        UpdatedById = e.UpdatedById,
        UpdatedByName = e.UpdatedByName,
        UpdatedAt = e.UpdatedAt,
        CreatedAt = e.CreatedAt,
        ETag = e.ETag,
    };

    /// <summary>
    /// The invitation to submit the experience to the bank: to the teacher (if they have an account), else to the
    /// school's administration; the notice links to the bank's new-practice form, which reports the practice back.
    /// </summary>
    public static async Task<Results<Ok<ReviewExperienceView>, ProblemHttpResult>> InviteAsync(
        string municipalityId, string visitId, string experienceId, [AsParameters] VisitReviewRequest r)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return problem!;
        }

        if (CannotWrite(c, c.Edit, "Пригласить в банк практик могут команда посещения, координатор и методисты.") is { } refused)
        {
            return refused;
        }

        var row = VisitRules.IsKey(experienceId) ? await r.Store.RowAsync(municipalityId, VisitReviewStore.Key(visitId, VisitReviewStore.ExperienceKind, experienceId), r.Ct) : null;
        if (row is null)
        {
            return Problems.NotFound("Такой записи об опыте нет.");
        }

        if (row.InvitedAt is not null)
        {
            return TypedResults.Ok(Answer(r, ExperienceView(Experience(row), null), row.ETag));
        }

        string? personId = null;
        if (row.ExperienceKind == "teacher")
        {
            personId = (await r.Staff.ListAsync(municipalityId, c.Visit.SchoolId, r.Ct)).FirstOrDefault(t => t.TeacherId == row.TeacherId)?.PersonId;
        }

        var now = r.Time.GetUtcNow();
        row.InvitedAt = now;
        row.InvitedByName = r.User.Member.DisplayName;
        row.InvitedPersonIds = personId;
        if (!await r.Store.SaveAsync(row, row.ETag, null, r.Ct))
        {
            return Problems.Conflict("Запись об опыте только что изменили. Обновите страницу и пригласите ещё раз.");
        }

        var school = c.School?.ShortName ?? c.Visit.SchoolId;
        var date = VisitRules.Russian(DateOnly.ParseExact(c.Visit.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var link = $"#/practice/new?invitation={visitId}.{experienceId}";
        var effect = $"practice-invitation|{visitId}|{experienceId}";
        var subject = "Приглашение представить опыт в банк лучших практик";
        var about = Shorten(row.Description ?? "", 300);
        if (personId is not null)
        {
            await r.Notifier.EnqueueAsync([new NotificationMessage(NotificationMessage.IdFor(municipalityId, effect, personId), municipalityId, personId,
                NotificationKind.PracticeInvitation, subject,
                $"{r.User.Member.DisplayName}: по итогам «Методического дня» в школе «{school}» {date} ваш опыт признан достойным распространения: «{about}». "
                + "Приглашаем представить его в муниципальный банк лучших практик: откройте ссылку, заполните форму практики и отправьте её на рассмотрение.",
                link, now)], r.Ct);
        }
        else
        {
            await r.SchoolNotices.TellAdministrationAsync(municipalityId, c.Visit.SchoolId, effect, NotificationKind.PracticeInvitation, subject,
                $"{r.User.Member.DisplayName}: по итогам «Методического дня» {date} опыт {(row.ExperienceKind == "teacher" ? $"педагога {row.Name}" : "вашей школы")} признан достойным распространения: «{about}». "
                + "Приглашаем представить его в муниципальный банк лучших практик: откройте ссылку, заполните форму практики и отправьте её на рассмотрение.",
                link, r.Ct);
        }

        return TypedResults.Ok(Answer(r, ExperienceView(Experience(row), null), row.ETag));
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";

    /// <summary>
    /// The practice submitted in answer to an invitation, reported by the bank's form. Only the invited teacher or the
    /// school's administration, for a practice of theirs (its author, or of their school).
    /// </summary>
    public static async Task<Results<Ok<ReviewPracticeLinkView>, ValidationProblem, ProblemHttpResult>> LinkPracticeAsync(
        string municipalityId, string visitId, string experienceId, ReviewPracticeLinkInput input, [AsParameters] VisitReviewRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var visit = VisitRules.IsKey(visitId) ? await r.Visits.GetVisitAsync(municipalityId, visitId, r.Ct) : null;
        var row = visit is not null && VisitRules.IsKey(experienceId)
            ? await r.Store.RowAsync(municipalityId, VisitReviewStore.Key(visitId, VisitReviewStore.ExperienceKind, experienceId), r.Ct)
            : null;
        var admin = visit is not null && r.User.CanWriteSchoolSheets(municipalityId, visit.SchoolId);
        if (row is null || row.InvitedAt is null || !(admin || row.InvitedList.Contains(r.User.PersonId)))
        {
            return Problems.NotFound("Такого приглашения нет (или оно адресовано не вам).");
        }

        var id = input.PracticeId;
        var practice = id is not null && VisitRules.IsKey(id) ? await r.Practices.GetAsync(municipalityId, id, r.Ct) : null;
        if (practice is null || !(practice.CreatedById == r.User.PersonId || (admin && practice.SchoolId == visit!.SchoolId)))
        {
            return Problems.Invalid("practiceId", "Такой практики вашей школы в банке нет.");
        }

        row.PracticeId = id;
        if (!await r.Store.SaveAsync(row, row.ETag, null, r.Ct))
        {
            return Problems.Conflict("Запись об опыте только что изменили. Повторите.");
        }

        return TypedResults.Ok(new ReviewPracticeLinkView(experienceId, id!, practice.Title));
    }

    // ---- files

    internal static ReviewFileView FileView(ReviewRowEntity x) =>
        new(x.RowKey[(x.RowKey.LastIndexOf('|') + 1)..], x.FileName ?? "", x.Size, x.ContentType ?? "", x.UpdatedByName, x.CreatedAt);

    private static async Task<(ReviewContext? Context, ReviewRowEntity? File, ProblemHttpResult? Problem)> FileAsync(
        VisitReviewRequest r, string municipalityId, string visitId, string documentCode, string fileId)
    {
        var (c, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (c is null)
        {
            return (null, null, problem);
        }

        var file = VisitReviewRules.Document(documentCode) is not null && VisitRules.IsKey(fileId)
            ? await r.Store.RowAsync(municipalityId, VisitReviewStore.Key(visitId, VisitReviewStore.FileKind, documentCode, fileId), r.Ct)
            : null;
        return file is null ? (null, null, Problems.NotFound("Такого файла нет.")) : (c, file, null);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string municipalityId, string visitId, string documentCode, string fileId, [AsParameters] VisitReviewRequest r)
    {
        var (_, file, problem) = await FileAsync(r, municipalityId, visitId, documentCode, fileId);
        if (file is null)
        {
            return problem!;
        }

        r.Http.Response.Headers.CacheControl = "private, no-store";
        r.Http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return TypedResults.Stream(await r.Store.OpenFileAsync(file, r.Ct), file.ContentType, file.FileName);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string municipalityId, string visitId, string documentCode, string fileId, [AsParameters] VisitReviewRequest r)
    {
        var (c, file, problem) = await FileAsync(r, municipalityId, visitId, documentCode, fileId);
        if (file is null)
        {
            return problem!;
        }

        if (CannotWrite(c!, c!.Upload, "Файлы убирают администрация посещаемой школы и команда посещения.") is { } refused)
        {
            return refused;
        }

        await r.Store.DeleteFileAsync(file, r.Ct);
        return TypedResults.NoContent();
    }
}
