using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Features.Visits;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Subscription;

/// <summary>
/// The school's side: the written application (seed 002: «официальный запрос … о включении в проект»), its answer, the
/// requests of its teachers and of the school, its complex route and its agreement.
/// </summary>
internal static class SchoolSubscriptionEndpoints
{
    private const string Tag = "Методический абонемент";
    private static readonly StringComparer Russian = StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), false);

    public static void Map(RouteGroupBuilder api)
    {
        var school = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/subscription").WithTags(Tag);
        school.MapGet("", SchoolAsync).WithName("SubscriptionSchool")
            .WithSummary("Абонемент школы за учебный год: заявка, запросы, комплексный маршрут и посещаемость (педагогу — своё)").ProducesProblems(400, 403, 404);
        school.MapPost("/applications", ApplyAsync).WithName("SubscriptionApply")
            .WithSummary("Заявка школы на включение в «Методический абонемент»: основания и обоснование; вторая на тот же учебный год — 409")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(400, 403, 404, 409);
        school.MapPost("/needs", AddNeedAsync).WithName("SubscriptionNeed")
            .WithSummary("Запрос в банк запросов: тема, компетенция, предмет, желаемая форма — педагога (администрация школы вносит за педагога) или школы")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(400, 403, 404, 409);
        school.MapPost("/route-agreement", AgreeRouteAsync).WithName("SubscriptionRouteAgree")
            .WithSummary("Школа согласует комплексный образовательный маршрут: модули, запланированные для неё на учебный год")
            .WithMetadata(new RequestSizeLimitAttribute(4096)).ProducesProblems(400, 403, 404, 409);
        api.MapPost("/municipalities/{municipalityId}/subscription/applications/{applicationId}/answer", AnswerAsync).WithName("SubscriptionAnswer").WithTags(Tag)
            .WithSummary("Ответ на заявку школы: agreed (согласовать) или declined (отклонить, с причиной)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(400, 403, 404, 409);
    }

    public static async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string municipalityId, string schoolId, ApplicationInput input, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanApply(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem.StatusCode == 403 && r.User.MunicipalityId == municipalityId
                ? Problems.Forbidden("Заявку на включение в «Методический абонемент» подаёт администрация своей школы.")
                : problem;
        }

        var errors = new FieldErrors();
        if (!SubscriptionRules.TryYear(input?.Year, r.Time, ctx.Municipality, out var year))
        {
            errors.Add("year", SubscriptionRules.YearHint);
        }
        else if (string.CompareOrdinal(year, SchoolYears.Of(SubscriptionRules.Today(r.Time, ctx.Municipality))) < 0)
        {
            errors.Add("year", $"{SchoolYears.Label(year)} уже прошёл: заявку подают на текущий или следующий учебный год.");
        }

        var criteria = new List<string>();
        foreach (var (c, i) in (input?.Criteria ?? []).Select((c, i) => (c?.Trim(), i)))
        {
            if (SubscriptionRules.Criteria.All(x => x.Code != c))
            {
                errors.Add($"criteria.{i}", $"Основание — одно из: {string.Join("; ", SubscriptionRules.Criteria.Select(x => $"{x.Code} ({x.Label})"))}.");
            }
            else if (!criteria.Contains(c!))
            {
                criteria.Add(c!);
            }
        }

        if (criteria.Count == 0 && !errors.Any)
        {
            errors.Add("criteria", "Отметьте хотя бы одно основание: заявка ОО, итоги ВПР или диагностика дефицитов предметной компетентности педагогов.");
        }

        var justification = SubscriptionRules.Required(input?.Justification, "justification", 10, SubscriptionRules.MaxText,
            "Обоснуйте заявку: какие дефициты и результаты у школы (от 10 знаков).", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var application = new ApplicationEntity
        {
            PartitionKey = municipalityId,
            RowKey = SubscriptionStore.ApplicationKey(year, schoolId),
            SchoolId = schoolId,
            Year = year,
            Criteria = string.Join(',', SubscriptionRules.Criteria.Select(c => c.Code).Where(criteria.Contains)),
            Justification = justification!,
            CreatedById = r.User.PersonId,
            CreatedByName = r.User.Member.DisplayName,
            CreatedAt = r.Time.GetUtcNow(),
        };
        if (!await r.Store.AddAsync(application, r.Ct))
        {
            var existing = await r.Store.GetAsync<ApplicationEntity>(municipalityId, application.RowKey, r.Ct);
            return Problems.Conflict(
                $"Школа уже подала заявку на {SchoolYears.Label(year)}" + (existing is null ? "." : $" ({existing.CreatedByName}, {SubscriptionRules.StatusLabel(existing.Status)}). Вторая заявка на тот же учебный год не нужна."),
                new Dictionary<string, object?> { ["current"] = existing is null ? null : View(existing, ctx.School.ShortName) });
        }

        await r.Notices.AppliedAsync(ctx.Municipality, ctx.School, application, r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/subscription?year={year}", View(application, ctx.School.ShortName));
    }

    public static async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string municipalityId, string applicationId, ApplicationAnswer input, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "На заявки школ отвечают координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var dot = applicationId.IndexOf('.', StringComparison.Ordinal);
        var application = dot > 0 && SchoolYears.TryParse(applicationId[..dot], out var year) && SubscriptionRules.IsId(applicationId[(dot + 1)..])
            ? await r.Store.GetAsync<ApplicationEntity>(municipalityId, SubscriptionStore.ApplicationKey(year, applicationId[(dot + 1)..]), r.Ct)
            : null;
        var school = application is null ? null : await r.Directory.GetSchoolAsync(municipalityId, application.SchoolId, r.Ct);
        if (application is null || school is null)
        {
            return Problems.NotFound("Такой заявки нет.");
        }

        var errors = new FieldErrors();
        var comment = SubscriptionRules.Collapse(input?.Comment);
        var decision = input?.Decision?.Trim();
        if (decision is not (SubscriptionRules.Agreed or SubscriptionRules.Declined))
        {
            errors.Add("decision", "Ответ — agreed (согласовать) или declined (отклонить).");
        }
        else if (decision == SubscriptionRules.Declined && comment.Length < 5)
        {
            errors.Add("comment", "Напишите школе, почему заявка отклонена.");
        }

        if (comment.Length > SubscriptionRules.MaxText || comment.Any(char.IsControl))
        {
            errors.Add("comment", $"Не больше {SubscriptionRules.MaxText} знаков, без служебных символов.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (application.Status != SubscriptionRules.Pending)
        {
            return application.Status == decision && (application.Comment ?? "") == comment
                ? TypedResults.Ok(View(application, school.ShortName))
                : Problems.Conflict($"На заявку уже ответил(а) {application.AnsweredByName}: {SubscriptionRules.StatusLabel(application.Status)}.",
                    new Dictionary<string, object?> { ["current"] = View(application, school.ShortName) });
        }

        var etag = application.ETag;
        application.Status = decision!;
        application.Comment = comment.Length == 0 ? null : comment;
        application.AnsweredByName = r.User.Member.DisplayName;
        application.AnsweredAt = r.Time.GetUtcNow();
        if (!await r.Store.ReplaceAsync(application, etag, r.Ct))
        {
            return Problems.Conflict("На заявку только что ответили. Обновите страницу.");
        }

        await r.Notices.AnsweredAsync(ctx.Municipality, school, application, r.Ct);
        return TypedResults.Ok(View(application, school.ShortName));
    }

    public static async Task<Results<Created<NeedView>, ValidationProblem, ProblemHttpResult>> AddNeedAsync(
        string municipalityId, string schoolId, NeedInput input, [AsParameters] SubscriptionRequest r)
    {
        var user = r.User;
        if (!(await r.Scope.SchoolAsync(user, municipalityId, schoolId,
            u => u.CanApply(municipalityId, schoolId) || (u.Role == Role.Teacher && u.CanOpenSchool(municipalityId, schoolId)), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem.StatusCode == 403 && user.MunicipalityId == municipalityId
                ? Problems.Forbidden("Запросы в банк вносят педагоги своей школы и её администрация.")
                : problem;
        }

        var errors = new FieldErrors();
        if (!SubscriptionRules.TryYear(input?.Year, r.Time, ctx.Municipality, out var year))
        {
            errors.Add("year", SubscriptionRules.YearHint);
        }

        string? teacherId = null;
        string? teacherName = null;
        var staff = await r.Staff.ListAsync(municipalityId, schoolId, r.Ct);
        if (user.Role == Role.Teacher)
        {
            if (staff.FirstOrDefault(t => t.PersonId == user.PersonId && t.Active) is not { } own)
            {
                return Problems.Forbidden("Вашей учётной записи нет в списке педагогов школы: попросите администрацию школы связать её с вашей строкой списка.");
            }

            if (!string.IsNullOrWhiteSpace(input?.TeacherId) && input.TeacherId.Trim() != own.TeacherId)
            {
                return Problems.Forbidden("Педагог вносит только свои запросы; запросы коллег вносит администрация школы.");
            }

            (teacherId, teacherName) = (own.TeacherId, own.FullName);
        }
        else if (!string.IsNullOrWhiteSpace(input?.TeacherId))
        {
            if (staff.FirstOrDefault(t => t.TeacherId == input.TeacherId.Trim()) is not { Active: true } teacher)
            {
                errors.Add("teacherId", "Такого педагога в списке школы нет (или он в архиве): выберите из списка «Педагоги школы» или оставьте поле пустым для запроса школы.");
            }
            else
            {
                (teacherId, teacherName) = (teacher.TeacherId, teacher.FullName);
            }
        }

        var topic = SubscriptionRules.Required(input?.Topic, "topic", 3, SubscriptionRules.MaxTopic, "Укажите тему: что нужно освоить (от 3 знаков).", errors);
        var competence = input?.Competence?.Trim();
        if (Competences.ByCode(competence) is null)
        {
            errors.Add("competence", $"Компетенция — одна из: {string.Join(", ", Competences.All.Select(c => $"{c.Code} ({c.Label})"))}.");
        }

        var subject = SubscriptionRules.Collapse(input?.Subject);
        if (subject.Length > 100 || subject.Any(char.IsControl))
        {
            errors.Add("subject", "Предмет — не длиннее 100 знаков.");
        }

        var form = input?.Form?.Trim();
        if (SubscriptionRules.Forms.All(f => f.Code != form))
        {
            errors.Add("form", $"Желаемая форма — одна из: {string.Join(", ", SubscriptionRules.Forms.Select(f => $"{f.Code} ({f.Label})"))}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var id = SubscriptionRules.NewId();
        var need = new NeedEntity
        {
            PartitionKey = municipalityId,
            RowKey = SubscriptionStore.NeedKey(year, id),
            NeedId = id,
            Year = year,
            SchoolId = schoolId,
            TeacherId = teacherId,
            TeacherName = teacherName,
            Topic = topic!,
            TopicKey = SubscriptionRules.TopicKey(topic!),
            Competence = competence!,
            Subject = subject,
            Form = form!,
            CreatedById = user.PersonId,
            CreatedByName = user.Member.DisplayName,
            CreatedAt = r.Time.GetUtcNow(),
        };
        await r.Store.AddAsync(need, r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/subscription?year={year}", View(need, ctx.School.ShortName, []));
    }

    public static async Task<Results<Ok<SchoolOverview>, ValidationProblem, ProblemHttpResult>> SchoolAsync(
        string municipalityId, string schoolId, string? year, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanOpenSchool(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!SubscriptionRules.TryYear(year, r.Time, ctx.Municipality, out var y))
        {
            return Problems.Invalid("year", SubscriptionRules.YearHint);
        }

        var staff = await r.Staff.ListAsync(municipalityId, schoolId, r.Ct);
        var own = r.User.Role == Role.Teacher ? staff.FirstOrDefault(t => t.PersonId == r.User.PersonId)?.TeacherId : null;
        var teacherView = r.User.Role == Role.Teacher;
        var application = await r.Store.GetAsync<ApplicationEntity>(municipalityId, SubscriptionStore.ApplicationKey(y, schoolId), r.Ct);
        var modules = (await r.Store.ListAsync<ModuleEntity>(municipalityId, ModuleEntity.Prefix, r.Ct)).Where(m => m.Year == y && m.SchoolList.Contains(schoolId)).ToList();
        var answering = AnsweringModules(modules);
        var needs = (await r.Store.ListAsync<NeedEntity>(municipalityId, SubscriptionStore.NeedKey(y, ""), r.Ct))
            .Where(n => n.SchoolId == schoolId && (!teacherView || (own is not null && n.TeacherId == own)))
            .OrderByDescending(n => n.CreatedAt).ToList();
        var sessions = await ModuleEndpoints.SessionsAsync(r.Store, municipalityId, r.Ct);
        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var ownNeeds = needs.Select(n => n.NeedId).ToHashSet();
        var route = modules
            .Select(m => ModuleEndpoints.View(m, schools, sessions.GetValueOrDefault(m.ModuleId) ?? [], a => a.SchoolId == schoolId && (!teacherView || a.TeacherId == own)))
            .Where(m => !teacherView || m.Sessions.Any(s => s.Attendees.Count > 0) || m.NeedIds.Any(ownNeeds.Contains))
            .OrderBy(m => m.StartDate, StringComparer.Ordinal).ToList();
        var agreement = teacherView ? null : await r.Store.GetAsync<RouteAgreementEntity>(municipalityId, SubscriptionStore.AgreementKey(y, schoolId), r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SchoolOverview(schoolId, ctx.School.ShortName, y, SchoolYears.Label(y),
            application is null || teacherView ? null : View(application, ctx.School.ShortName),
            [.. needs.Select(n => View(n, ctx.School.ShortName, answering.GetValueOrDefault(n.NeedId) ?? []))],
            route,
            agreement is null ? null : new RouteAgreementView(agreement.ModuleList, agreement.AgreedByName, agreement.AgreedAt),
            teacherView ? [] : [.. staff.Where(t => t.Active).OrderBy(t => t.FullName, Russian).Select(t => new SchoolRef(t.TeacherId, t.FullName))],
            r.User.CanApply(municipalityId, schoolId), r.User.CanApply(municipalityId, schoolId), own,
            SubscriptionRules.Criteria, SubscriptionRules.Forms, [.. Competences.All.Select(c => new Choice(c.Code, c.Label))]));
    }

    public static async Task<Results<Ok<RouteAgreementView>, ValidationProblem, ProblemHttpResult>> AgreeRouteAsync(
        string municipalityId, string schoolId, string? year, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanApply(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem.StatusCode == 403 && r.User.MunicipalityId == municipalityId
                ? Problems.Forbidden("Комплексный образовательный маршрут согласует администрация школы.")
                : problem;
        }

        if (!SubscriptionRules.TryYear(year, r.Time, ctx.Municipality, out var y))
        {
            return Problems.Invalid("year", SubscriptionRules.YearHint);
        }

        var modules = (await r.Store.ListAsync<ModuleEntity>(municipalityId, ModuleEntity.Prefix, r.Ct))
            .Where(m => m.Year == y && m.SchoolList.Contains(schoolId)).Select(m => m.ModuleId).Order(StringComparer.Ordinal).ToList();
        if (modules.Count == 0)
        {
            return Problems.Conflict($"Для школы на {SchoolYears.Label(y)} ещё не запланировано ни одного модуля: согласовывать нечего.");
        }

        var agreement = new RouteAgreementEntity
        {
            PartitionKey = municipalityId,
            RowKey = SubscriptionStore.AgreementKey(y, schoolId),
            SchoolId = schoolId,
            Year = y,
            Modules = Platform.Storage.StoredJson.Write(modules),
            AgreedByName = r.User.Member.DisplayName,
            AgreedAt = r.Time.GetUtcNow(),
        };
        await r.Store.UpsertAsync(agreement, r.Ct);
        return TypedResults.Ok(new RouteAgreementView(modules, agreement.AgreedByName, agreement.AgreedAt));
    }

    /// <summary>For each request, the modules that answer it.</summary>
    internal static Dictionary<string, List<string>> AnsweringModules(IEnumerable<ModuleEntity> modules)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            foreach (var n in m.NeedList)
            {
                (map.TryGetValue(n, out var list) ? list : map[n] = []).Add(m.ModuleId);
            }
        }

        return map;
    }

    internal static ApplicationView View(ApplicationEntity a, string schoolName) => new(
        a.ApplicationId, a.SchoolId, schoolName, a.Year, SchoolYears.Label(a.Year),
        [.. a.CriteriaList.Select(c => new Choice(c, SubscriptionRules.Label(SubscriptionRules.Criteria, c)))], a.Justification,
        a.Status, SubscriptionRules.StatusLabel(a.Status), a.Comment, a.CreatedByName, a.CreatedAt, a.AnsweredByName, a.AnsweredAt);

    internal static NeedView View(NeedEntity n, string schoolName, IReadOnlyList<string> modules) => new(
        n.NeedId, n.SchoolId, schoolName, n.TeacherId, n.TeacherName, n.Topic, n.Competence, SubscriptionRules.CompetenceLabel(n.Competence), n.Subject,
        n.Form, SubscriptionRules.Label(SubscriptionRules.Forms, n.Form), n.CreatedByName, n.CreatedAt, modules);
}
