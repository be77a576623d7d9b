using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MethodDays.Features.MonthlyForms;
using MethodDays.Features.Observations;
using MethodDays.Features.People;
using MethodDays.Features.Progress;
using MethodDays.Features.Staff;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>The dependencies of the report handlers, bound with <c>[AsParameters]</c> (services marked).</summary>
internal sealed record VisitReportRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] VisitStore Visits,
    [FromServices] VisitReportStore Reports,
    [FromServices] ProtocolStore Protocols,
    [FromServices] ProtocolTemplateStore Templates,
    [FromServices] HelpPlanStore HelpPlans,
    [FromServices] StaffStore Staff,
    [FromServices] DirectoryStore Directory,
    [FromServices] VisitReviewStore Reviews,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>A report request, resolved: the visit, the municipality, and what the asker may do with the report.</summary>
internal sealed record ReportContext(VisitEntity Visit, Municipality Municipality, bool CanEdit, bool CanMakeHelpItems);

/// <summary>
/// The report of a visit («справка по итогам методического дня»): assembled from the visit and its protocols, with its
/// own text (summary, conclusions, recommendations, agreements) kept by the team lead, the coordinator and methodists
/// (ETag: a stale save is a 409 with the current text), as a .docx, and each finding made an item of the school's plan
/// of targeted help. Who reads it: the team, the coordinator and methodists, the school's curator, and the school's
/// administration once the visit's day has come. A teacher never reads it: it holds colleagues' marks.
/// </summary>
internal static partial class VisitReportEndpoints
{
    private const long MaxBodyBytes = 128 * 1024;
    private const string Tag = "Посещения школ";
    public const int MaxLines = 50;
    public const int MaxLine = 2000;
    public const int MaxText = 8000;
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void Map(RouteGroupBuilder api)
    {
        var report = api.MapGroup("/municipalities/{municipalityId}/visits/{visitId}/report").WithTags(Tag);
        report.MapGet("", GetAsync).WithName("VisitReport")
            .WithSummary("Справка по итогам посещения: уроки, отметки по протоколам, сильные стороны, проблемы, рекомендации, договорённости; ETag — для изменения")
            .ProducesProblems(403, 404);
        report.MapPut("", SaveAsync).WithName("VisitReportSave")
            .WithSummary("Изменить текст справки (итоги, выводы, рекомендации, договорённости): руководитель группы, координатор, методист; If-Match — ETag справки")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409, 428);
        report.MapGet("/docx", DocxAsync).WithName("VisitReportDocx").WithSummary("Справка по итогам посещения, .docx").ProducesProblems(403, 404);
        report.MapPost("/help-items", HelpItemAsync).WithName("VisitReportHelpItem")
            .WithSummary("Сделать находку справки пунктом плана адресной помощи школе (повторный запрос той же находки — тот же пункт)")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024)).ProducesProblems(400, 403, 404);
    }

    public static async Task<Results<Ok<VisitReportView>, ProblemHttpResult>> GetAsync(string municipalityId, string visitId, [AsParameters] VisitReportRequest r)
    {
        var (ctx, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (ctx is null)
        {
            return problem!;
        }

        var stored = await r.Reports.GetAsync(municipalityId, ctx.Visit.VisitId, r.Ct);
        return TypedResults.Ok(Answer(r, ctx, stored, await BuildAsync(r, ctx, stored)));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DocxAsync(string municipalityId, string visitId, [AsParameters] VisitReportRequest r)
    {
        var (ctx, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (ctx is null)
        {
            return problem!;
        }

        var stored = await r.Reports.GetAsync(municipalityId, ctx.Visit.VisitId, r.Ct);
        var view = await BuildAsync(r, ctx, stored);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(VisitReportDocx.Build(view), DocxType, $"Справка {view.SchoolName} {view.Date}.docx");
    }

    public static async Task<Results<Ok<VisitReportView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, string visitId, VisitReportInput input, [AsParameters] VisitReportRequest r)
    {
        var (ctx, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (ctx is null)
        {
            return problem!;
        }

        if (!ctx.CanEdit)
        {
            return Problems.Forbidden("Текст справки пишут руководитель группы, координатор и методисты муниципалитета.");
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag || tag == "*")
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag справки, которую вы изменяете: так ничьи изменения не потеряются.");
        }

        var errors = new FieldErrors();
        var summary = Text(input.Summary, "summary", "Общие итоги", errors);
        var conclusions = Text(input.Conclusions, "conclusions", "Выводы", errors);
        var recommendations = Lines(input.Recommendations, "recommendations", "рекомендаций", errors);
        var agreements = Lines(input.Agreements, "agreements", "договорённостей", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var visit = ctx.Visit;
        var report = await r.Reports.GetAsync(municipalityId, visit.VisitId, r.Ct) ?? new VisitReportEntity { PartitionKey = municipalityId, RowKey = VisitReportStore.Key(visit.VisitId) };
        report.Summary = summary;
        report.Conclusions = conclusions;
        report.Recommendations = StoredJson.Write(recommendations);
        report.Agreements = StoredJson.Write(agreements);
        report.UpdatedById = r.User.PersonId;
        report.UpdatedByName = r.User.Member.DisplayName;
        report.UpdatedAt = r.Time.GetUtcNow();
        report.WrittenFromEtag = tag;
        if (await r.Reports.SaveAsync(report, tag, r.Ct) == ReportWrite.Saved)
        {
            return TypedResults.Ok(Answer(r, ctx, report, await BuildAsync(r, ctx, report)));
        }

        var current = await r.Reports.GetAsync(municipalityId, visit.VisitId, r.Ct);
        if (current is not null && current.WrittenFromEtag == tag && current.Content == report.Content && current.UpdatedById == r.User.PersonId)
        {
            // The same save sent again (its answer was lost): answer it, it is no conflict.
            return TypedResults.Ok(Answer(r, ctx, current, await BuildAsync(r, ctx, current)));
        }

        return Problems.Conflict(
            $"Справку уже изменил(а) {current?.UpdatedByName ?? "другой участник"}. Ваш текст не сохранён, но остался на странице: сравните его с текущей версией и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = TextOf(current), ["etag"] = current?.ETag.ToString() ?? VisitReportStore.NewTag });
    }

    public static async Task<Results<Created<HelpItemView>, Ok<HelpItemView>, ValidationProblem, ProblemHttpResult>> HelpItemAsync(
        string municipalityId, string visitId, ReportHelpInput input, [AsParameters] VisitReportRequest r)
    {
        var (ctx, problem) = await ResolveAsync(r, municipalityId, visitId);
        if (ctx is null)
        {
            return problem!;
        }

        if (!ctx.CanMakeHelpItems)
        {
            return Problems.Forbidden("Пункты плана адресной помощи по итогам посещения добавляют руководитель группы, куратор школы, методисты и координатор.");
        }

        var findingId = (input.FindingId ?? "").Trim();
        if (!FindingPattern().IsMatch(findingId))
        {
            return Problems.Invalid("findingId", "Выберите проблему из справки, которую нужно сделать пунктом плана адресной помощи.");
        }

        var visit = ctx.Visit;
        var stored = await r.Reports.GetAsync(municipalityId, visit.VisitId, r.Ct);
        var view = await BuildAsync(r, ctx, stored);
        var finding = view.Findings.FirstOrDefault(f => f.Id == findingId);
        if (finding is null)
        {
            return Problems.Invalid("findingId", "Такой проблемы в справке нет (возможно, протокол или справку изменили): обновите страницу.");
        }

        var today = HelpPlanViews.Today(ctx.Municipality, r.Time);
        var itemId = VisitReportBuilder.HelpItemId(visit.VisitId, finding.Id);
        if (await r.HelpPlans.GetItemAsync(municipalityId, visit.SchoolId, itemId, r.Ct) is { } existing)
        {
            // The same finding again (a second click, a retry): it already is this item.
            r.Http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(HelpPlanViews.ToView(existing.Item, existing.History, today));
        }

        var errors = new FieldErrors();
        var recipient = finding.TeacherId is { } teacher ? new HelpRecipientInput(HelpPlanRules.Teacher, teacher) : new HelpRecipientInput(HelpPlanRules.Leadership, null);
        var fields = HelpPlanRules.Check(new HelpItemInput(itemId, input.Action, input.Responsible, input.DueDate, null, null, input.Notes, null, recipient),
            create: true, LocalTime.CurrentMonth(r.Time, ctx.Municipality.TimeZone), errors);
        var recipientName = errors.Any ? null : await HelpPlanRules.CheckRecipientAsync(r.Staff, municipalityId, visit.SchoolId, fields, errors, r.Ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var item = new HelpItemEntity
        {
            PartitionKey = municipalityId,
            RowKey = HelpPlanStore.ItemKey(visit.SchoolId, itemId),
            SchoolId = visit.SchoolId,
            ItemId = itemId,
            SourceVisitId = visit.VisitId,
            SourceVisitDate = visit.Date,
            SourceFindingId = finding.Id,
            CreatedById = r.User.PersonId,
            CreatedByName = r.User.Member.DisplayName,
            CreatedAt = now,
        };
        HelpPlanViews.Apply(item, fields, fields.Status!, null, r.User, now, recipientName);
        var created = HelpPlanStore.Change(item, null, r.User.PersonId, r.User.Member.DisplayName, now, null);
        var (outcome, _) = await r.HelpPlans.AddAsync(item, created, r.Ct);
        var after = await r.HelpPlans.GetItemAsync(municipalityId, visit.SchoolId, itemId, r.Ct);
        var answer = HelpPlanViews.ToView(after!.Value.Item, after.Value.History, today);
        r.Http.Response.Headers.CacheControl = "no-store";
        return outcome == SaveOutcome.Saved
            ? TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{visit.SchoolId}/help-plan/{itemId}", answer)
            : TypedResults.Ok(answer);
    }

    // ---- access

    private static async Task<(ReportContext? Context, ProblemHttpResult? Problem)> ResolveAsync(VisitReportRequest r, string municipalityId, string visitId)
    {
        var user = r.User;
        if (user.MunicipalityId != municipalityId)
        {
            return (null, Problems.Forbidden("Эти данные относятся к другому муниципалитету."));
        }

        if (user.Role == Role.Teacher)
        {
            return (null, Problems.Forbidden("Справка по итогам посещения содержит отметки уроков коллег: педагогам она недоступна. Протоколы своего урока вы видите на странице урока после их публикации."));
        }

        var visit = VisitRules.IsKey(visitId) ? await r.Visits.GetVisitAsync(municipalityId, visitId, r.Ct) : null;
        if (visit is null || !user.CanSeeVisit(municipalityId, visit))
        {
            return (null, Problems.NotFound("Такого посещения нет (или оно не относится к вам)."));
        }

        var municipality = await r.Directory.GetMunicipalityAsync(municipalityId, r.Ct);
        if (municipality is null)
        {
            return (null, Problems.NotFound("Такого муниципалитета нет."));
        }

        var lead = visit.TeamList.Any(t => t.PersonId == user.PersonId && t.Role == "leader");
        var canEdit = user.IsMunicipalityWide || lead;
        if (!canEdit && !visit.HasOnTeam(user.PersonId) && user.Role == Role.SchoolAdmin
            && string.CompareOrdinal(visit.Date, HelpPlanViews.Today(municipality, r.Time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) > 0)
        {
            return (null, Problems.Forbidden($"Справка по итогам посещения будет доступна школе после «Методического дня» ({VisitRules.Russian(DateOnly.ParseExact(visit.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture))})."));
        }

        return (new ReportContext(visit, municipality, canEdit, canEdit || user.CanReviewSchool(municipalityId, visit.SchoolId)), null);
    }

    // ---- assembling

    private static VisitReportView Answer(VisitReportRequest r, ReportContext ctx, VisitReportEntity? stored, VisitReportView view)
    {
        r.Http.Response.Headers.CacheControl = "no-store";
        if (!ctx.CanEdit)
        {
            return view;
        }

        var tag = stored?.ETag.ToString() ?? VisitReportStore.NewTag;
        r.Http.Response.Headers.ETag = tag;
        return view with { ETag = tag };
    }

    internal static async Task<VisitProtocols> ProtocolsAsync(VisitReportRequest r, VisitEntity visit)
    {
        var protocols = await r.Protocols.VisitProtocolsAsync(visit.PartitionKey, visit.SchoolId, visit.VisitId, r.Ct);
        var templates = new Dictionary<string, ProtocolTemplate>(StringComparer.Ordinal);
        foreach (var version in protocols.Select(p => p.TemplateVersion).Distinct(StringComparer.Ordinal))
        {
            if (await r.Templates.FindAsync(visit.PartitionKey, version, r.Ct) is { } t)
            {
                templates[version] = t;
            }
        }

        // The grid follows the version most protocols were filled against (the municipality's current one without protocols).
        var main = protocols.Where(p => templates.ContainsKey(p.TemplateVersion)).GroupBy(p => p.TemplateVersion)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key, StringComparer.Ordinal).Select(g => templates[g.Key]).FirstOrDefault()
            ?? await r.Templates.CurrentAsync(visit.PartitionKey, r.Ct);
        return new VisitProtocols(protocols, templates, main);
    }

    private static async Task<VisitReportView> BuildAsync(VisitReportRequest r, ReportContext ctx, VisitReportEntity? stored)
    {
        var visit = ctx.Visit;
        var m = visit.PartitionKey;
        var school = await r.Directory.GetSchoolAsync(m, visit.SchoolId, r.Ct);
        var data = await ProtocolsAsync(r, visit);
        var grid = VisitReportBuilder.Grid(visit, data);
        var text = TextOf(stored);
        var help = (await r.HelpPlans.ReadSchoolAsync(m, visit.SchoolId, r.Ct)).Items;
        var findings = VisitReportBuilder.Findings(visit, data, grid, text, help);
        var sections = VisitReviewReportSections.Of(await r.Reviews.GetAsync(m, visit.VisitId, r.Ct));

        VisitRef? repeatOf = null;
        RepeatComparison? comparison = null;
        if (visit.RepeatOf is { } firstId && await r.Visits.GetVisitAsync(m, firstId, r.Ct) is { } first && first.SchoolId == visit.SchoolId)
        {
            repeatOf = new VisitRef(first.VisitId, first.Date);
            comparison = VisitReportBuilder.Compare(first, await ProtocolsAsync(r, first), visit, data, help);
        }

        var names = visit.TeamList.ToDictionary(t => t.PersonId, t => t.Name);
        var lessons = visit.LessonList.Select(l =>
        {
            var own = data.Protocols.Where(p => p.LessonId == l.Id).ToList();
            return new ReportLesson(l.Id!, l.TeacherId, l.TeacherName, l.Subject, l.Grade, l.Number, l.Start, l.End,
                [.. l.Observers.Select(o => names.GetValueOrDefault(o, o))], own.Count, own.Count(p => p.Released));
        }).ToList();
        return new VisitReportView(
            visit.VisitId, m, visit.SchoolId, school?.ShortName ?? visit.SchoolId, visit.Date, visit.Purpose,
            [.. visit.DirectionList.Select(d => VisitRules.Directions.FirstOrDefault(x => x.Code == d)?.Label ?? d)],
            visit.TeamList, repeatOf, lessons, grid,
            VisitReportBuilder.Lines(visit, data.Protocols, c => c.Strengths),
            VisitReportBuilder.Lines(visit, data.Protocols, c => c.Problems),
            VisitReportBuilder.Lines(visit, data.Protocols, c => c.Recommendations),
            text, findings, sections, comparison,
            new ReportPermissions(ctx.CanEdit, ctx.CanMakeHelpItems, r.User.CanPlanVisits(m)), null);
    }

    private static ReportText TextOf(VisitReportEntity? e) => e is null
        ? new ReportText("", "", [], [], null, null)
        : new ReportText(e.Summary, e.Conclusions, e.RecommendationList, e.AgreementList, e.UpdatedAt, e.UpdatedByName);

    // ---- checks

    private static string Text(string? value, string field, string what, FieldErrors errors)
    {
        var text = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > MaxText)
        {
            errors.Add(field, $"{what}: не больше {MaxText} символов.");
        }

        return text;
    }

    /// <summary>The lines as sent, empty ones left out; a line keeps its id (or gets one made from its text, the same on a retry).</summary>
    private static List<ReportLine> Lines(IReadOnlyList<ReportLineInput?>? input, string field, string what, FieldErrors errors)
    {
        var rows = input ?? [];
        if (rows.Count > MaxLines)
        {
            errors.Add(field, $"Не больше {MaxLines} {what}.");
            return [];
        }

        var lines = new List<ReportLine>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var text = (rows[i]?.Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Length > MaxLine)
            {
                errors.Add($"{field}.{i}.text", $"Пункт {i + 1}: не больше {MaxLine} символов.");
                continue;
            }

            var id = rows[i]?.Id?.Trim();
            if (id is null || !LineId().IsMatch(id) || ids.Contains(id))
            {
                var made = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
                id = made;
                for (var n = 2; ids.Contains(id); n++)
                {
                    id = $"{made}-{n}";
                }
            }

            ids.Add(id);
            lines.Add(new ReportLine(id, text));
        }

        return lines;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,23}$")]
    private static partial Regex LineId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")]
    private static partial Regex FindingPattern();
}

/// <summary>A repeat visit («повторное посещение», seed 000) names the visit it follows: one of the same school.</summary>
internal static class VisitRepeats
{
    public static async Task<(string? RepeatOf, ValidationProblem? Problem)> CheckAsync(VisitStore store, string municipalityId, string? repeatOf, string schoolId, CancellationToken ct)
    {
        var id = repeatOf?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return (null, null);
        }

        var first = VisitRules.IsKey(id) ? await store.GetVisitAsync(municipalityId, id, ct) : null;
        if (first is null)
        {
            return (null, Problems.Invalid("repeatOf", "Посещения, по итогам которого планируется повторное, нет."));
        }

        return first.SchoolId != schoolId
            ? (null, Problems.Invalid("repeatOf", "Повторное посещение планируется в ту же школу, что и первое."))
            : (first.VisitId, null);
    }
}
