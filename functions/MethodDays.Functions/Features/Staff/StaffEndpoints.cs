using Azure;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Staff;

/// <summary>
/// The dependencies of the staff handlers, bound with <c>[AsParameters]</c>. Services are marked: with the compile-time
/// request delegates an unmarked class in such a record is taken for a JSON body, and the route then refuses GETs.
/// </summary>
internal sealed record StaffRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] StaffStore Store,
    [FromServices] DirectoryStore Directory,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>A school's teachers: the list, one teacher, adding, editing and archiving (rules in <see cref="StaffAccess"/>).</summary>
internal static class StaffEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;

    private const string NameTaken = "В списке школы (или в её архиве) уже есть педагог с таким ФИО.";

    /// <summary>The roster of names would not fit in one row: thousands of teachers, far beyond a school.</summary>
    internal const string StaffFull = "В списке педагогов школы (вместе с архивом) слишком много записей: новое ФИО не сохранить.";

    public static void Map(RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/staff").WithTags("Педагоги школы");
        staff.MapGet("", ListAsync).WithName("StaffList")
            .WithSummary("Педагоги школы (archived=true — вместе с архивом); педагогу школы — только ФИО и предметы коллег")
            .ProducesProblems(403, 404);
        staff.MapPost("", AddAsync).WithName("StaffAdd").WithSummary("Добавить педагога (администрация школы, методист, координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409);
        staff.MapGet("/{teacherId}", GetAsync).WithName("StaffTeacher").WithSummary("Педагог школы; заголовок ETag — для изменения")
            .ProducesProblems(403, 404);
        staff.MapPut("/{teacherId}", UpdateAsync).WithName("StaffUpdate")
            .WithSummary("Изменить педагога или перевести в архив (active=false); If-Match — ETag педагога")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ProducesProblems(403, 404, 409, 428);
    }

    public static async Task<Results<Ok<StaffListView>, ProblemHttpResult>> ListAsync(
        string municipalityId, string schoolId, bool? archived, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadStaff(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var details = r.User.SeesStaffDetails(municipalityId, schoolId);
        var teachers = (await r.Store.ListAsync(municipalityId, schoolId, r.Ct))
            .Where(t => t.Active || (details && archived == true))
            .OrderBy(t => t.NameKey, StringComparer.Ordinal)
            .Select(t => TeacherViews.ToView(t, details))
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new StaffListView(municipalityId, schoolId, ctx.School.ShortName, teachers,
            [.. Categories.All.Select(c => new CategoryOption(c.Code, c.Label))],
            new StaffPermissions(r.User.CanEditStaff(municipalityId, schoolId), details)));
    }

    public static async Task<Results<Ok<TeacherView>, ProblemHttpResult>> GetAsync(
        string municipalityId, string schoolId, string teacherId, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadStaff(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var details = r.User.SeesStaffDetails(municipalityId, schoolId);
        var teacher = await r.Store.GetAsync(municipalityId, schoolId, teacherId, r.Ct);
        if (teacher is null || (!details && !teacher.Active))
        {
            return Problems.NotFound("Такого педагога в списке школы нет.");
        }

        return TypedResults.Ok(Answer(r.Http, teacher, details));
    }

    public static async Task<Results<Created<TeacherView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string municipalityId, string schoolId, TeacherInput input, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanEditStaff(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var errors = new FieldErrors();
        var fields = StaffRules.Check(input, errors);
        var list = await r.Store.ListAsync(municipalityId, schoolId, r.Ct);
        if (fields is not null)
        {
            await CheckAccountAsync(r, municipalityId, schoolId, fields.PersonId, list, null, errors);
        }

        if (fields is null || errors.Any)
        {
            return errors.ToProblem();
        }

        if (list.FirstOrDefault(t => t.NameKey == fields.NameKey) is { } namesake)
        {
            return Problems.Conflict(namesake.Active
                    ? $"«{namesake.FullName}» уже есть в списке школы. Откройте запись, чтобы изменить её."
                    : $"«{namesake.FullName}» есть в архиве школы. Верните педагога из архива, чтобы не было двух записей.",
                new Dictionary<string, object?> { ["current"] = TeacherViews.ToView(namesake, details: true) });
        }

        var now = r.Time.GetUtcNow();
        var teacher = new TeacherEntity
        {
            PartitionKey = StaffStore.PartitionFor(municipalityId, schoolId),
            RowKey = StaffRules.NewId(fields.NameKey, id => list.Any(t => t.TeacherId == id)),
            MunicipalityId = municipalityId,
            SchoolId = schoolId,
            CreatedById = r.User.PersonId,
            CreatedAt = now,
        };
        (fields with { Active = fields.Active ?? true }).ApplyTo(teacher, r.User.PersonId, r.User.Member.DisplayName, now);
        switch (await r.Store.AddAsync(teacher, r.Ct))
        {
            case StaffWrite.Full:
                return Problems.Conflict(StaffFull);
            case StaffWrite.Conflict or StaffWrite.NameTaken:
                // Two adds of the same name at once (or the name given to another teacher meanwhile): the other one
                // won; answer with the teacher who has the name now.
                var current = (await r.Store.ListAsync(municipalityId, schoolId, r.Ct)).FirstOrDefault(t => t.NameKey == fields.NameKey)
                    ?? await r.Store.GetAsync(municipalityId, schoolId, teacher.TeacherId, r.Ct);
                return Problems.Conflict("Этого педагога только что добавили. Проверьте запись.",
                    new Dictionary<string, object?> { ["current"] = current is null ? null : TeacherViews.ToView(current, details: true) });
        }

        return TypedResults.Created($"/api/municipalities/{municipalityId}/schools/{schoolId}/staff/{teacher.TeacherId}", Answer(r.Http, teacher, details: true));
    }

    public static async Task<Results<Ok<TeacherView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string municipalityId, string schoolId, string teacherId, TeacherInput input, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanEditStaff(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (r.Http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } tag)
        {
            return Problems.PreconditionRequired("Укажите в заголовке If-Match ETag педагога, которого вы изменяете: так ничьи изменения не потеряются.");
        }

        var ifMatch = new ETag(tag);
        var list = await r.Store.ListAsync(municipalityId, schoolId, r.Ct);
        if (list.FirstOrDefault(t => t.TeacherId == teacherId) is not { } teacher)
        {
            return Problems.NotFound("Такого педагога в списке школы нет.");
        }

        var errors = new FieldErrors();
        var fields = StaffRules.Check(input, errors);
        if (fields is not null)
        {
            if (list.Any(t => t.TeacherId != teacherId && t.NameKey == fields.NameKey))
            {
                errors.Add("fullName", NameTaken);
            }

            await CheckAccountAsync(r, municipalityId, schoolId, fields.PersonId, list, teacherId, errors);
        }

        if (fields is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var now = r.Time.GetUtcNow();
        fields.ApplyTo(teacher, r.User.PersonId, r.User.Member.DisplayName, now);
        teacher.WrittenFromEtag = ifMatch.ToString();
        switch (await r.Store.UpdateAsync(teacher, ifMatch, r.Ct))
        {
            case StaffWrite.Saved:
                return TypedResults.Ok(Answer(r.Http, teacher, details: true));
            case StaffWrite.NameTaken:
                // The name was given to another teacher after the check above.
                errors.Add("fullName", NameTaken);
                return errors.ToProblem();
            case StaffWrite.Full:
                return Problems.Conflict(StaffFull);
        }

        var current = await r.Store.GetAsync(municipalityId, schoolId, teacherId, r.Ct);
        if (current is null)
        {
            return Problems.NotFound("Такого педагога в списке школы нет.");
        }

        // The same update sent again (the answer to the first was lost): answer it, do not call it a conflict.
        if (current.WrittenFromEtag == ifMatch.ToString() && current.Content == teacher.Content && current.UpdatedById == r.User.PersonId)
        {
            return TypedResults.Ok(Answer(r.Http, current, details: true));
        }

        return Problems.Conflict(
            $"Запись уже изменил(а) {current.UpdatedByName}. Ваши изменения не сохранены: сравните их с текущей версией и сохраните ещё раз.",
            new Dictionary<string, object?> { ["current"] = TeacherViews.ToView(current, details: true) });
    }

    /// <summary>A linked account is a member of this school, and linked to one teacher only.</summary>
    private static async Task CheckAccountAsync(
        StaffRequest r, string municipalityId, string schoolId, string? personId, IReadOnlyList<TeacherEntity> list, string? self, FieldErrors errors)
    {
        if (personId is null)
        {
            return;
        }

        var member = await r.Directory.GetMemberAsync(municipalityId, personId, r.Ct);
        if (member is null || !member.SchoolIds.Contains(schoolId))
        {
            errors.Add("personId", "Такого участника MethodDays в этой школе нет.");
        }
        else if (list.FirstOrDefault(t => t.PersonId == personId && t.TeacherId != self) is { } other)
        {
            errors.Add("personId", $"Эта учётная запись уже связана с педагогом «{other.FullName}».");
        }
    }

    private static TeacherView Answer(HttpContext http, TeacherEntity teacher, bool details)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (details)
        {
            http.Response.Headers.ETag = teacher.ETag.ToString();
        }

        return TeacherViews.ToView(teacher, details);
    }
}
