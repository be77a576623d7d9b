using Azure;
using MethodDays.Features.People;
using MethodDays.Features.MonthlyForms;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Progress;

/// <summary>What the help-plan handlers need besides their route values. Services are marked: a GET has no body to bind the rest from.</summary>
internal sealed record HelpPlanRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DirectoryStore Directory,
    [FromServices] HelpPlanStore Store,
    [FromServices] ProgressStore Progress,
    [FromServices] MethodDays.Features.Staff.StaffStore StaffList,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>
/// A school's plan of targeted help (seed 001 §2.17: drawn up by the curator and the methodical department from the
/// progress sheets): kept by the school's curator, methodists and the coordinator, read by the school.
/// </summary>
internal static class HelpPlanEndpoints
{
    private const long MaxBodyBytes = 32 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var plan = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/help-plan").WithTags("План адресной помощи");
        plan.MapGet("", GetPlanAsync).WithName("HelpPlan").WithSummary("План адресной помощи школе: пункты и история их статусов")
            .ProducesProblems(403, 404);
        plan.MapPost("", AddAsync).WithName("HelpPlanAdd").WithSummary("Добавить пункт плана (куратор школы, методист, координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409);
        plan.MapGet("/{itemId}", GetItemAsync).WithName("HelpPlanItem").WithSummary("Пункт плана с историей статусов")
            .ProducesProblems(403, 404);
        plan.MapPut("/{itemId}", UpdateAsync).WithName("HelpPlanUpdate").WithSummary("Изменить пункт плана (If-Match — ETag пункта)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409, 428);

        api.MapGroup("/municipalities/{municipalityId}/help-plan").WithTags("План адресной помощи")
            .MapGet("/overdue", GetOverdueAsync).WithName("HelpPlanOverdue").WithSummary("Просроченные пункты планов всех школ муниципалитета")
            .ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<HelpPlanView>, ProblemHttpResult>> GetPlanAsync(
        string municipalityId, string schoolId, [AsParameters] HelpPlanRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var today = HelpPlanViews.Today(ctx.Municipality, r.Time);
        var rows = await r.Store.ReadSchoolAsync(municipalityId, schoolId, r.Ct);
        var items = rows.Items
            .OrderBy(i => i.DueDate, StringComparer.Ordinal)
            .ThenBy(i => i.CreatedAt)
            .Select(i => HelpPlanViews.ToView(i, rows.History[i.ItemId], today))
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new HelpPlanView(municipalityId, schoolId, ctx.School.Name, items, HelpPlanRules.Statuses,
            new HelpPlanPermissions(r.User.CanReviewSchool(municipalityId, schoolId))));
    }

    public static async Task<Results<Ok<HelpItemView>, ProblemHttpResult>> GetItemAsync(
        string municipalityId, string schoolId, string itemId, [AsParameters] HelpPlanRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var found = await r.Store.GetItemAsync(municipalityId, schoolId, Key(itemId), r.Ct);
        if (found is not { } f)
        {
            return Problems.NotFound("Такого пункта в плане школы нет.");
        }

        return TypedResults.Ok(Answer(r.Http, HelpPlanViews.ToView(f.Item, f.History, HelpPlanViews.Today(ctx.Municipality, r.Time))));
    }

    public static async Task<Results<Created<HelpItemView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string municipalityId, string schoolId, HelpItemInput input, [AsParameters] HelpPlanRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReviewSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var fields = HelpPlanRules.Check(input, create: true, LocalTime.CurrentMonth(r.Time, ctx.Municipality.TimeZone), errors);
        var requestTopic = errors.Any ? null : await HelpPlanRules.CheckSourceAsync(r.Progress, municipalityId, schoolId, fields, errors, r.Ct);
        var recipientName = errors.Any ? null : await HelpPlanRules.CheckRecipientAsync(r.StaffList, municipalityId, schoolId, fields, errors, r.Ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var item = new HelpItemEntity
        {
            PartitionKey = municipalityId,
            SchoolId = schoolId,
            ItemId = HelpPlanRules.NormalizeId(input.Id) ?? HelpPlanRules.NewId(),
            CreatedById = r.User.PersonId,
            CreatedByName = r.User.Member.DisplayName,
            CreatedAt = now,
        };
        item.RowKey = HelpPlanStore.ItemKey(schoolId, item.ItemId);
        HelpPlanViews.Apply(item, fields, fields.Status!, requestTopic, r.User, now, recipientName);
        var created = HelpPlanStore.Change(item, null, r.User.PersonId, r.User.Member.DisplayName, now, fields.StatusComment);
        var (outcome, stored) = await r.Store.AddAsync(item, created, r.Ct);
        var today = HelpPlanViews.Today(ctx.Municipality, r.Time);
        if (outcome == SaveOutcome.Conflict)
        {
            return Problems.Conflict("Пункт с таким кодом уже есть в плане школы. Чтобы изменить его, откройте пункт.",
                new Dictionary<string, object?> { ["current"] = HelpPlanViews.ToView(stored, [], today) });
        }

        var history = outcome == SaveOutcome.Saved ? null : (await r.Store.GetItemAsync(municipalityId, schoolId, stored.ItemId, r.Ct))?.History;
        var view = HelpPlanViews.ToView(stored, history ?? [created], today);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/help-plan/{stored.ItemId}", Answer(r.Http, view));
    }

    public static async Task<Results<Ok<HelpItemView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string municipalityId, string schoolId, string itemId, HelpItemInput input, [AsParameters] HelpPlanRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReviewSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag пункта, который вы изменяете: так ничьи изменения не потеряются.");
        }

