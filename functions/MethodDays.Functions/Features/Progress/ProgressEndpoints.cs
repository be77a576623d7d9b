using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Progress;

/// <summary>What the progress-sheet handlers need besides their route values. Services are marked: a GET has no body to bind the rest from.</summary>
internal sealed record ProgressRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DirectoryStore Directory,
    [FromServices] ProgressStore Store,
    [FromServices] ProgressTemplates Templates,
    [FromServices] TimeProvider Time,
    [FromServices] MethodDays.Features.PracticeBank.PracticeStore Practices,
    [FromServices] MethodDays.Features.WeeklyCycle.CycleStore Cycle,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>A school's progress sheet for a month: read, save a draft, submit, revisions, comments.</summary>
internal static class ProgressEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var sheet = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/progress").WithTags("Лист продвижения");
        sheet.MapGet("/{month}", GetAsync).WithName("ProgressSheet")
            .WithSummary("Лист продвижения школы за месяц, с этапами педагогов за прошлый месяц").ProducesProblems(403, 404);
        sheet.MapPut("/{month}", SaveDraftAsync).WithName("ProgressSaveDraft").WithSummary("Сохранить черновик листа продвижения (If-Match — ETag листа)")
            .WithMetadata(new RequestSizeLimitAttribute(ProgressModule.MaxBodyBytes)).ProducesProblems(403, 404, 409, 413);
        sheet.MapPost("/{month}/submit", SubmitAsync).WithName("ProgressSubmit").WithSummary("Отправить лист продвижения (новая редакция)")
            .WithMetadata(new RequestSizeLimitAttribute(ProgressModule.MaxBodyBytes)).ProducesProblems(403, 404, 409, 413);
        sheet.MapGet("/{month}/revisions/{number:int}", GetRevisionAsync).WithName("ProgressRevision").WithSummary("Отправленная редакция листа продвижения")
            .ProducesProblems(403, 404);
        sheet.MapPost("/{month}/comments", CommentAsync).WithName("ProgressComment").WithSummary("Комментарий куратора, методиста или координатора")
            .WithMetadata(new RequestSizeLimitAttribute(FormComments.MaxBodyBytes)).ProducesProblems(403, 404, 409);
    }

    private static FormNames Names => ProgressForm.FormNames;

    public static async Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string month, [AsParameters] ProgressRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (FormMonth.Check(month, ctx.Municipality, r.Time, errors, Names) is not { } m)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await ViewAsync(r, ctx.School, m));
    }

    public static Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(
        string municipalityId, string schoolId, string month, ProgressInput input, [AsParameters] ProgressRequest r) =>
        WriteAsync(municipalityId, schoolId, month, input, submit: false, r);

    public static Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string municipalityId, string schoolId, string month, ProgressInput input, [AsParameters] ProgressRequest r) =>
        WriteAsync(municipalityId, schoolId, month, input, submit: true, r);

    private static async Task<Results<Ok<ProgressView>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string municipalityId, string schoolId, string month, ProgressInput input, bool submit, ProgressRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (FormMonth.Check(month, ctx.Municipality, r.Time, errors, Names) is not { } m)
        {
            return errors.ToProblem();
        }

        var today = DateOnly.FromDateTime(LocalTime.Now(r.Time, ctx.Municipality.TimeZone).DateTime);
        var teachers = await TeachersOfAsync(r.Directory, ctx.School, r.Ct);
        var (practices, topics) = await LinksAsync(r, municipalityId, m, input);
        var (template, content) = ProgressRules.Check(r.Templates, input, new ProgressRules.Context(m, today, teachers, practices, topics), requireComplete: submit, errors);
        var bases = ProgressRules.CheckBase(input, errors);
        if (errors.Any)
        {
            return errors.ToProblem(submit ? "Лист продвижения заполнен не полностью или с ошибками. Черновик можно сохранить и отправить позже." : null);
        }

        if (r.Store.Form.Write(content).Length > Chunks.MaxChars)
        {
            return Problems.TooLarge("Лист продвижения слишком большой: сократите тексты.");
        }

        var now = r.Time.GetUtcNow();
        var ifMatch = FormHttp.IfMatch(r.Http);
        var write = submit
            ? await r.Store.SubmitAsync(municipalityId, schoolId, m, template!.Version, content, r.User, ifMatch, now, r.Ct, bases)
            : await r.Store.SaveDraftAsync(municipalityId, schoolId, m, template!.Version, content, r.User, ifMatch, now, r.Ct, bases);
        var view = await ViewAsync(r, ctx.School, m);
        return write.Outcome == SaveOutcome.Conflict ? FormHttp.Conflict(Names, r.User, write.Conflicts, view.Updated, view.ETag, view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<ProgressRevisionView>, ValidationProblem, ProblemHttpResult>> GetRevisionAsync(
        string municipalityId, string schoolId, string month, int number, [AsParameters] ProgressRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (FormMonth.Check(month, ctx.Municipality, r.Time, errors, Names) is not { } m)
        {
            return errors.ToProblem();
        }

        var revision = await r.Store.GetRevisionAsync(municipalityId, schoolId, m, number, r.Ct);
        if (revision is null)
        {
            return Problems.NotFound(Names.NoRevision(number, m.RussianName));
        }

        return TypedResults.Ok(new ProgressRevisionView(schoolId, m.ToString(), revision.Revision, revision.TemplateVersion,
            ProgressJson.ReadContent(revision.Body), revision.SubmittedStamp()));
    }

    public static Task<Results<Ok<CommentView>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string municipalityId, string schoolId, string month, CommentInput input, [FromServices] ProgressStore store, [AsParameters] FormCommentRequest r) =>
        FormComments.AddAsync(store, municipalityId, schoolId, month, input, r);

    private static async Task<ProgressView> ViewAsync(ProgressRequest r, School school, YearMonth month)
    {
        var rows = r.Store.ReadMonthAsync(school.MunicipalityId, school.Id, month, r.Ct);
        var previous = r.Store.GetLastSubmittedAsync(school.MunicipalityId, school.Id, month.Previous, r.Ct);
        var teachers = TeachersOfAsync(r.Directory, school, r.Ct);
        var view = ProgressViews.Build(r.Templates, school, month, await rows, (await previous)?.Content, await teachers, r.User);
        return FormHttp.Answer(r.Http, view, view.ETag);
    }

    /// <summary>The school's teachers in MethodDays (seed 001 §2.14: each chooses a practice for the year).</summary>
    internal static async Task<IReadOnlyList<Member>> TeachersOfAsync(DirectoryStore directory, School school, CancellationToken ct) =>
        [.. (await directory.ListMembersAsync(school.MunicipalityId, ct)).Where(m => m.Role == Role.Teacher && m.SchoolIds.Contains(school.Id))];

    /// <summary>
    /// What a sheet may link to, read only when it links: the bank's accepted practices (id → title), and the topics
    /// published by now for the weeks that touch the month (week → title).
    /// </summary>
    private static async Task<(IReadOnlyDictionary<string, string>? Practices, IReadOnlyDictionary<string, string>? Topics)> LinksAsync(
        ProgressRequest r, string municipalityId, YearMonth month, ProgressInput input)
    {
        var practicesTask = (input.Teachers ?? []).Any(t => !string.IsNullOrWhiteSpace(t?.PracticeId))
            ? r.Practices.ListAsync(municipalityId, r.Ct)
            : null;
        var topicsTask = (input.Days ?? []).Any(d => !string.IsNullOrWhiteSpace(d?.TopicWeek))
            ? r.Cycle.ListTopicsAsync(municipalityId, r.Ct)
            : null;
        var now = r.Time.GetUtcNow();
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var practices = practicesTask is null ? null : (await practicesTask)
            .Where(p => p.StateValue == PracticeBank.PracticeState.Accepted)
            .ToDictionary(p => p.Id, p => p.Title, StringComparer.Ordinal);
        var topics = topicsTask is null ? null : (await topicsTask)
            .Where(t => WeeklyCycle.WeekRules.IsPublished(t, now) && WeekId.TryParse(t.RowKey, out var w) && w.Monday <= last && w.Monday.AddDays(6) >= first)
            .ToDictionary(t => t.RowKey, t => t.Title, StringComparer.Ordinal);
        return (practices, topics);
    }
}
