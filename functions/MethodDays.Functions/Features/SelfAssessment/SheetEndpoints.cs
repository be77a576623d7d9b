using Azure;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.SelfAssessment;

/// <summary>A school's self-assessment sheet for a month: read, save a draft, submit, revisions, comments.</summary>
internal static class SheetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var sheet = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/self-assessment").WithTags("Лист оценки результативности");
        sheet.MapGet("", GetHistoryAsync).WithName("SelfAssessmentHistory").WithSummary("История листов школы по месяцам");
        sheet.MapGet("/{month}", GetSheetAsync).WithName("SelfAssessmentSheet").WithSummary("Лист школы за месяц");
        sheet.MapPut("/{month}", SaveDraftAsync).WithName("SelfAssessmentSaveDraft").WithSummary("Сохранить черновик (If-Match — ETag листа)")
            .WithMetadata(new RequestSizeLimitAttribute(SelfAssessmentModule.MaxBodyBytes));
        sheet.MapPost("/{month}/submit", SubmitAsync).WithName("SelfAssessmentSubmit").WithSummary("Отправить лист (новая редакция)")
            .WithMetadata(new RequestSizeLimitAttribute(SelfAssessmentModule.MaxBodyBytes));
        sheet.MapPost("/{month}/start-from-previous", StartFromPreviousAsync).WithName("SelfAssessmentStartFromPrevious")
            .WithSummary("Начать черновик с последнего отправленного листа");
        sheet.MapGet("/{month}/revisions/{number:int}", GetRevisionAsync).WithName("SelfAssessmentRevision").WithSummary("Отправленная редакция листа");
        sheet.MapPost("/{month}/comments", CommentAsync).WithName("SelfAssessmentComment").WithSummary("Комментарий куратора или координатора")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        sheet.MapGet("/{month}/xlsx", SheetWorkbookEndpoints.SchoolSheetAsync).WithName("SelfAssessmentSheetXlsx").WithSummary("Лист школы в Excel").RequireRateLimiting(MethodDays.Platform.RequestLimits.Downloads);
    }

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> GetSheetAsync(
        string municipalityId, string schoolId, string month, CurrentUser user, DirectoryStore directory, SheetStore store,
        SheetTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (SheetInputRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await ViewAsync(store, templates, school!, m, user, http, ct));
    }

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(
        string municipalityId, string schoolId, string month, SheetInput input, CurrentUser user, DirectoryStore directory,
        SheetStore store, SheetTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = SheetInputRules.CheckMonth(month, municipality!, time, errors);
        var (template, values) = SheetInputRules.Check(templates, input, requireComplete: false, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (outcome, _) = await store.SaveDraftAsync(municipalityId, schoolId, m!.Value, template!.Version, values, user, IfMatch(http), time.GetUtcNow(), ct);
        if (outcome == SaveOutcome.Conflict)
        {
            return ConflictProblem(await ViewAsync(store, templates, school!, m.Value, user, http, ct));
        }

        return TypedResults.Ok(await ViewAsync(store, templates, school!, m.Value, user, http, ct));
    }

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string municipalityId, string schoolId, string month, SheetInput input, CurrentUser user, DirectoryStore directory,
        SheetStore store, SheetTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = SheetInputRules.CheckMonth(month, municipality!, time, errors);
        var (template, values) = SheetInputRules.Check(templates, input, requireComplete: true, errors);
        if (errors.Any)
        {
            var missing = template is null ? 0 : template.Indicators.Count(i => !values.ContainsKey(i.Id));
            return errors.ToProblem(missing > 0 && template is not null
                ? $"Лист заполнен не полностью: без оценки {missing} из {template.Indicators.Count} показателей. Черновик можно сохранить и отправить позже."
                : null);
        }

        var score = SheetScoring.Score(template!, values);
        var previous = store.GetSheetAsync(municipalityId, schoolId, m!.Value.Previous, ct);
        var (outcome, sheet, revision) = await store.SubmitAsync(municipalityId, schoolId, m.Value, template!, values, score, user, IfMatch(http), time.GetUtcNow(), ct);
        if (outcome == SaveOutcome.Saved && revision is { Revision: 1 })
        {
            // A first submission has no earlier revisions and no comments: the answer is what was just written.
            var view = SheetViews.Build(templates, school!, m.Value, new MonthRows(sheet, [revision], []), await previous, user);
            http.Response.Headers.ETag = view.ETag;
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(view);
        }

        var current = await ViewAsync(store, templates, school!, m.Value, user, http, ct, previous);
        return outcome == SaveOutcome.Conflict ? ConflictProblem(current) : TypedResults.Ok(current);
    }

    public static async Task<Results<Ok<SheetView>, ValidationProblem, ProblemHttpResult>> StartFromPreviousAsync(
        string municipalityId, string schoolId, string month, CurrentUser user, DirectoryStore directory,
        SheetStore store, SheetTemplates templates, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanWriteSchoolSheets(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (SheetInputRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        // The last submitted sheet within a year before this month.
        var history = await store.ReadHistoryAsync(municipalityId, schoolId, Enumerable.Range(1, 12).Select(i => Back(m, i)), ct);
        var last = history.LastOrDefault(h => h.Sheet.Revision > 0);
        if (last.Sheet is null)
        {
            return Problems.NotFound("Нет отправленных листов за прошлые месяцы: начните лист с чистого.");
        }

        // Carry over only indicators that exist in the current template version.
        var current = templates.Current;
        var values = SheetJson.ReadValues(last.Sheet.SubmittedValues).Where(kv => current.ById.ContainsKey(kv.Key)).ToDictionary();
        var (outcome, _) = await store.SaveDraftAsync(municipalityId, schoolId, m, current.Version, values, user, ifMatch: null, time.GetUtcNow(), ct);
        var view = await ViewAsync(store, templates, school!, m, user, http, ct);
        return outcome == SaveOutcome.Conflict
            ? Problems.Conflict("Лист за этот месяц уже начат. Откройте его и продолжите заполнение.", new Dictionary<string, object?> { ["current"] = view })
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<RevisionView>, ValidationProblem, ProblemHttpResult>> GetRevisionAsync(
        string municipalityId, string schoolId, string month, int number, CurrentUser user, DirectoryStore directory,
        SheetStore store, SheetTemplates templates, TimeProvider time, CancellationToken ct)
    {
        var (municipality, _, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (SheetInputRules.CheckMonth(month, municipality!, time, errors) is not { } m)
        {
            return errors.ToProblem();
        }

        var r = await store.GetRevisionAsync(municipalityId, schoolId, m, number, ct);
        if (r is null)
        {
            return Problems.NotFound($"Редакции №{number} за {m.RussianName} нет.");
        }

        var values = SheetJson.ReadValues(r.Values);
        var template = templates.Find(r.TemplateVersion) ?? templates.Current;
        return TypedResults.Ok(new RevisionView(schoolId, m.ToString(), r.Revision, r.TemplateVersion, values, SheetScoring.Score(template, values), new Stamp(r.SubmittedById, r.SubmittedByName, r.SubmittedAt)));
    }

    public static async Task<Results<Ok<CommentView>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string municipalityId, string schoolId, string month, CommentInput input, CurrentUser user, DirectoryStore directory,
        SheetStore store, TimeProvider time, CancellationToken ct)
    {
        var (municipality, _, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReviewSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var m = SheetInputRules.CheckMonth(month, municipality!, time, errors);
        var text = input.Text?.Trim() ?? "";
        if (text.Length is < 1 or > 4000)
        {
            errors.Add("text", "Комментарий: от 1 до 4000 символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var sheet = await store.GetSheetAsync(municipalityId, schoolId, m!.Value, ct);
        if (sheet is not { Revision: > 0 })
        {
            return Problems.Conflict("Комментировать можно отправленный лист; школа ещё не отправила лист за этот месяц.");
        }

        var comment = await store.AddCommentAsync(municipalityId, schoolId, m.Value, sheet.Revision, user, text, time.GetUtcNow(), ct);
        return TypedResults.Ok(SheetViews.ToView(comment));
    }

    public static async Task<Results<Ok<HistoryView>, ProblemHttpResult>> GetHistoryAsync(
        string municipalityId, string schoolId, CurrentUser user, DirectoryStore directory, SheetStore store, TimeProvider time,
        CancellationToken ct, [FromQuery] int? months = null)
    {
        var (municipality, school, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var span = Math.Clamp(months ?? 24, 1, 60);
        var current = LocalTime.CurrentMonth(time, municipality!.TimeZone);
        var rows = await store.ReadHistoryAsync(municipalityId, schoolId, Enumerable.Range(0, span).Select(i => Back(current, i)), ct);
        var points = rows.Where(r => r.Sheet.Revision > 0)
            .Select(r => new HistoryPoint(r.Month.ToString(), r.Sheet.Revision, r.Sheet.Total, r.Sheet.ApplicableMax, r.Sheet.Percent,
                SheetViews.ParseCluster(r.Sheet.Cluster), SheetJson.ReadAreas(r.Sheet.Areas), r.Sheet.SubmittedAt ?? r.Sheet.UpdatedAt))
            .ToList();
        return TypedResults.Ok(new HistoryView(schoolId, school!.Name, points));
    }

    internal static async Task<SheetView> ViewAsync(
        SheetStore store, SheetTemplates templates, School school, YearMonth month, CurrentUser user, HttpContext http, CancellationToken ct,
        Task<SheetEntity?>? previousRead = null)
    {
        var rows = store.ReadMonthAsync(school.MunicipalityId, school.Id, month, ct);
        var previous = previousRead ?? store.GetSheetAsync(school.MunicipalityId, school.Id, month.Previous, ct);
        var view = SheetViews.Build(templates, school, month, await rows, await previous, user);
        if (view.ETag is not null)
        {
            http.Response.Headers.ETag = view.ETag;
        }

        http.Response.Headers.CacheControl = "no-store";
        return view;
    }

    private static YearMonth Back(YearMonth m, int count)
    {
        for (var i = 0; i < count; i++)
        {
            m = m.Previous;
        }

        return m;
    }

    private static ETag? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : null;

    private static ProblemHttpResult ConflictProblem(SheetView current) => Problems.Conflict(
        $"Лист уже изменил(а) {current.Updated?.Name ?? "другой пользователь"}. Ваши изменения не потеряны: сравните их с текущей версией и сохраните ещё раз.",
        new Dictionary<string, object?> { ["current"] = current });
}
