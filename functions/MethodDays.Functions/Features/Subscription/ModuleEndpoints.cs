using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Features.Routes;
using MethodDays.Features.Visits;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Subscription;

/// <summary>
/// The municipal centre's side: the applications, the bank of requests grouped by topic and by competence, the modules
/// planned from it (edited under the ETag) and their sessions with attendance, which marks the teachers' routes.
/// </summary>
internal static class ModuleEndpoints
{
    private const string Tag = "Методический абонемент";
    private static readonly StringComparer Russian = StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), false);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities/{municipalityId}/subscription").WithTags(Tag);
        group.MapGet("", OverviewAsync).WithName("SubscriptionOverview")
            .WithSummary("Абонемент муниципалитета за учебный год: заявки школ, банк запросов по темам и компетенциям, модули").ProducesProblems(400, 403, 404);
        group.MapPost("/modules", CreateAsync).WithName("SubscriptionModuleCreate")
            .WithSummary("Запланировать модуль: форма, тема, компетенция, ведущий, часы, даты, место, школы, запросы")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024)).ProducesProblems(400, 403, 404);
        group.MapGet("/modules/{moduleId}", GetAsync).WithName("SubscriptionModule")
            .WithSummary("Модуль с занятиями и списком педагогов его школ для отметки посещения; заголовок ETag").ProducesProblems(403, 404);
        group.MapPut("/modules/{moduleId}", UpdateAsync).WithName("SubscriptionModuleUpdate")
            .WithSummary("Изменить модуль (If-Match — его ETag; чужое изменение — 409)")
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024)).ProducesProblems(400, 403, 404, 409, 428);
        group.MapPost("/modules/{moduleId}/sessions", SessionAsync).WithName("SubscriptionSession")
            .WithSummary("Занятие модуля: дата (не в будущем — иначе 422), кто из педагогов пришёл, короткий отзыв; посещение отмечается в ИОМ педагога")
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024)).ProducesProblems(400, 403, 404, 422);
    }

    public static async Task<Results<Ok<MunicipalityOverview>, ValidationProblem, ProblemHttpResult>> OverviewAsync(
        string municipalityId, string? year, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "Банк запросов и модули абонемента ведут координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!SubscriptionRules.TryYear(year, r.Time, ctx.Municipality, out var y))
        {
            return Problems.Invalid("year", SubscriptionRules.YearHint);
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var applications = (await r.Store.ListAsync<ApplicationEntity>(municipalityId, SubscriptionStore.ApplicationKey(y, ""), r.Ct))
            .Where(a => schools.ContainsKey(a.SchoolId))
            .OrderBy(a => a.Status == SubscriptionRules.Pending ? 0 : 1).ThenBy(a => a.CreatedAt)
            .Select(a => SchoolSubscriptionEndpoints.View(a, schools[a.SchoolId])).ToList();
        var modules = (await r.Store.ListAsync<ModuleEntity>(municipalityId, ModuleEntity.Prefix, r.Ct)).Where(m => m.Year == y).ToList();
        var answering = SchoolSubscriptionEndpoints.AnsweringModules(modules);
        var needs = (await r.Store.ListAsync<NeedEntity>(municipalityId, SubscriptionStore.NeedKey(y, ""), r.Ct))
            .OrderBy(n => n.CreatedAt)
            .Select(n => (Key: n.TopicKey, View: SchoolSubscriptionEndpoints.View(n, schools.GetValueOrDefault(n.SchoolId) ?? n.SchoolId, answering.GetValueOrDefault(n.NeedId) ?? [])))
            .ToList();
        var byTopic = needs.GroupBy(n => n.Key)
            .Select(g => new TopicGroup(TopicLabel(g.Select(n => n.View.Topic)), g.Count(), g.Select(n => n.View.SchoolId).Distinct().Count(),
                [.. g.Select(n => n.View.CompetenceLabel).Distinct()], [.. g.Select(n => n.View)]))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Topic, Russian).ToList();
        var byCompetence = Competences.All
            .Select(c => (c, list: needs.Where(n => n.View.Competence == c.Code).Select(n => n.View).ToList()))
            .Where(x => x.list.Count > 0)
            .Select(x => new CompetenceGroup(x.c.Code, x.c.Label, x.list.Count, [.. x.list.Select(n => n.Topic).Distinct(StringComparer.OrdinalIgnoreCase)], x.list))
            .OrderByDescending(g => g.Count).ToList();
        var sessions = await SessionsAsync(r.Store, municipalityId, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new MunicipalityOverview(y, SchoolYears.Label(y), applications,
            [.. applications.Where(a => a.Status == SubscriptionRules.Agreed).Select(a => new SchoolRef(a.SchoolId, a.SchoolName)).OrderBy(s => s.Name, Russian)],
            byTopic, byCompetence,
            [.. modules.OrderBy(m => m.StartDate, StringComparer.Ordinal).Select(m => View(m, schools, sessions.GetValueOrDefault(m.ModuleId) ?? [], _ => true))],
            SubscriptionRules.Criteria, SubscriptionRules.Forms, SubscriptionRules.Leads, [.. Competences.All.Select(c => new Choice(c.Code, c.Label))]));
    }

    public static async Task<Results<Created<ModuleView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string municipalityId, ModuleInput input, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "Модули абонемента планируют координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var module = new ModuleEntity { PartitionKey = municipalityId, ModuleId = SubscriptionRules.NewId(), CreatedById = r.User.PersonId, CreatedAt = r.Time.GetUtcNow() };
        module.RowKey = SubscriptionStore.ModuleKey(module.ModuleId);
        if (await CheckAsync(input, module, ctx.Municipality, r) is { } invalid)
        {
            return invalid;
        }

        await r.Store.AddAsync(module, r.Ct);
        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/subscription/modules/{module.ModuleId}", View(module, schools, [], _ => true));
    }

    public static async Task<Results<Ok<ModuleDetails>, ProblemHttpResult>> GetAsync(string municipalityId, string moduleId, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "Модули абонемента ведут координатор и методисты муниципалитета.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (!SubscriptionRules.IsId(moduleId) || await r.Store.GetAsync<ModuleEntity>(municipalityId, SubscriptionStore.ModuleKey(moduleId), r.Ct) is not { } module)
        {
            return Problems.NotFound("Такого модуля нет.");
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var roster = new List<RosterTeacher>();
        foreach (var s in module.SchoolList)
        {
            roster.AddRange((await r.Staff.ListAsync(municipalityId, s, r.Ct)).Where(t => t.Active).OrderBy(t => t.FullName, Russian)
                .Select(t => new RosterTeacher(s, schools.GetValueOrDefault(s) ?? s, t.TeacherId, t.FullName)));
        }

        var sessions = await r.Store.ListAsync<SessionEntity>(municipalityId, SubscriptionStore.SessionKey(moduleId, ""), r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        r.Http.Response.Headers.ETag = module.ETag.ToString();
        return TypedResults.Ok(new ModuleDetails(View(module, schools, sessions, _ => true), roster));
    }

    public static async Task<Results<Ok<ModuleView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string municipalityId, string moduleId, ModuleInput input, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "Модули абонемента меняют координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!SubscriptionRules.IsId(moduleId) || await r.Store.GetAsync<ModuleEntity>(municipalityId, SubscriptionStore.ModuleKey(moduleId), r.Ct) is not { } existing)
        {
            return Problems.NotFound("Такого модуля нет.");
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag модуля, чтобы не затереть чужое изменение.");
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id, s => s.ShortName);
        var sessions = await r.Store.ListAsync<SessionEntity>(municipalityId, SubscriptionStore.SessionKey(moduleId, ""), r.Ct);
        if (existing.ETag.ToString() != tag)
        {
            return Conflict(existing, schools, sessions);
        }

        var etag = existing.ETag;
        if (await CheckAsync(input, existing, ctx.Municipality, r) is { } invalid)
        {
            return invalid;
        }

        if (!await r.Store.ReplaceAsync(existing, etag, r.Ct))
        {
            var current = await r.Store.GetAsync<ModuleEntity>(municipalityId, SubscriptionStore.ModuleKey(moduleId), r.Ct);
            return current is null ? Problems.NotFound("Такого модуля нет.") : Conflict(current, schools, sessions);
        }

        r.Http.Response.Headers.ETag = existing.ETag.ToString();
        return TypedResults.Ok(View(existing, schools, sessions, _ => true));
    }

    public static async Task<Results<Created<SessionView>, ValidationProblem, ProblemHttpResult>> SessionAsync(
        string municipalityId, string moduleId, SessionInput input, [AsParameters] SubscriptionRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanRunSubscription(municipalityId), r.Ct,
            "Посещение занятий отмечают координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (!SubscriptionRules.IsId(moduleId) || await r.Store.GetAsync<ModuleEntity>(municipalityId, SubscriptionStore.ModuleKey(moduleId), r.Ct) is not { } module)
        {
            return Problems.NotFound("Такого модуля нет.");
        }

        var errors = new FieldErrors();
        var today = SubscriptionRules.Today(r.Time, ctx.Municipality);
        var hasDate = SubscriptionRules.TryDate(input?.Date, out var date);
        if (!hasDate)
        {
            errors.Add("date", "Дата занятия — в виде ГГГГ-ММ-ДД.");
        }
        else if (SubscriptionRules.TryDate(module.StartDate, out var from) && SubscriptionRules.TryDate(module.EndDate, out var to) && (date < from || date > to) && date <= today)
        {
            errors.Add("date", $"Модуль идёт с {SubscriptionRules.Russian(from)} по {SubscriptionRules.Russian(to)}: дата занятия — в эти дни.");
        }

        var staff = new Dictionary<string, Dictionary<string, Staff.TeacherEntity>>(StringComparer.Ordinal);
        foreach (var s in module.SchoolList)
        {
            staff[s] = (await r.Staff.ListAsync(municipalityId, s, r.Ct)).ToDictionary(t => t.TeacherId);
        }

        var attendees = new List<(string School, Staff.TeacherEntity Teacher)>();
        var list = input?.Attendees ?? [];
        if (list.Count == 0)
        {
            errors.Add("attendees", "Отметьте, кто из педагогов пришёл на занятие.");
        }
        else if (list.Count > 500)
        {
            errors.Add("attendees", "Не больше 500 педагогов на одном занятии.");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                var a = list[i];
                var school = a?.SchoolId?.Trim() ?? "";
                if (!staff.TryGetValue(school, out var teachers))
                {
                    errors.Add($"attendees.{i}.schoolId", "Модуль запланирован не для этой школы: отметьте педагогов школ модуля.");
                }
                else if (!teachers.TryGetValue(a?.TeacherId?.Trim() ?? "", out var teacher) || !teacher.Active)
                {
                    errors.Add($"attendees.{i}.teacherId", "Такого педагога в списке школы нет (или он в архиве).");
                }
                else if (attendees.Any(x => x.Teacher.TeacherId == teacher.TeacherId && x.School == school))
                {
                    errors.Add($"attendees.{i}.teacherId", $"{teacher.FullName} отмечен(а) дважды.");
                }
                else
                {
                    attendees.Add((school, teacher));
                }
            }
        }

        var feedback = SubscriptionRules.Collapse(input?.Feedback);
        if (feedback.Length > SubscriptionRules.MaxText || feedback.Any(char.IsControl))
        {
            errors.Add("feedback", $"Отзыв — не длиннее {SubscriptionRules.MaxText} знаков.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (date > today)
        {
            // The date is well-formed but has not come: attendance is recorded after the session.
            return TypedResults.Problem(
                $"Занятие {SubscriptionRules.Russian(date)} ещё не прошло (сегодня {SubscriptionRules.Russian(today)} по времени муниципалитета): посещение отмечают после занятия.",
                statusCode: 422, title: Platform.Problems.ProblemSetup.Titles[422],
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["date"] = ["Дата занятия ещё не наступила."] } });
        }

        // A repeated request (the same date and the same people) is the session already recorded, not a second one.
        var same = (await r.Store.ListAsync<SessionEntity>(municipalityId, SubscriptionStore.SessionKey(module.ModuleId, ""), r.Ct))
            .FirstOrDefault(s => s.Date == SubscriptionRules.Iso(date)
                && s.AttendeeList.Select(a => $"{a.SchoolId}|{a.TeacherId}").Order(StringComparer.Ordinal)
                    .SequenceEqual(attendees.Select(a => $"{a.School}|{a.Teacher.TeacherId}").Order(StringComparer.Ordinal)));
        if (same is not null)
        {
            return TypedResults.Created($"/api/municipalities/{municipalityId}/subscription/modules/{module.ModuleId}", SessionView(same, _ => true));
        }

        var period = RouteRules.PeriodOf(date);
        var formLabel = SubscriptionRules.Label(SubscriptionRules.Forms, module.Form);
        var evidence = $"Посещение {date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}: {formLabel} «{module.Topic}» (методический абонемент)";
        var now = r.Time.GetUtcNow();
        var recorded = new List<Attendee>();
        foreach (var (school, teacher) in attendees)
        {
            var mark = await r.Routes.MarkModuleAttendedAsync(municipalityId, school, teacher.TeacherId, period, module.ModuleId, bounds => RouteItemFor(module, bounds),
                evidence, r.User.PersonId, r.User.Member.DisplayName, now, r.Ct);
            recorded.Add(new Attendee(school, teacher.TeacherId, teacher.FullName, mark.ToString()));
        }

        var session = new SessionEntity
        {
            PartitionKey = municipalityId,
            SessionId = $"{SubscriptionRules.Iso(date)}-{SubscriptionRules.NewId()[..6]}",
            ModuleId = module.ModuleId,
            Date = SubscriptionRules.Iso(date),
            Attendees = StoredJson.Write(recorded),
            Feedback = feedback,
            RecordedById = r.User.PersonId,
            RecordedByName = r.User.Member.DisplayName,
            RecordedAt = now,
        };
        session.RowKey = SubscriptionStore.SessionKey(module.ModuleId, session.SessionId);
        await r.Store.AddAsync(session, r.Ct);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/subscription/modules/{module.ModuleId}", SessionView(session, _ => true));
    }

    /// <summary>Checks the input and writes it onto <paramref name="module"/>; the problem when something is wrong (then the module is untouched).</summary>
    private static async Task<ValidationProblem?> CheckAsync(ModuleInput? input, ModuleEntity module, Municipality municipality, SubscriptionRequest r)
    {
        var errors = new FieldErrors();
        var m = municipality.Id;
        if (!SubscriptionRules.TryYear(input?.Year, r.Time, municipality, out var year))
        {
            errors.Add("year", SubscriptionRules.YearHint);
        }

        var form = input?.Form?.Trim();
        if (SubscriptionRules.Forms.All(f => f.Code != form))
        {
            errors.Add("form", $"Форма — одна из: {string.Join(", ", SubscriptionRules.Forms.Select(f => $"{f.Code} ({f.Label})"))}.");
        }

        var topic = SubscriptionRules.Required(input?.Topic, "topic", 3, SubscriptionRules.MaxTopic, "Укажите тему модуля (от 3 знаков).", errors);
        var competence = input?.Competence?.Trim();
        if (Competences.ByCode(competence) is null)
        {
            errors.Add("competence", $"Компетенция — одна из: {string.Join(", ", Competences.All.Select(c => $"{c.Code} ({c.Label})"))}.");
        }

        var leadKind = input?.LeadKind?.Trim();
        if (SubscriptionRules.Leads.All(l => l.Code != leadKind))
        {
            errors.Add("leadKind", "Ведущий — specialist (специалист муниципального центра) или tutor (муниципальный тьютор).");
        }

        var leadName = SubscriptionRules.Collapse(input?.LeadName);
        var leadMember = input?.LeadMemberId?.Trim();
        if (!string.IsNullOrEmpty(leadMember))
        {
            if (!SubscriptionRules.IsId(leadMember) || await r.Directory.GetMemberAsync(m, leadMember, r.Ct) is not { Active: true } lead)
            {
                errors.Add("leadMemberId", "Такого участника в муниципалитете нет: выберите из списка или впишите имя ведущего.");
            }
            else if (leadName.Length == 0)
            {
                leadName = lead.DisplayName;
            }
        }
        else if (input?.LeadMemberId is null && module.LeadMemberId is not null && leadName == module.LeadName)
        {
            // An edit that does not send the lead's member (the page's form has no such field) keeps it while the lead
            // is the same person by name; an empty string unlinks it, another name is another lead.
            leadMember = module.LeadMemberId;
        }
        else
        {
            leadMember = null;
        }

        if (leadName.Length is < 3 or > 200 || leadName.Any(char.IsControl))
        {
            errors.Add("leadName", "Укажите ведущего: фамилию и инициалы (от 3 до 200 знаков).");
        }

        if (input?.Hours is not { } hours || double.IsNaN(hours) || hours <= 0)
        {
            errors.Add("hours", "Часы — больше нуля.");
        }
        else if (hours > SubscriptionRules.MaxHours)
        {
            errors.Add("hours", $"Не больше {SubscriptionRules.MaxHours} ч на модуль.");
        }
        else if (Math.Round(hours * 2) != hours * 2)
        {
            errors.Add("hours", "Часы — целые или с половиной, например 1,5.");
        }

        var hasStart = SubscriptionRules.TryDate(input?.StartDate, out var start);
        var hasEnd = SubscriptionRules.TryDate(input?.EndDate, out var end);
        if (!hasStart)
        {
            errors.Add("startDate", "Дата начала — в виде ГГГГ-ММ-ДД.");
        }
        else if (year.Length > 0 && (start < SchoolYears.Start(year) || start > SchoolYears.End(year)))
        {
            errors.Add("startDate", $"Дата начала вне учебного года ({SchoolYears.Label(year)}).");
        }

        if (!hasEnd)
        {
            errors.Add("endDate", "Дата окончания — в виде ГГГГ-ММ-ДД.");
        }
        else if (hasStart && end < start)
        {
            errors.Add("endDate", $"Окончание ({SubscriptionRules.Russian(end)}) раньше начала ({SubscriptionRules.Russian(start)}).");
        }
        else if (year.Length > 0 && end > SchoolYears.End(year))
        {
            errors.Add("endDate", $"Дата окончания вне учебного года ({SchoolYears.Label(year)}).");
        }

        var place = SubscriptionRules.Required(input?.Place, "place", 2, 300, "Укажите место проведения (школа, кабинет или «дистанционно»).", errors);

        var agreed = year.Length == 0 ? [] : (await r.Store.ListAsync<ApplicationEntity>(m, SubscriptionStore.ApplicationKey(year, ""), r.Ct))
            .Where(a => a.Status == SubscriptionRules.Agreed).Select(a => a.SchoolId).ToHashSet();
        var schools = new List<string>();
        var givenSchools = input?.Schools ?? [];
        if (givenSchools.Count == 0 || givenSchools.Count > 100)
        {
            errors.Add("schools", "Укажите школы, в комплексный маршрут которых входит модуль.");
        }
        else
        {
            for (var i = 0; i < givenSchools.Count; i++)
            {
                var s = givenSchools[i]?.Trim() ?? "";
                if (!agreed.Contains(s))
                {
                    errors.Add($"schools.{i}", "У этой школы нет согласованной заявки на этот учебный год: модуль планируют для школ проекта.");
                }
                else if (!schools.Contains(s))
                {
                    schools.Add(s);
                }
            }
        }

        var needs = new List<string>();
        var givenNeeds = input?.NeedIds ?? [];
        if (givenNeeds.Count > 200)
        {
            errors.Add("needIds", "Не больше 200 запросов на модуль.");
        }
        else if (givenNeeds.Count > 0 && year.Length > 0)
        {
            var bank = (await r.Store.ListAsync<NeedEntity>(m, SubscriptionStore.NeedKey(year, ""), r.Ct)).ToDictionary(n => n.NeedId);
            for (var i = 0; i < givenNeeds.Count; i++)
            {
                var id = givenNeeds[i]?.Trim() ?? "";
                if (!bank.TryGetValue(id, out var need))
                {
                    errors.Add($"needIds.{i}", "Такого запроса в банке за этот учебный год нет.");
                }
                else if (!schools.Contains(need.SchoolId) && !errors.Any)
                {
                    errors.Add($"needIds.{i}", $"Запрос «{need.Topic}» — от школы, которой нет среди школ модуля: добавьте школу или уберите запрос.");
                }
                else if (!needs.Contains(id))
                {
                    needs.Add(id);
                }
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        module.Year = year;
        module.Form = form!;
        module.Topic = topic!;
        module.Competence = competence!;
        module.LeadKind = leadKind!;
        module.LeadName = leadName;
        module.LeadMemberId = leadMember;
        module.Hours = input!.Hours!.Value;
        module.StartDate = SubscriptionRules.Iso(start);
        module.EndDate = SubscriptionRules.Iso(end);
        module.Place = place!;
        module.Schools = StoredJson.Write(schools);
        module.Needs = StoredJson.Write(needs);
        module.UpdatedByName = r.User.Member.DisplayName;
        module.UpdatedAt = r.Time.GetUtcNow();
        return null;
    }

    /// <summary>The route item a module becomes when a teacher who attended it has none: its dates kept within the route's school year.</summary>
    private static RouteItem RouteItemFor(ModuleEntity module, (DateOnly Start, DateOnly End) bounds)
    {
        var start = DateOnly.ParseExact(module.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = DateOnly.ParseExact(module.EndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        start = start < bounds.Start ? bounds.Start : start > bounds.End ? bounds.End : start;
        end = end > bounds.End ? bounds.End : end < start ? start : end;
        var content = $"Модуль методического абонемента: {SubscriptionRules.Label(SubscriptionRules.Forms, module.Form)} «{module.Topic}»";
        return new RouteItem("", module.Competence, content.Length > RouteRules.MaxContent ? content[..RouteRules.MaxContent] : content, "subscription",
            Math.Min((decimal)module.Hours, RouteRules.MaxHours), SubscriptionRules.Iso(start), SubscriptionRules.Iso(end), module.LeadName, module.LeadMemberId,
            "done", null, null);
    }

    private static ProblemHttpResult Conflict(ModuleEntity current, Dictionary<string, string> schools, IReadOnlyList<SessionEntity> sessions) =>
        Problems.Conflict($"Модуль уже изменил(а) {current.UpdatedByName}. Ваши изменения не сохранены: сравните их с текущим модулем и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = View(current, schools, sessions, _ => true) });

    /// <summary>A group's heading: the spelling used most, then one that starts with a capital letter, then the first.</summary>
    private static string TopicLabel(IEnumerable<string> spellings) => spellings
        .Select((t, i) => (t, i)).GroupBy(x => x.t, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenByDescending(g => char.IsUpper(g.Key[0])).ThenBy(g => g.Key.EndsWith('.') ? 1 : 0).ThenBy(g => g.First().i)
        .First().Key;

    /// <summary>The sessions of every module of the municipality, by module.</summary>
    internal static async Task<Dictionary<string, List<SessionEntity>>> SessionsAsync(SubscriptionStore store, string municipalityId, CancellationToken ct) =>
        (await store.ListAsync<SessionEntity>(municipalityId, SessionEntity.Prefix, ct)).GroupBy(s => s.ModuleId).ToDictionary(g => g.Key, g => g.ToList());

    public static string OutcomeLabel(string outcome) => outcome switch
    {
        nameof(ModuleMark.Marked) => "в ИОМ отмечено выполненным",
        nameof(ModuleMark.Added) => "добавлено в ИОМ как выполненное",
        nameof(ModuleMark.ApprovedNotInPlan) => "ИОМ утверждён без этого модуля: план не изменён",
        nameof(ModuleMark.Full) => "в ИОМ уже 40 мероприятий: не добавлено",
        nameof(ModuleMark.Busy) => "ИОМ не отмечен: его одновременно меняли, отметьте вручную",
        _ => "ИОМ на этот учебный год нет",
    };

    internal static SessionView SessionView(SessionEntity s, Func<Attendee, bool> shown)
    {
        var all = s.AttendeeList;
        return new(s.SessionId, s.Date, [.. all.Where(shown).Select(a => new AttendeeView(a.SchoolId, a.TeacherId, a.TeacherName, a.RouteOutcome, OutcomeLabel(a.RouteOutcome)))],
            all.Count, s.Feedback, s.RecordedByName, s.RecordedAt);
    }

    internal static ModuleView View(ModuleEntity m, IReadOnlyDictionary<string, string> schools, IReadOnlyList<SessionEntity> sessions, Func<Attendee, bool> shown) => new(
        m.ModuleId, m.Year, m.Form, SubscriptionRules.Label(SubscriptionRules.Forms, m.Form), m.Topic, m.Competence, SubscriptionRules.CompetenceLabel(m.Competence),
        m.LeadKind, SubscriptionRules.Label(SubscriptionRules.Leads, m.LeadKind), m.LeadName, m.LeadMemberId, m.Hours, m.StartDate, m.EndDate, m.Place,
        [.. m.SchoolList.Select(s => new SchoolRef(s, schools.GetValueOrDefault(s) ?? s))], m.NeedList,
        [.. sessions.OrderBy(s => s.Date, StringComparer.Ordinal).Select(s => SessionView(s, shown))], m.UpdatedByName, m.UpdatedAt, m.ETag.ToString());
}
