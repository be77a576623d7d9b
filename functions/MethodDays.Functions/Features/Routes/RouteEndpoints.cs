using System.Globalization;
using Azure;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Staff;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Routes;

/// <summary>
/// The dependencies of the route handlers, bound with <c>[AsParameters]</c>; services are marked, else the compile-time
/// request delegates take them for a JSON body.
/// </summary>
internal sealed record RouteRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] RouteStore Store,
    [FromServices] DiagnosticStore Diagnostics,
    [FromServices] StaffStore Staff,
    [FromServices] DirectoryStore Directory,
    [FromServices] PracticeStore Practices,
    [FromServices] IRouteModules Modules,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>A teacher's route: draft from a diagnostic, save (revisions once approved), agree, approve, consultations.</summary>
internal static class RouteEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/routes").WithTags("Индивидуальные образовательные маршруты");
        group.MapGet("", ListAsync).WithName("Routes").WithSummary("Маршруты педагогов школы за учебный год (педагогу — свой)").ProducesProblems(400, 403, 404);
        group.MapPost("/{teacherId}/draft", DraftAsync).WithName("RouteDraft")
            .WithSummary("Проект маршрута по входной диагностике: по мероприятию на каждую компетенцию низкого и среднего уровня; ничего не сохраняется")
            .ProducesProblems(400, 403, 404);
        group.MapGet("/{teacherId}/{period}", GetAsync).WithName("Route").WithSummary("Маршрут педагога за учебный год (2026-27); заголовок ETag").ProducesProblems(400, 403, 404);
        group.MapPut("/{teacherId}/{period}", SaveAsync).WithName("RouteSave")
            .WithSummary("Сохранить маршрут; изменение — с If-Match. Изменение плана утверждённого маршрута — новая редакция, её снова согласуют и утверждают")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409, 428);
        group.MapGet("/{teacherId}/{period}/revisions", RevisionsAsync).WithName("RouteRevisions").WithSummary("Прежние утверждённые редакции маршрута").ProducesProblems(400, 403, 404);
        group.MapPost("/{teacherId}/{period}/agreements", AgreeAsync).WithName("RouteAgree")
            .WithSummary("Отметка о согласовании: педагогом или тьютором (If-Match — ETag маршрута)")
            .WithMetadata(new RequestSizeLimitAttribute(4096)).ProducesProblems(400, 403, 404, 409, 428);
        group.MapPost("/{teacherId}/{period}/approval", ApproveAsync).WithName("RouteApprove")
            .WithSummary("Утвердить маршрут приказом школы: дата и номер приказа (If-Match — ETag маршрута)")
            .WithMetadata(new RequestSizeLimitAttribute(4096)).ProducesProblems(400, 403, 404, 409, 428);
        group.MapPost("/{teacherId}/{period}/consultations", ConsultAsync).WithName("RouteConsultation")
            .WithSummary("Консультация тьютора: дата, кто, о чём")
            .WithMetadata(new RequestSizeLimitAttribute(8192)).ProducesProblems(400, 403, 404);
    }

    public static async Task<Results<Ok<IReadOnlyList<RouteSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string municipalityId, string schoolId, string? period, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReachRoutes(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        string? p = null;
        if (period is not null && (p = RouteRules.Period(period)) is null)
        {
            return Problems.Invalid("period", RouteRules.PeriodHint);
        }

        if (!r.User.CanKeepRoutes(municipalityId, schoolId) && r.User.Role is Role.Coordinator or Role.Curator)
        {
            return Problems.Forbidden("Маршруты педагогов — их персональные данные: координатору и куратору доступна сводка эффективности.");
        }

        var staff = (await r.Staff.ListAsync(municipalityId, schoolId, r.Ct)).ToDictionary(t => t.TeacherId);
        var routes = await r.Store.SchoolAsync(municipalityId, schoolId, p, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok<IReadOnlyList<RouteSummary>>([.. routes
            .Where(x => Reads(r.User, municipalityId, schoolId, staff.GetValueOrDefault(x.TeacherId), x))
            .Select(x => (Route: x, Name: staff.GetValueOrDefault(x.TeacherId)?.FullName ?? "педагог не найден в списке школы"))
            .OrderBy(x => x.Name, StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), false)).ThenBy(x => x.Route.Period, StringComparer.Ordinal)
            .Select(x =>
            {
                var items = x.Route.ItemList.Where(i => i.Status != "cancelled").ToList();
                var state = RouteRules.State(x.Route);
                return new RouteSummary(x.Route.TeacherId, x.Name, RouteRules.PeriodLabel(x.Route.Period), x.Route.Revision, state, RouteRules.StateLabel(state),
                    items.Count, items.Count(i => i.Status == "done"), items.Sum(i => i.Hours));
            })]);
    }

    public static async Task<Results<Ok<RouteDraft>, ValidationProblem, ProblemHttpResult>> DraftAsync(
        string municipalityId, string schoolId, string teacherId, string? round, string? period, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepRoutes(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (await r.Staff.GetAsync(municipalityId, schoolId, teacherId, r.Ct) is not { } teacher)
        {
            return Problems.Invalid("teacherId", "Такого педагога в списке школы нет: маршрут составляют педагогу своей школы.");
        }

        if (!teacher.Active)
        {
            return Problems.Invalid("teacherId", $"{teacher.FullName} в архиве списка школы: новый маршрут не составляют.");
        }

        if (string.IsNullOrWhiteSpace(round))
        {
            return Problems.Invalid("round", "Укажите входную диагностику, по которой составить маршрут.");
        }

        if (await r.Diagnostics.RoundAsync(municipalityId, schoolId, round, r.Ct) is not { Kind: "entry" } entry)
        {
            return Problems.Invalid("round", "Такой входной диагностики у школы нет.");
        }

        var result = (await r.Diagnostics.ResultsAsync(municipalityId, schoolId, entry.RoundId, r.Ct)).FirstOrDefault(x => x.TeacherId == teacherId);
        if (result is null)
        {
            return Problems.Invalid("round", $"У педагога нет результатов входной диагностики от {DiagnosticEndpoints.Russian(entry.Date)}: сначала внесите их.");
        }

        var roundDate = DateOnly.ParseExact(entry.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!RouteRules.TryPeriod(period, roundDate, out var p, out var periodProblem))
        {
            return periodProblem!;
        }

        var (from, to) = RouteRules.Bounds(p);
        var start = roundDate.AddDays(1) > from ? roundDate.AddDays(1) : from;
        if (start > to)
        {
            return Problems.Invalid("period", $"Учебный год {RouteRules.PeriodLabel(p)} закончился раньше диагностики: выберите следующий.");
        }

        // By default the route runs to the December review (seed 004: «Анализ эффективности … Декабрь»), or to the end of May after it.
        var december = new DateOnly(from.Year, 12, 15);
        var end = start < december ? december : new DateOnly(to.Year, 5, 31) < start ? to : new DateOnly(to.Year, 5, 31);
        var cuts = entry.CutOffMap;
        var items = new List<RouteItemView>();
        foreach (var c in Competences.All)
        {
            if (result.Get(c.Code) is not { } level)
            {
                continue;
            }

            var word = Competences.Level(level, cuts[c.Code]);
            if (word == "high")
            {
                continue;
            }

            items.Add(RouteRules.View(new RouteItem($"i{items.Count + 1}", c.Code, RouteRules.DefaultContent(c, word), word == "low" ? "course" : "seminar",
                word == "low" ? 36 : 18, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                null, null, "planned", null, null)));
        }

        var message = items.Count == 0
            ? "По входной диагностике все компетенции педагога на высоком уровне: мероприятия маршрута добавьте по его запросу."
            : $"Предложено мероприятий: {items.Count} — по одному на каждую компетенцию низкого и среднего уровня. Это проект: отредактируйте и сохраните маршрут.";
        var offered = new List<CompetencePractices>();
        if (items.Count > 0)
        {
            var accepted = (await r.Practices.ListAsync(municipalityId, r.Ct)).Where(x => x.StateValue == PracticeState.Accepted).ToList();
            foreach (var item in items)
            {
                offered.Add(new CompetencePractices(item.Competence, item.CompetenceLabel, [.. accepted
                    .Where(x => PracticeViews.Competences(x).Contains(item.Competence))
                    .OrderByDescending(x => x.UpdatedAt).Take(RouteRules.PracticesPerCompetence)
                    .Select(x => new PracticeOffer(x.Id, x.Title))]));
            }
        }

        return TypedResults.Ok(new RouteDraft(teacherId, teacher.FullName, RouteRules.PeriodLabel(p), entry.RoundId, entry.Date, items, message, offered));
    }

    public static async Task<Results<Ok<RouteView>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string teacherId, string period, [AsParameters] RouteRequest r)
    {
        if (await OpenAsync(r, municipalityId, schoolId, teacherId, period) is not { } opened)
        {
            return await ProblemOf(r, municipalityId, schoolId, teacherId, period);
        }

        var (teacher, route, p) = opened;
        if (route is null)
        {
            return Problems.NotFound($"Маршрута на {RouteRules.PeriodLabel(p)} у педагога пока нет.");
        }

        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await ViewAsync(r, route, teacher.FullName));
    }

    public static async Task<Results<Ok<RouteView>, Created<RouteView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string municipalityId, string schoolId, string teacherId, string period, RouteInput input, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanKeepRoutes(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (RouteRules.Period(period) is not { } p)
        {
            return Problems.Invalid("period", RouteRules.PeriodHint);
        }

        if (await r.Staff.GetAsync(municipalityId, schoolId, teacherId, r.Ct) is not { } teacher)
        {
            return Problems.Invalid("teacherId", "Такого педагога в списке школы нет: маршрут составляют педагогу своей школы.");
        }

        var errors = new FieldErrors();
        var tutorName = RouteRules.Optional(input?.TutorName, "tutorName", RouteRules.MaxName, errors);
        var tutorId = RouteRules.Optional(input?.TutorMemberId, "tutorMemberId", 100, errors);
        var items = RouteRules.CheckItems(input?.Items, p, errors);
        if (tutorId is not null)
        {
            if (await r.Directory.GetMemberAsync(municipalityId, tutorId, r.Ct) is not { Active: true } tutor)
            {
                errors.Add("tutorMemberId", "Такого участника в муниципалитете нет: укажите тьютора из списка или впишите имя.");
            }
            else if (!new CurrentUser(tutor).CanReadSchool(municipalityId, schoolId))
            {
                errors.Add("tutorMemberId", $"{tutor.DisplayName} не работает с этой школой и не увидит маршрут: выберите тьютора школы или методиста, либо впишите имя.");
            }
            else
            {
                tutorName ??= tutor.DisplayName;
            }
        }
        else if (tutorName is null && !errors.Any)
        {
            errors.Add("tutorName", "Укажите тьютора (наставника), который сопровождает маршрут.");
        }

        foreach (var (item, i) in (items ?? []).Select((x, i) => (x, i)))
        {
            if (item.ResponsibleMemberId is { } id && await r.Directory.GetMemberAsync(municipalityId, id, r.Ct) is null)
            {
                errors.Add($"items.{i}.responsibleMemberId", "Такого участника в муниципалитете нет: выберите из списка или впишите имя ответственного.");
            }

            if (item.PracticeId is { } practice && await r.Practices.GetAsync(municipalityId, practice, r.Ct) is null)
            {
                errors.Add($"items.{i}.practiceId", "Такой практики в банке муниципалитета нет: проверьте ссылку.");
            }
        }

        if (items is not null)
        {
            await r.Modules.CheckAsync(items, municipalityId, p, errors, r.Ct);
        }

        var entryId = RouteRules.Optional(input?.EntryRoundId, "entryRoundId", 100, errors);
        if (entryId is not null && await r.Diagnostics.RoundAsync(municipalityId, schoolId, entryId, r.Ct) is not { Kind: "entry" })
        {
            errors.Add("entryRoundId", "Такой входной диагностики у школы нет.");
        }

        if (errors.Any || items is null)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        var existing = await r.Store.GetAsync(municipalityId, schoolId, teacherId, p, r.Ct);
        if (existing is null)
        {
            if (!teacher.Active)
            {
                return Problems.Invalid("teacherId", $"{teacher.FullName} в архиве списка школы: новый маршрут не составляют.");
            }

            var route = new RouteEntity
            {
                PartitionKey = RouteStore.Partition(municipalityId, schoolId),
                RowKey = RouteStore.CurrentKey(teacherId, p),
                MunicipalityId = municipalityId,
                SchoolId = schoolId,
                TeacherId = teacherId,
                Period = p,
                EntryRoundId = entryId,
                TutorName = tutorName!,
                TutorMemberId = tutorId,
                Items = Platform.Storage.StoredJson.Write(items),
                CreatedById = r.User.PersonId,
                CreatedAt = now,
                UpdatedById = r.User.PersonId,
                UpdatedByName = r.User.Member.DisplayName,
                UpdatedAt = now,
            };
            if (!await r.Store.AddAsync(route, r.Ct))
            {
                return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName,
                    "Маршрут этого педагога на этот учебный год только что создал другой сотрудник. Ваш вариант не сохранён: сравните с текущим.");
            }

            return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/routes/{teacherId}/{p}", await ViewAsync(r, route, teacher.FullName));
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Маршрут уже сохранён: укажите в заголовке If-Match его ETag, чтобы не затереть чужое изменение.");
        }

        if (existing.ETag.ToString() != tag)
        {
            return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName,
                $"Маршрут уже изменил(а) {existing.UpdatedByName}. Ваши изменения не сохранены: сравните их с текущим маршрутом и сохраните ещё раз.");
        }

        var next = existing.Copy(existing.RowKey);
        next.TutorName = tutorName!;
        next.TutorMemberId = tutorId;
        next.EntryRoundId = entryId ?? existing.EntryRoundId;

        // An uploaded certificate stays with its item (the same id): the form does not send it back.
        var certificates = existing.ItemList.Where(i => i.Certificate is not null).ToDictionary(i => i.Id, i => i.Certificate);
        next.Items = Platform.Storage.StoredJson.Write(items.Select(i => i with { Certificate = certificates.GetValueOrDefault(i.Id) }).ToList());
        RouteEntity? kept = null;
        if (next.Plan != existing.Plan)
        {
            // The plan changed: the marks were given to the old one. An approved plan stays as it was approved.
            if (existing.Approved)
            {
                kept = existing.Copy(RouteStore.RevisionKey(teacherId, p, existing.Revision));
                next.Revision = existing.Revision + 1;
            }

            next.TeacherAgreedById = next.TeacherAgreedByName = next.TutorAgreedById = next.TutorAgreedByName = null;
            next.TeacherAgreedAt = next.TutorAgreedAt = null;
            next.ApprovedById = next.ApprovedByName = next.OrderDate = next.OrderNumber = null;
            next.ApprovedAt = null;
        }
        else if (next.Items == existing.Items && next.EntryRoundId == existing.EntryRoundId)
        {
            r.Http.Response.Headers.ETag = existing.ETag.ToString();
            return TypedResults.Ok(await ViewAsync(r, existing, teacher.FullName));
        }

        next.UpdatedById = r.User.PersonId;
        next.UpdatedByName = r.User.Member.DisplayName;
        next.UpdatedAt = now;
        if (!await r.Store.ReplaceAsync(next, existing.ETag, kept, r.Ct))
        {
            return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName,
                "Маршрут только что изменил другой сотрудник. Ваши изменения не сохранены: сравните их с текущим маршрутом и сохраните ещё раз.");
        }

        return TypedResults.Ok(await ViewAsync(r, next, teacher.FullName));
    }

    public static async Task<Results<Ok<IReadOnlyList<RouteView>>, ValidationProblem, ProblemHttpResult>> RevisionsAsync(
        string municipalityId, string schoolId, string teacherId, string period, [AsParameters] RouteRequest r)
    {
        if (await OpenAsync(r, municipalityId, schoolId, teacherId, period) is not { } opened)
        {
            return await ProblemOf(r, municipalityId, schoolId, teacherId, period);
        }

        var revisions = await r.Store.RevisionsAsync(municipalityId, schoolId, teacherId, opened.Period, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok<IReadOnlyList<RouteView>>([.. revisions.Select(v => RouteRules.View(v, opened.Teacher.FullName, []))]);
    }

    public static async Task<Results<Ok<RouteView>, ValidationProblem, ProblemHttpResult>> AgreeAsync(
        string municipalityId, string schoolId, string teacherId, string period, AgreementInput input, [AsParameters] RouteRequest r)
    {
        if (await OpenAsync(r, municipalityId, schoolId, teacherId, period) is not { } opened)
        {
            return await ProblemOf(r, municipalityId, schoolId, teacherId, period);
        }

        var (teacher, route, p) = opened;
        if (route is null)
        {
            return Problems.NotFound($"Маршрута на {RouteRules.PeriodLabel(p)} у педагога пока нет.");
        }

        var role = input?.As?.Trim();
        if (role is not ("teacher" or "tutor"))
        {
            return Problems.Invalid("as", "Согласовать можно как педагог («teacher») или как тьютор («tutor»).");
        }

        if (role == "teacher" && teacher.PersonId != r.User.PersonId)
        {
            return Problems.Forbidden("Отметку педагога ставит только сам педагог — из своей учётной записи.");
        }

        if (role == "tutor" && (route.TutorMemberId is { } tutorId ? tutorId != r.User.PersonId : !r.User.CanKeepRoutes(municipalityId, schoolId)))
        {
            return Problems.Forbidden(route.TutorMemberId is null
                ? "Отметку тьютора, которого нет в системе, ставит администрация школы или методист."
                : $"Отметку тьютора ставит сам тьютор — {route.TutorName}.");
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag маршрута: так согласуется именно та редакция, которую вы видели.");
        }

        if (route.ETag.ToString() != tag)
        {
            return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName,
                $"Маршрут изменился после того, как вы его открыли (изменил(а) {route.UpdatedByName}). Прочитайте текущую редакцию и согласуйте её.");
        }

        if (route.Approved)
        {
            return Problems.Conflict($"Маршрут уже утверждён ({RouteRules.OrderWords(route)}): согласовывать нечего.",
                new Dictionary<string, object?> { ["current"] = await ViewAsync(r, route, teacher.FullName) });
        }

        var already = role == "teacher" ? route.TeacherAgreedAt : route.TutorAgreedAt;
        if (already is not null)
        {
            return TypedResults.Ok(await ViewAsync(r, route, teacher.FullName));
        }

        var next = route.Copy(route.RowKey);
        var now = r.Time.GetUtcNow();
        if (role == "teacher")
        {
            (next.TeacherAgreedById, next.TeacherAgreedByName, next.TeacherAgreedAt) = (r.User.PersonId, r.User.Member.DisplayName, now);
        }
        else
        {
            (next.TutorAgreedById, next.TutorAgreedByName, next.TutorAgreedAt) = (r.User.PersonId, r.User.Member.DisplayName, now);
        }

        if (!await r.Store.ReplaceAsync(next, route.ETag, null, r.Ct))
        {
            return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName, "Маршрут только что изменили. Прочитайте текущую редакцию и согласуйте её.");
        }

        return TypedResults.Ok(await ViewAsync(r, next, teacher.FullName));
    }

    public static async Task<Results<Ok<RouteView>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string municipalityId, string schoolId, string teacherId, string period, ApprovalInput input, [AsParameters] RouteRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanApproveRoutes(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem.StatusCode == 403 && r.User.MunicipalityId == municipalityId && r.User.Role == Role.Methodist
                ? Problems.Forbidden("Маршрут утверждает приказом администрация школы.")
                : problem;
        }

        if (await OpenAsync(r, municipalityId, schoolId, teacherId, period) is not { } opened)
        {
            return await ProblemOf(r, municipalityId, schoolId, teacherId, period);
        }

        var (teacher, route, p) = opened;
        if (route is null)
        {
            return Problems.NotFound($"Маршрута на {RouteRules.PeriodLabel(p)} у педагога пока нет.");
        }

        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(r.Time.GetUtcNow().UtcDateTime);
        if (!RouteRules.TryDate(input?.OrderDate, out var orderDate))
        {
            errors.Add("orderDate", "Дата приказа — в виде ГГГГ-ММ-ДД.");
        }
        else if (orderDate > today.AddDays(1))
        {
            errors.Add("orderDate", $"Дата приказа ({RouteRules.Russian(orderDate)}) ещё не наступила.");
        }

        var number = RouteRules.Optional(input?.OrderNumber, "orderNumber", 50, errors);
        if (number is null && string.IsNullOrWhiteSpace(input?.OrderNumber))
        {
            errors.Add("orderNumber", "Укажите номер приказа об утверждении ИОМ.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (route.Approved)
        {
            return Problems.Conflict($"Маршрут уже утверждён: {RouteRules.OrderWords(route)} ({route.ApprovedByName}). Повторно утверждать не нужно.",
                new Dictionary<string, object?> { ["current"] = await ViewAsync(r, route, teacher.FullName) });
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag маршрута: так утверждается именно та редакция, которую вы видели.");
        }

        if (route.ETag.ToString() != tag)
        {
            return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName,
                $"Маршрут изменился после того, как вы его открыли (изменил(а) {route.UpdatedByName}). Прочитайте текущую редакцию.");
        }

        var missing = new List<string>();
        if (route.TeacherAgreedAt is null)
        {
            missing.Add("педагога");
        }

        if (route.TutorAgreedAt is null)
        {
            missing.Add("тьютора");
        }

        if (missing.Count > 0)
        {
            return Problems.Conflict($"Маршрут ещё не согласован: нет отметки {string.Join(" и ", missing)}. Утверждают согласованный маршрут.",
                new Dictionary<string, object?> { ["current"] = await ViewAsync(r, route, teacher.FullName) });
        }

        var next = route.Copy(route.RowKey);
        (next.ApprovedById, next.ApprovedByName, next.ApprovedAt) = (r.User.PersonId, r.User.Member.DisplayName, r.Time.GetUtcNow());
        (next.OrderDate, next.OrderNumber) = (orderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), number);
        if (!await r.Store.ReplaceAsync(next, route.ETag, null, r.Ct))
        {
            return await ConflictAsync(r, municipalityId, schoolId, teacherId, p, teacher.FullName, "Маршрут только что изменили. Прочитайте текущую редакцию.");
        }

        return TypedResults.Ok(await ViewAsync(r, next, teacher.FullName));
    }

    public static async Task<Results<Created<ConsultationView>, ValidationProblem, ProblemHttpResult>> ConsultAsync(
        string municipalityId, string schoolId, string teacherId, string period, ConsultationInput input, [AsParameters] RouteRequest r)
    {
        if (await OpenAsync(r, municipalityId, schoolId, teacherId, period) is not { } opened)
        {
            return await ProblemOf(r, municipalityId, schoolId, teacherId, period);
        }

        var (_, route, p) = opened;
        if (route is null)
        {
            return Problems.NotFound($"Маршрута на {RouteRules.PeriodLabel(p)} у педагога пока нет.");
        }

        if (!r.User.CanKeepRoutes(municipalityId, schoolId) && route.TutorMemberId != r.User.PersonId)
        {
            return Problems.Forbidden("Консультации записывает тьютор маршрута, администрация школы или методист.");
        }

        var errors = new FieldErrors();
        var now = r.Time.GetUtcNow();
        if (!RouteRules.TryDate(input?.Date, out var date))
        {
            errors.Add("date", "Дата консультации — в виде ГГГГ-ММ-ДД.");
        }
        else if (date > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            errors.Add("date", "Консультацию записывают после того, как она прошла: дата ещё не наступила.");
        }

        var note = RouteRules.Optional(input?.Note, "note", RouteRules.MaxNote, errors);
        if (note is null && !errors.Any)
        {
            errors.Add("note", "Кратко запишите, о чём была консультация.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var entity = new ConsultationEntity
        {
            PartitionKey = RouteStore.Partition(municipalityId, schoolId),
            RowKey = $"{ConsultationEntity.Prefix}{teacherId}|{p}|{now.UtcTicks:D19}|{Guid.NewGuid().ToString("N")[..8]}",
            TeacherId = teacherId,
            Period = p,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Note = note!,
            ById = r.User.PersonId,
            ByName = r.User.Member.DisplayName,
            At = now,
        };
        await r.Store.AddConsultationAsync(entity, r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/routes/{teacherId}/{p}",
            new ConsultationView(entity.Date, entity.Note, entity.ById, entity.ByName, entity.At));
    }

    /// <summary>Whether this person may read this teacher's route: keepers of the school, the teacher, the route's tutor.</summary>
    internal static bool Reads(CurrentUser user, string m, string s, TeacherEntity? teacher, RouteEntity? route) =>
        user.CanKeepRoutes(m, s)
        || (teacher?.PersonId is { } person && person == user.PersonId)
        || (route?.TutorMemberId is { } tutor && tutor == user.PersonId);

    private static async Task<(TeacherEntity Teacher, RouteEntity? Route, string Period)?> OpenAsync(RouteRequest r, string m, string s, string teacherId, string period)
    {
        if (!(await r.Scope.SchoolAsync(r.User, m, s, u => u.CanReachRoutes(m, s), r.Ct)).TryGet(out _, out _)
            || RouteRules.Period(period) is not { } p
            || await r.Staff.GetAsync(m, s, teacherId, r.Ct) is not { } teacher)
        {
            return null;
        }

        var route = await r.Store.GetAsync(m, s, teacherId, p, r.Ct);
        return Reads(r.User, m, s, teacher, route) ? (teacher, route, p) : null;
    }

    /// <summary>Why <see cref="OpenAsync"/> gave nothing, checked in the same order: scope, period, teacher, access.</summary>
    private static async Task<ProblemHttpResult> ProblemOf(RouteRequest r, string m, string s, string teacherId, string period)
    {
        if (!(await r.Scope.SchoolAsync(r.User, m, s, u => u.CanReachRoutes(m, s), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (RouteRules.Period(period) is null)
        {
            return TypedResults.Problem(RouteRules.PeriodHint, statusCode: 400, title: "Данные не прошли проверку",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["period"] = [RouteRules.PeriodHint] } });
        }

        return await r.Staff.GetAsync(m, s, teacherId, r.Ct) is null
            ? Problems.NotFound("Такого педагога в списке школы нет.")
            : Problems.Forbidden(r.User.Role is Role.Coordinator or Role.Curator
                ? "Маршрут педагога — его персональные данные: координатору и куратору доступна сводка эффективности."
                : "Маршрут педагога видят он сам, его тьютор, администрация школы и методисты.");
    }

    private static async Task<RouteView> ViewAsync(RouteRequest r, RouteEntity route, string teacherName)
    {
        r.Http.Response.Headers.ETag = route.ETag.ToString();
        var consultations = await r.Store.ConsultationsAsync(route.MunicipalityId, route.SchoolId, route.TeacherId, route.Period, r.Ct);
        return RouteRules.View(route, teacherName, consultations);
    }

    private static async Task<ProblemHttpResult> ConflictAsync(RouteRequest r, string m, string s, string teacherId, string p, string teacherName, string detail)
    {
        var current = await r.Store.GetAsync(m, s, teacherId, p, r.Ct);
        return Problems.Conflict(detail, new Dictionary<string, object?> { ["current"] = current is null ? null : await ViewAsync(r, current, teacherName) });
    }
}
