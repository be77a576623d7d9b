using Azure;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>
/// Planning a visit: the school, the date, the purpose, the directions it analyses, the team with each member's role
/// and the lessons it observes. The whole visit is sent on every change with the ETag it was read with: a stale
/// change is a 409 with the current visit, never a lost update.
/// </summary>
internal static class VisitEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;
    private const string Tag = "Посещения школ";

    public static void Map(RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/municipalities/{municipalityId}/visits").WithTags(Tag);
        visits.MapGet("", ListAsync).WithName("Visits")
            .WithSummary("Посещения, которые я вижу (координатор и методисты — все; команда — свои; школа — свои), и запросы школ")
            .ProducesProblems(403, 404);
        visits.MapGet("/options", OptionsAsync).WithName("VisitOptions")
            .WithSummary("Для формы планирования: направления, роли в команде, кто может войти в команду").ProducesProblems(403, 404);
        visits.MapPost("", CreateAsync).WithName("PlanVisit").WithSummary("Запланировать посещение (координатор, методист)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409);
        visits.MapGet("/{visitId}", GetAsync).WithName("Visit").WithSummary("Посещение; заголовок ETag — для изменения").ProducesProblems(403, 404);
        visits.MapPut("/{visitId}", UpdateAsync).WithName("UpdateVisit")
            .WithSummary("Изменить посещение целиком (или отменить: status=cancelled); If-Match — ETag посещения")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(400, 403, 404, 409, 428);
    }

    public static async Task<Results<Ok<VisitListView>, ProblemHttpResult>> ListAsync(string municipalityId, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id);
        var visits = (await r.Store.VisitsAsync(municipalityId, r.Ct)).Where(v => r.User.CanSeeVisit(municipalityId, v))
            .OrderByDescending(v => v.Date, StringComparer.Ordinal)
            .Select(v => Summary(v, schools.GetValueOrDefault(v.SchoolId)?.ShortName ?? v.SchoolId, r.User.PersonId)).ToList();
        var requests = (await r.Store.RequestsAsync(municipalityId, r.Ct)).Where(q => r.User.SeesSchoolVisits(municipalityId, q.SchoolId))
            .OrderBy(q => q.Status == VisitRules.Pending ? 0 : 1).ThenByDescending(q => q.Month, StringComparer.Ordinal)
            .Select(q => RequestEndpoints.View(q, schools.GetValueOrDefault(q.SchoolId)?.ShortName ?? q.SchoolId)).ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new VisitListView(municipalityId, visits, requests, r.User.CanPlanVisits(municipalityId)));
    }

    public static async Task<Results<Ok<PlanningOptions>, ProblemHttpResult>> OptionsAsync(string municipalityId, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id);
        var people = (await r.Directory.ListMembersAsync(municipalityId, r.Ct)).Where(m => m.Active)
            .Select(m =>
            {
                var school = m.Role is Role.SchoolAdmin or Role.Teacher ? m.SchoolIds.Select(s => schools.GetValueOrDefault(s)).OfType<School>().FirstOrDefault() : null;
                return new TeamCandidate(m.PersonId, m.DisplayName, m.Role.ToString(), school?.ShortName, school?.Leader == true);
            })
            // Methodists, tutors (curators) and leader schools' people first: the seed's team.
            .OrderBy(c => c.MemberRole is "Methodist" or "Coordinator" or "Curator" ? 0 : c.LeaderSchool ? 1 : 2)
            .ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new PlanningOptions(VisitRules.Directions, VisitRules.Roles, people, VisitRules.TeamMin, VisitRules.TeamMax));
    }

    public static async Task<Results<Ok<VisitView>, ProblemHttpResult>> GetAsync(string municipalityId, string visitId, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var visit = VisitRules.IsKey(visitId) ? await r.Store.GetVisitAsync(municipalityId, visitId, r.Ct) : null;
        if (visit is null || !r.User.CanSeeVisit(municipalityId, visit))
        {
            return Problems.NotFound("Такого посещения нет (или оно не относится к вам).");
        }

        return TypedResults.Ok(await AnswerAsync(r, visit));
    }

    public static async Task<Results<Created<VisitView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string municipalityId, VisitInput input, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct,
            "Посещения планируют координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var (fields, warnings, invalid) = await CheckAsync(r, municipalityId, input);
        if (fields is null)
        {
            return invalid!;
        }

        var request = await LinkedRequestAsync(r, municipalityId, fields);
        if (fields.RequestId is not null && request is null)
        {
            return Problems.Invalid("requestId", "Такого запроса этой школы нет.");
        }

        var (repeatOf, repeatProblem) = await VisitRepeats.CheckAsync(r.Store, municipalityId, input.RepeatOf, fields.SchoolId, r.Ct);
        if (repeatProblem is not null)
        {
            return repeatProblem;
        }

        var now = r.Time.GetUtcNow();
        var visit = new VisitEntity
        {
            PartitionKey = municipalityId,
            RowKey = VisitStore.VisitKey(VisitRules.NewId()),
            CreatedById = r.User.PersonId,
            CreatedAt = now,
            RepeatOf = repeatOf,
        };
        Apply(visit, fields, r.User, now);
        await r.Store.AddVisitAsync(visit, r.Ct);
        if (request is not null && request.VisitId is null)
        {
            // The school's request leads to this visit: agreed, with the visit's link (a lost race leaves the visit as it is).
            request.VisitId = visit.VisitId;
            if (request.Status == VisitRules.Pending)
            {
                request.Status = VisitRules.Agreed;
                request.AnsweredAt = now;
                request.AnsweredByName = r.User.Member.DisplayName;
            }

            await r.Store.UpdateRequestAsync(request, r.Ct);
        }

        var school = await r.Directory.GetSchoolAsync(municipalityId, visit.SchoolId, r.Ct);
        await r.Notices.PlannedAsync(ctx.Municipality, school!, visit, null, r.User, r.Ct);
        var view = await AnswerAsync(r, visit, warnings);
        return TypedResults.Created($"/api/municipalities/{municipalityId}/visits/{visit.VisitId}", view);
    }

    public static async Task<Results<Ok<VisitView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string municipalityId, string visitId, VisitInput input, [AsParameters] VisitRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanPlanVisits(municipalityId), r.Ct,
            "Посещения меняют координатор и методисты муниципалитета.")).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag посещения, которое вы изменяете: так ничьи изменения не потеряются.");
        }

        var visit = VisitRules.IsKey(visitId) ? await r.Store.GetVisitAsync(municipalityId, visitId, r.Ct) : null;
        if (visit is null)
        {
            return Problems.NotFound("Такого посещения нет.");
        }

        var (fields, warnings, invalid) = await CheckAsync(r, municipalityId, input with { RequestId = input.RequestId ?? visit.RequestId });
        if (fields is null)
        {
            return invalid!;
        }

        if (fields.SchoolId != visit.SchoolId)
        {
            return Problems.Invalid("schoolId", "Школу посещения не меняют: отмените это посещение и запланируйте новое.");
        }

        var ifMatch = new ETag(tag);
        var before = new VisitBefore(visit.Date, visit.Status, visit.TeamList, visit.Content);
        var now = r.Time.GetUtcNow();
        Apply(visit, fields, r.User, now);
        visit.WrittenFromEtag = ifMatch.ToString();
        var school = await r.Directory.GetSchoolAsync(municipalityId, visit.SchoolId, r.Ct);
        if (await r.Store.UpdateVisitAsync(visit, ifMatch, r.Ct))
        {
            if (before.Content != visit.Content)
            {
                await r.Notices.PlannedAsync(ctx.Municipality, school!, visit, before, r.User, r.Ct);
            }

            return TypedResults.Ok(await AnswerAsync(r, visit, warnings));
        }

        var current = await r.Store.GetVisitAsync(municipalityId, visitId, r.Ct);
        if (current is null)
        {
            return Problems.NotFound("Такого посещения нет.");
        }

        // The same change sent again (the answer to the first was lost): answer it, do not call it a conflict.
        if (current.WrittenFromEtag == ifMatch.ToString() && current.Content == visit.Content && current.UpdatedById == r.User.PersonId)
        {
            return TypedResults.Ok(await AnswerAsync(r, current, warnings));
        }

        return Problems.Conflict(
            $"Посещение уже изменил(а) {current.UpdatedByName}. Ваши изменения не сохранены: сравните их с текущей версией и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = await ViewAsync(r, current, []) });
    }

    private static async Task<(VisitFields? Fields, List<string> Warnings, ValidationProblem? Problem)> CheckAsync(VisitRequest r, string municipalityId, VisitInput input)
    {
        var schools = (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).ToDictionary(s => s.Id);
        var people = (await r.Directory.ListMembersAsync(municipalityId, r.Ct)).ToDictionary(m => m.PersonId);
        var others = new Dictionary<string, Member>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        // Only codes a person can have are looked up elsewhere (a key with «/» or «\\» is no member anywhere).
        var unknown = (input.Team ?? []).Select(t => t?.PersonId?.Trim()).OfType<string>()
            .Where(p => p.Length is > 0 and <= 100 && !people.ContainsKey(p) && VisitRules.IsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            // Only to name the other municipality in the problem: nobody from it joins the team.
            foreach (var m in await r.Directory.ListMunicipalitiesAsync(r.Ct))
            {
                names[m.Id] = m.Name;
                if (m.Id == municipalityId)
                {
                    continue;
                }

                foreach (var id in unknown.Where(id => !others.ContainsKey(id)))
                {
                    if (await r.Directory.GetMemberAsync(m.Id, id, r.Ct) is { } member)
                    {
                        others[id] = member;
                    }
                }
            }
        }

        var schoolId = (input.SchoolId ?? "").Trim();
        var staff = schools.ContainsKey(schoolId) ? await r.Staff.ListAsync(municipalityId, schoolId, r.Ct) : [];
        var errors = new FieldErrors();
        var warnings = new List<string>();
        var fields = VisitRules.Check(input, municipalityId, schools, people, id => others.GetValueOrDefault(id), names, staff, errors, warnings);
        return fields is null ? (null, warnings, errors.ToProblem()) : (fields, warnings, null);
    }

    private static async Task<VisitRequestEntity?> LinkedRequestAsync(VisitRequest r, string municipalityId, VisitFields fields)
    {
        if (fields.RequestId is not { } id)
        {
            return null;
        }

        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot == 7 && id[(dot + 1)..] == fields.SchoolId && YearMonth.TryParse(id[..7], out _) ? await r.Store.GetRequestAsync(municipalityId, fields.SchoolId, id[..7], r.Ct) : null;
    }

    private static void Apply(VisitEntity visit, VisitFields f, CurrentUser user, DateTimeOffset now)
    {
        visit.SchoolId = f.SchoolId;
        visit.Date = VisitRules.Iso(f.Date);
        visit.Purpose = f.Purpose;
        visit.RequestId = f.RequestId;
        visit.Status = f.Status;
        visit.Directions = StoredJson.Write(f.Directions);
        visit.Team = StoredJson.Write(f.Team);
        visit.Lessons = StoredJson.Write(LessonIds.Assign(f.Lessons, visit.LessonList));
        visit.TeamIds = "," + string.Concat(f.Team.Select(t => t.PersonId + ","));
        visit.UpdatedById = user.PersonId;
        visit.UpdatedByName = user.Member.DisplayName;
        visit.UpdatedAt = now;
    }

    internal static VisitSummary Summary(VisitEntity v, string schoolName, string personId) =>
        new(v.VisitId, v.SchoolId, schoolName, v.Date, v.Purpose, v.Status, v.TeamList.Count, v.LessonList.Count, v.HasOnTeam(personId));

    private static async Task<VisitView> AnswerAsync(VisitRequest r, VisitEntity visit, List<string>? warnings = null)
    {
        r.Http.Response.Headers.CacheControl = "no-store";
        var view = await ViewAsync(r, visit, warnings ?? Warnings(visit));
        if (view.CanEdit)
        {
            r.Http.Response.Headers.ETag = visit.ETag.ToString();
        }

        return view;
    }

    private static List<string> Warnings(VisitEntity visit)
    {
        var n = visit.TeamList.Count;
        var list = new List<string>();
        if (n is < VisitRules.TeamMin or > VisitRules.TeamMax)
        {
            list.Add($"В команде {n} чел.: программа «Методического дня» называет команду от {VisitRules.TeamMin} до {VisitRules.TeamMax} человек.");
        }

        return list;
    }

    private static async Task<VisitView> ViewAsync(VisitRequest r, VisitEntity v, List<string> warnings)
    {
        var school = await r.Directory.GetSchoolAsync(v.PartitionKey, v.SchoolId, r.Ct);
        var canEdit = r.User.CanPlanVisits(v.PartitionKey);
        return new VisitView(v.VisitId, v.PartitionKey, v.SchoolId, school?.ShortName ?? v.SchoolId, v.Date, v.Purpose,
            v.RequestId is null ? "criteria" : "request", v.RequestId,
            [.. v.DirectionList.Select(d => VisitRules.Directions.FirstOrDefault(x => x.Code == d) ?? new Choice(d, d))],
            v.TeamList, v.LessonList, v.Status, warnings, canEdit, v.UpdatedAt, v.UpdatedByName, canEdit ? v.ETag.ToString() : null, v.RepeatOf);
    }
}
