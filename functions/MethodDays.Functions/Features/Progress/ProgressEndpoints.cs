using Azure;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Progress;

/// <summary>A school's progress sheet for a month: read, save a draft, submit, revisions, comments.</summary>
internal static class ProgressEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var sheet = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/progress").WithTags("Лист продвижения");
        sheet.MapGet("/{month}", GetAsync).WithName("ProgressSheet")
            .WithSummary("Лист продвижения школы за месяц, с этапами педагогов за прошлый месяц");
        sheet.MapPut("/{month}", SaveDraftAsync).WithName("ProgressSaveDraft").WithSummary("Сохранить черновик листа продвижения (If-Match — ETag листа)")
            .WithMetadata(new RequestSizeLimitAttribute(ProgressModule.MaxBodyBytes));
        sheet.MapPost("/{month}/submit", SubmitAsync).WithName("ProgressSubmit").WithSummary("Отправить лист продвижения (новая редакция)")
            .WithMetadata(new RequestSizeLimitAttribute(ProgressModule.MaxBodyBytes));
        sheet.MapGet("/{month}/revisions/{number:int}", GetRevisionAsync).WithName("ProgressRevision").WithSummary("Отправленная редакция листа продвижения");
        sheet.MapPost("/{month}/comments", CommentAsync).WithName("ProgressComment").WithSummary("Комментарий куратора, методиста или координатора")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
    }

    public static async Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string month, CurrentUser user, DirectoryStore directory, ProgressStore store,
        ProgressTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (ProgressRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await ViewAsync(store, templates, directory, school!, m, user, http, ct));
    }

    public static Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(
        string municipalityId, string schoolId, string month, ProgressInput input, CurrentUser user, DirectoryStore directory,
        ProgressStore store, ProgressTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct) =>
        WriteAsync(municipalityId, schoolId, month, input, submit: false, user, directory, store, templates, time, http, ct);

    public static Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string municipalityId, string schoolId, string month, ProgressInput input, CurrentUser user, DirectoryStore directory,
        ProgressStore store, ProgressTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct) =>
        WriteAsync(municipalityId, schoolId, month, input, submit: true, user, directory, store, templates, time, http, ct);

    private static async Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string municipalityId, string schoolId, string month, ProgressInput input, bool submit, CurrentUser user, DirectoryStore directory,
        ProgressStore store, ProgressTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = ProgressRules.CheckMonth(month, municipality!, time, errors);
        if (m is null)
        {
            return errors.ToProblem();
        }

        var today = DateOnly.FromDateTime(LocalTime.Now(time, municipality!.TimeZone).DateTime);
        var teachers = await TeachersOfAsync(directory, school!, ct);
        var (template, content) = ProgressRules.Check(templates, input, new ProgressRules.Context(m.Value, today, teachers), requireComplete: submit, errors);
        if (errors.Any)
        {
            return errors.ToProblem(submit ? "Лист продвижения заполнен не полностью или с ошибками. Черновик можно сохранить и отправить позже." : null);
        }

        var json = ProgressJson.Write(content);
        if (json.Length > Chunks.MaxChars)
        {
            return Problems.TooLarge("Лист продвижения слишком большой: сократите тексты.");
        }

        var now = time.GetUtcNow();
        var outcome = submit
            ? (await store.SubmitAsync(municipalityId, schoolId, m.Value, template!.Version, content, json, user, IfMatch(http), now, ct)).Outcome
            : (await store.SaveDraftAsync(municipalityId, schoolId, m.Value, template!.Version, json, user, IfMatch(http), now, ct)).Outcome;
        var view = await ViewAsync(store, templates, directory, school!, m.Value, user, http, ct);
        return outcome == SaveOutcome.Conflict ? ConflictProblem(view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<ProgressRevisionView>, ValidationProblem, ProblemHttpResult>> GetRevisionAsync(
        string municipalityId, string schoolId, string month, int number, CurrentUser user, DirectoryStore directory,
        ProgressStore store, TimeProvider time, CancellationToken ct)
    {
        var (municipality, _, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (ProgressRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        var r = await store.GetRevisionAsync(municipalityId, schoolId, m, number, ct);
        if (r is null)
        {
            return Problems.NotFound($"Редакции №{number} листа продвижения за {m.RussianName} нет.");
        }

        return TypedResults.Ok(new ProgressRevisionView(schoolId, m.ToString(), r.Revision, r.TemplateVersion, ProgressJson.ReadContent(r.Body),
            new Stamp(r.SubmittedById, r.SubmittedByName, r.SubmittedAt)));
    }

    public static async Task<Results<Ok<ProgressCommentView>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string municipalityId, string schoolId, string month, ProgressCommentInput input, CurrentUser user, DirectoryStore directory,
        ProgressStore store, TimeProvider time, CancellationToken ct)
    {
        var (municipality, _, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReviewSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = ProgressRules.CheckMonth(month, municipality!, time, errors);
        var text = input.Text?.Trim() ?? "";
        if (text.Length is < 1 or > 4000)
        {
            errors.Add("text", "Комментарий: от 1 до 4000 символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var sheet = await store.GetFiguresAsync(municipalityId, schoolId, m!.Value, ct);
        if (sheet is not { Revision: > 0 })
        {
            return Problems.Conflict("Комментировать можно отправленный лист; школа ещё не отправила лист продвижения за этот месяц.");
        }

        var comment = await store.AddCommentAsync(municipalityId, schoolId, m.Value, sheet.Revision, user, text, time.GetUtcNow(), ct);
        return TypedResults.Ok(ProgressViews.ToView(comment));
    }

    internal static async Task<ProgressView> ViewAsync(
        ProgressStore store, ProgressTemplates templates, DirectoryStore directory, School school, YearMonth month, CurrentUser user, HttpContext http, CancellationToken ct)
    {
        var rows = store.ReadMonthAsync(school.MunicipalityId, school.Id, month, ct);
        var previous = store.GetLastSubmittedAsync(school.MunicipalityId, school.Id, month.Previous, ct);
        var teachers = TeachersOfAsync(directory, school, ct);
        var view = ProgressViews.Build(templates, school, month, await rows, (await previous)?.Content, await teachers, user);
        if (view.ETag is not null)
        {
            http.Response.Headers.ETag = view.ETag;
        }

        http.Response.Headers.CacheControl = "no-store";
        return view;
    }

    /// <summary>The school's teachers in MethodDays (seed 001 §2.14: each chooses a practice for the year).</summary>
    internal static async Task<IReadOnlyList<Member>> TeachersOfAsync(DirectoryStore directory, School school, CancellationToken ct) =>
        [.. (await directory.ListMembersAsync(school.MunicipalityId, ct)).Where(m => m.Role == Role.Teacher && m.SchoolIds.Contains(school.Id))];

    private static ETag? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : null;

    private static ProblemHttpResult ConflictProblem(ProgressView current) => Problems.Conflict(
        $"Лист продвижения уже изменил(а) {current.Updated?.Name ?? "другой пользователь"}. Ваши изменения не потеряны: сравните их с текущей версией и сохраните ещё раз.",
        new Dictionary<string, object?> { ["current"] = current });
}