        var ifMatch = new ETag(tag);
        var errors = new FieldErrors();
        var fields = HelpPlanRules.Check(input, create: false, LocalTime.CurrentMonth(r.Time, ctx.Municipality.TimeZone), errors);
        var found = await r.Store.GetItemAsync(municipalityId, schoolId, Key(itemId), r.Ct);
        if (found is not { } current)
        {
            return Problems.NotFound("Такого пункта в плане школы нет.");
        }

        if (input.Source is null)
        {
            // An update that says nothing of the source keeps the link to the request it answers.
            fields = fields with { SourceMonth = current.Item.SourceMonth, SourceRequestId = current.Item.SourceRequestId };
        }

        var recipientName = current.Item.RecipientName;
        if (input.Recipient is null)
        {
            // Nor of whom it is for: the item stays addressed as it was.
            fields = fields with { RecipientKind = current.Item.RecipientKind, RecipientTeacherId = current.Item.RecipientTeacherId };
        }
        else if (!errors.Any && (fields.RecipientKind != current.Item.RecipientKind || fields.RecipientTeacherId != current.Item.RecipientTeacherId))
        {
            // A teacher already named stays named even after leaving the list; a new choice must be on it.
            recipientName = await HelpPlanRules.CheckRecipientAsync(r.StaffList, municipalityId, schoolId, fields, errors, r.Ct);
        }

        var today = HelpPlanViews.Today(ctx.Municipality, r.Time);
        var requestTopic = current.Item.SourceRequestTopic;
        if (!errors.Any && (fields.SourceMonth != current.Item.SourceMonth || fields.SourceRequestId != current.Item.SourceRequestId))
        {
            // A source already linked stays valid even if the school later resubmits without that request.
            requestTopic = await HelpPlanRules.CheckSourceAsync(r.Progress, municipalityId, schoolId, fields, errors, r.Ct);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var status = fields.Status ?? current.Item.Status;
        var item = current.Item;
        var previousStatus = item.Status;
        HelpPlanViews.Apply(item, fields, status, requestTopic, r.User, now, recipientName);
        item.WrittenFromEtag = ifMatch.ToString();
        var change = status == previousStatus ? null : HelpPlanStore.Change(item, previousStatus, r.User.PersonId, r.User.Member.DisplayName, now, fields.StatusComment);
        var (outcome, stored) = await r.Store.UpdateAsync(item, ifMatch, change, r.Ct);
        var after = await r.Store.GetItemAsync(municipalityId, schoolId, item.ItemId, r.Ct);
        if (after is null)
        {
            return Problems.NotFound("Пункт удалён, пока вы его редактировали.");
        }

        var view = HelpPlanViews.ToView(after.Value.Item, after.Value.History, today);
        if (outcome == SaveOutcome.Conflict)
        {
            return Problems.Conflict(
                $"Пункт уже изменил(а) {view.Updated.Name}. Ваши изменения не сохранены: сравните их с текущей версией и сохраните ещё раз.",
                new Dictionary<string, object?> { ["current"] = view });
        }

        return TypedResults.Ok(Answer(r.Http, view));
    }

    public static async Task<Results<Ok<OverdueHelpView>, ProblemHttpResult>> GetOverdueAsync(
        string municipalityId, [AsParameters] HelpPlanRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId,
                u => u.CanSeeMunicipality(municipalityId) || (u.MunicipalityId == municipalityId && u.Role == Role.Curator), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var today = HelpPlanViews.Today(ctx.Municipality, r.Time);
        var itemsTask = r.Store.OverdueAsync(municipalityId, today, r.Ct);
        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id);
        var items = (await itemsTask)
            .Where(i => r.User.CanReadSchool(municipalityId, i.SchoolId))
            .OrderBy(i => i.DueDate, StringComparer.Ordinal)
            .ThenBy(i => schools.GetValueOrDefault(i.SchoolId)?.ShortName, StringComparer.Ordinal)
            .Select(i => new OverdueHelpItem(i.SchoolId, schools.GetValueOrDefault(i.SchoolId)?.ShortName ?? i.SchoolId,
                today.DayNumber - DateOnly.ParseExact(i.DueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber,
                HelpPlanViews.ToView(i, [], today)))
            .ToList();
        return TypedResults.Ok(new OverdueHelpView(municipalityId, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), items));
    }

    private static HelpItemView Answer(HttpContext http, HelpItemView view)
    {
        http.Response.Headers.ETag = view.ETag;
        http.Response.Headers.CacheControl = "no-store";
        return view;
    }

    private static string Key(string itemId) => itemId.Trim().ToLowerInvariant();
}
