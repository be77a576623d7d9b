using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.SelfAssessment;

/// <summary>What the sheet handlers need besides their route values. Services are marked: a GET has no body to bind the rest from.</summary>
internal sealed record SheetRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] SheetStore Store,
    [FromServices] SheetTemplates Templates,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>A school's self-assessment sheet for a month: read, save a draft, submit, revisions, comments.</summary>
internal static class SheetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var sheet = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/self-assessment").WithTags("Лист оценки результативности");
        sheet.MapGet("", GetHistoryAsync).WithName("SelfAssessmentHistory").WithSummary("История листов школы по месяцам")
            .ProducesProblems(403, 404);
        sheet.MapGet("/{month}", GetSheetAsync).WithName("SelfAssessmentSheet").WithSummary("Лист школы за месяц")
            .ProducesProblems(403, 404);
        sheet.MapPut("/{month}", SaveDraftAsync).WithName("SelfAssessmentSaveDraft").WithSummary("Сохранить черновик (If-Match — ETag листа)")
            .WithMetadata(new RequestSizeLimitAttribute(SelfAssessmentModule.MaxBodyBytes)).ProducesProblems(403, 404, 409, 413);
        sheet.MapPost("/{month}/submit", SubmitAsync).WithName("SelfAssessmentSubmit").WithSummary("Отправить лист (новая редакция)")
            .WithMetadata(new RequestSizeLimitAttribute(SelfAssessmentModule.MaxBodyBytes)).ProducesProblems(403, 404, 409, 413);
        sheet.MapPost("/{month}/start-from-previous", StartFromPreviousAsync).WithName("SelfAssessmentStartFromPrevious")
            .WithSummary("Начать черновик с последнего отправленного листа; с If-Match — заменить ответы неотправленного листа").ProducesProblems(403, 404, 409);
        sheet.MapGet("/{month}/revisions/{number:int}", GetRevisionAsync).WithName("SelfAssessmentRevision").WithSummary("Отправленная редакция листа")
            .ProducesProblems(403, 404);
        sheet.MapPost("/{month}/comments", CommentAsync).WithName("SelfAssessmentComment").WithSummary("Комментарий куратора или координатора")
            .WithMetadata(new RequestSizeLimitAttribute(FormComments.MaxBodyBytes)).ProducesProblems(403, 404, 409);
        sheet.MapGet("/{month}/xlsx", SheetWorkbookEndpoints.SchoolSheetAsync).WithName("SelfAssessmentSheetXlsx").WithSummary("Лист школы в Excel")
            .ProducesProblems(403, 404, 429).RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
    }

    private static FormNames Names => SelfAssessmentForm.FormNames;

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> GetSheetAsync(
        string municipalityId, string schoolId, string month, [AsParameters] SheetRequest r)
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

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(
        string municipalityId, string schoolId, string month, SheetInput input, [AsParameters] SheetRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = FormMonth.Check(month, ctx.Municipality, r.Time, errors, Names);
        var (template, values) = SheetInputRules.Check(r.Templates, input, requireComplete: false, errors);
        var bases = SheetInputRules.CheckBase(template, input, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var write = await r.Store.SaveDraftAsync(municipalityId, schoolId, m!.Value, template!.Version, values, r.User, FormHttp.IfMatch(r.Http), r.Time.GetUtcNow(), r.Ct, bases);
        var view = await ViewAsync(r, ctx.School, m.Value);
        return write.Outcome == SaveOutcome.Conflict ? FormHttp.Conflict(Names, r.User, write.Conflicts, view.Updated, view.ETag, view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string municipalityId, string schoolId, string month, SheetInput input, [AsParameters] SheetRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = FormMonth.Check(month, ctx.Municipality, r.Time, errors, Names);
        var (template, values) = SheetInputRules.Check(r.Templates, input, requireComplete: true, errors);
        var bases = SheetInputRules.CheckBase(template, input, errors);
        if (errors.Any)
        {
            var missing = template is null ? 0 : template.Indicators.Count(i => !values.ContainsKey(i.Id));
            return errors.ToProblem(missing > 0 && template is not null
                ? $"Лист заполнен не полностью: без оценки {missing} из {template.Indicators.Count} показателей. Черновик можно сохранить и отправить позже."
                : null);
        }

        var previous = r.Store.GetSheetAsync(municipalityId, schoolId, m!.Value.Previous, r.Ct);
        var (outcome, sheet, revision, conflicts) = await r.Store.SubmitAsync(municipalityId, schoolId, m.Value, template!.Version, values, r.User, FormHttp.IfMatch(r.Http), r.Time.GetUtcNow(), r.Ct, bases);
        if (outcome == SaveOutcome.Saved && revision is { Revision: 1 })
        {
            // A first submission has no earlier revisions and no comments: the answer is what was just written.
            var first = SheetViews.Build(r.Templates, ctx.School, m.Value, new(sheet, [revision], []), await previous, r.User);
            return TypedResults.Ok(FormHttp.Answer(r.Http, first, first.ETag));
        }

        var view = await ViewAsync(r, ctx.School, m.Value, previous);
        return outcome == SaveOutcome.Conflict ? FormHttp.Conflict(Names, r.User, conflicts, view.Updated, view.ETag, view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> StartFromPreviousAsync(
        string municipalityId, string schoolId, string month, [AsParameters] SheetRequest r)
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

        // The last submitted sheet within a year before this month.
        var history = await r.Store.ReadHistoryAsync(municipalityId, schoolId, Enumerable.Range(1, 12).Select(i => Back(m, i)), r.Ct);
        var last = history.LastOrDefault(h => h.Sheet.Revision > 0);
        if (last.Sheet is null)
        {
            return Problems.NotFound("Нет отправленных листов за прошлые месяцы: начните лист с чистого.");
        }

        // With If-Match the answers of a month not yet submitted are replaced (the page asks first); a submitted month's
        // answers never are: its changes go into a new revision, answer by answer.
        var ifMatch = FormHttp.IfMatch(r.Http);
        if (ifMatch is not null)
        {
            var existing = await r.Store.GetSheetAsync(municipalityId, schoolId, m, r.Ct);
            if (existing is { Revision: > 0 } || (existing is not null && existing.ETag != ifMatch))
            {
                var now = await ViewAsync(r, ctx.School, m);
                return Problems.Conflict(existing.Revision > 0
                    ? "Лист за этот месяц уже отправлен: ответы прошлого месяца переносятся только в неотправленный лист."
                    : $"Лист только что сохранил(а) {existing.UpdatedByName}. Откройте его заново и повторите.", new Dictionary<string, object?> { ["current"] = now });
            }
        }

        // Carry over only indicators that exist in the current template version.
        var current = r.Templates.Current;
        var values = SheetJson.ReadValues(last.Sheet.SubmittedValues).Where(kv => current.ById.ContainsKey(kv.Key)).ToDictionary();
        var write = await r.Store.SaveDraftAsync(municipalityId, schoolId, m, current.Version, values, r.User, ifMatch, r.Time.GetUtcNow(), r.Ct);
        var view = await ViewAsync(r, ctx.School, m);
        return write.Outcome == SaveOutcome.Conflict
            ? Problems.Conflict("Лист за этот месяц уже начат. Откройте его и продолжите заполнение.", new Dictionary<string, object?> { ["current"] = view })
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<RevisionView>, ValidationProblem, ProblemHttpResult>> GetRevisionAsync(
        string municipalityId, string schoolId, string month, int number, [AsParameters] SheetRequest r)
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

        var values = SheetJson.ReadValues(revision.Values);
        var template = r.Templates.Find(revision.TemplateVersion) ?? r.Templates.Current;
        return TypedResults.Ok(new RevisionView(schoolId, m.ToString(), revision.Revision, revision.TemplateVersion, values,
            SheetScoring.Score(template, values), revision.SubmittedStamp()));
    }

    public static Task<Results<Ok<CommentView>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string municipalityId, string schoolId, string month, CommentInput input, [FromServices] SheetStore store, [AsParameters] FormCommentRequest r) =>
        FormComments.AddAsync(store, municipalityId, schoolId, month, input, r);

    public static async Task<Results<Ok<HistoryView>, ProblemHttpResult>> GetHistoryAsync(
        string municipalityId, string schoolId, [AsParameters] SheetRequest r, [FromQuery] int? months = null)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var span = Math.Clamp(months ?? 24, 1, 60);
        var current = LocalTime.CurrentMonth(r.Time, ctx.Municipality.TimeZone);
        var rows = await r.Store.ReadHistoryAsync(municipalityId, schoolId, Enumerable.Range(0, span).Select(i => Back(current, i)), r.Ct);
        var points = rows.Where(x => x.Sheet.Revision > 0)
            .Select(x => new HistoryPoint(x.Month.ToString(), x.Sheet.Revision, x.Sheet.Total, x.Sheet.ApplicableMax, x.Sheet.Percent,
                SheetViews.ParseCluster(x.Sheet.Cluster), SheetJson.ReadAreas(x.Sheet.Areas), x.Sheet.SubmittedAt ?? x.Sheet.UpdatedAt))
            .ToList();
        return TypedResults.Ok(new HistoryView(schoolId, ctx.School.Name, points));
    }

    private static async Task<SheetView> ViewAsync(SheetRequest r, School school, YearMonth month, Task<SheetEntity?>? previousRead = null)
    {
        var rows = r.Store.ReadMonthAsync(school.MunicipalityId, school.Id, month, r.Ct);
        var previous = previousRead ?? r.Store.GetSheetAsync(school.MunicipalityId, school.Id, month.Previous, r.Ct);
        var view = SheetViews.Build(r.Templates, school, month, await rows, await previous, r.User);
        return FormHttp.Answer(r.Http, view, view.ETag);
    }

    private static YearMonth Back(YearMonth m, int count)
    {
        for (var i = 0; i < count; i++)
        {
            m = m.Previous;
        }

        return m;
    }
}
