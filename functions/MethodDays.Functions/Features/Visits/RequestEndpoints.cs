using System.Globalization;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>
/// Seed 000: «Методический день» «может проводиться … по запросу администрации школы». The school's administration asks
/// for a month with its reason (once per month: a second request for the same month is a 409 naming the first); the
/// coordinator or a methodist agrees or declines with a reason, and the school is told.
/// </summary>
internal static class RequestEndpoints
{
    private const string Tag = "Посещения школ";

    public static void Map(RouteGroupBuilder api)
    {
        var school = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}").WithTags(Tag);
        school.MapPost("/visit-requests", AskAsync).WithName("AskForVisit")
            .WithSummary("Запрос школы на «Методический день» (администрация школы): месяц и причина; второй запрос на тот же месяц — 409")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(400, 403, 404, 409);
        school.MapGet("/visits", SchoolVisitsAsync).WithName("SchoolVisits")
            .WithSummary("Посещения школы и её запросы (администрация школы, её куратор, координатор, методисты)")
            .ProducesProblems(403, 404);
        api.MapPost("/municipalities/{municipalityId}/visit-requests/{requestId}/answer", AnswerAsync).WithName("AnswerVisitRequest").WithTags(Tag)
            .WithSummary("Ответить на запрос школы: agreed (согласован) или declined (отклонён, с причиной)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(400, 403, 404, 409);
    }

    public static async Task<Results<Created<VisitRequestView>, ValidationProblem, ProblemHttpResult>> AskAsync(
        string municipalityId, string schoolId, VisitRequestInput input, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanAskForVisit(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var thisMonth = LocalTime.CurrentMonth(r.Time, ctx.Municipality.TimeZone);
        if (!YearMonth.TryParse(input.Month, out var month))
        {
            errors.Add("month", "Укажите месяц, на который школа просит посещение (ГГГГ-ММ).");
        }
        else if (month < thisMonth)
        {
            errors.Add("month", $"Месяц уже прошёл: выберите {thisMonth.RussianName} или позже.");
        }
        else if ((month.Year * 12) + month.Month - (thisMonth.Year * 12) - thisMonth.Month > 12)
        {
            errors.Add("month", "Запросить посещение можно не больше чем на год вперёд.");
        }

        var reason = ResultsRules.Collapse(input.Reason);
        if (reason.Length is < 10 or > 2000)
        {
            errors.Add("reason", "Опишите, с чем школе нужна помощь (от 10 до 2000 символов).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var key = month.ToString();
        var request = new VisitRequestEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitStore.RequestKey(schoolId, key),
            SchoolId = schoolId,
            Month = key,
            Reason = reason,
            CreatedById = r.User.PersonId,
            CreatedByName = r.User.Member.DisplayName,
            CreatedAt = r.Time.GetUtcNow(),
        };
        if (!await r.Store.AddRequestAsync(request, r.Ct))
        {
            var existing = await r.Store.GetRequestAsync(municipalityId, schoolId, key, r.Ct);
            return Problems.Conflict(
                $"Школа уже просила посещение на {month.RussianName}" + (existing is null ? "." : $" ({existing.CreatedByName}, {VisitRules.RequestLabel(existing.Status)}). Второй запрос на тот же месяц не нужен: дополните первый через координатора или выберите другой месяц."),
                new Dictionary<string, object?> { ["current"] = existing is null ? null : View(existing, ctx.School.ShortName) });
        }

        await r.Notices.RequestedAsync(ctx.Municipality, ctx.School, request, r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/visits", View(request, ctx.School.ShortName));
    }

    public static async Task<Results<Ok<VisitListView>, ProblemHttpResult>> SchoolVisitsAsync(string municipalityId, string schoolId, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.SeesSchoolVisits(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var visits = (await r.Store.VisitsAsync(municipalityId, r.Ct)).Where(v => v.SchoolId == schoolId)
            .OrderByDescending(v => v.Date, StringComparer.Ordinal)
            .Select(v => VisitEndpoints.Summary(v, ctx.School.ShortName, r.User.PersonId)).ToList();
        var requests = (await r.Store.SchoolRequestsAsync(municipalityId, schoolId, r.Ct)).OrderByDescending(q => q.Month, StringComparer.Ordinal)
            .Select(q => View(q, ctx.School.ShortName)).ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new VisitListView(municipalityId, visits, requests, r.User.CanPlanVisits(municipalityId)));
    }

    public static async Task<Results<Ok<VisitRequestView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string municipalityId, string requestId, VisitRequestAnswer input, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct,
            "На запросы школ отвечают координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var dot = requestId.IndexOf('.', StringComparison.Ordinal);
        var request = dot == 7 && YearMonth.TryParse(requestId[..7], out _) && VisitRules.IsKey(requestId[(dot + 1)..])
            ? await r.Store.GetRequestAsync(municipalityId, requestId[(dot + 1)..], requestId[..7], r.Ct)
            : null;
        var school = request is null ? null : await r.Directory.GetSchoolAsync(municipalityId, request.SchoolId, r.Ct);
        if (request is null || school is null)
        {
            return Problems.NotFound("Такого запроса нет.");
        }

        var errors = new FieldErrors();
        var comment = ResultsRules.Collapse(input.Comment);
        if (input.Decision is not (VisitRules.Agreed or VisitRules.Declined))
        {
            errors.Add("decision", "Ответ — agreed (согласовать) или declined (отклонить).");
        }
        else if (input.Decision == VisitRules.Declined && comment.Length < 5)
        {
            errors.Add("comment", "Напишите школе, почему запрос отклонён.");
        }

        if (comment.Length > 2000)
        {
            errors.Add("comment", "Не больше 2000 символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.Status != VisitRules.Pending)
        {
            return request.Status == input.Decision && (request.Comment ?? "") == comment
                ? TypedResults.Ok(View(request, school.ShortName))
                : Problems.Conflict($"На запрос уже ответил(а) {request.AnsweredByName}: {VisitRules.RequestLabel(request.Status)}.",
                    new Dictionary<string, object?> { ["current"] = View(request, school.ShortName) });
        }

        request.Status = input.Decision!;
        request.Comment = comment.Length == 0 ? null : comment;
        request.AnsweredByName = r.User.Member.DisplayName;
        request.AnsweredAt = r.Time.GetUtcNow();
        if (!await r.Store.UpdateRequestAsync(request, r.Ct))
        {
            return Problems.Conflict("На запрос только что ответили. Обновите страницу.");
        }

        await r.Notices.AnsweredAsync(ctx.Municipality, school, request, r.Ct);
        return TypedResults.Ok(View(request, school.ShortName));
    }

    internal static VisitRequestView View(VisitRequestEntity q, string schoolName) => new(
        q.RequestId, q.SchoolId, schoolName, q.Month, q.Reason, q.Status, VisitRules.RequestLabel(q.Status), q.Comment, q.CreatedAt, q.CreatedByName,
        q.AnsweredAt, q.AnsweredByName, q.VisitId);

    internal static string MonthName(string month) =>
        new YearMonth(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture)).RussianName;
}
