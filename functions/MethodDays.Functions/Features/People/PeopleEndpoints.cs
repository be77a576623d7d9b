using System.Text.RegularExpressions;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.People;

/// <summary>What People's handlers need: who asks, the scope resolver and the directory.</summary>
internal sealed record PeopleRequest(CurrentUser User, [FromServices] ScopeResolver Scope, [FromServices] DirectoryStore Directory, [FromServices] TimeProvider Time, CancellationToken Ct);

/// <summary>The signed-in person, the municipality's schools and members (managed by the coordinator).</summary>
internal static partial class PeopleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync).WithName("Me").WithTags("Люди и школы").WithSummary("Кто я: роль, муниципалитет, доступные школы")
            .ProducesProblems(404);
        var mun = api.MapGroup("/municipalities/{municipalityId}").WithTags("Люди и школы");
        mun.MapGet("/schools", ListSchoolsAsync).WithName("ListSchools").WithSummary("Школы муниципалитета (в пределах доступа)")
            .ProducesProblems(403, 404);
        mun.MapGet("/school-names", SchoolNamesAsync).WithName("SchoolNames").WithSummary("Краткие названия всех школ муниципалитета (для фильтров)")
            .ProducesProblems(403, 404);
        mun.MapPut("/schools/{schoolId}", SaveSchoolAsync).WithName("SaveSchool").WithSummary("Добавить или изменить школу (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(403, 404);
        mun.MapGet("/members", ListMembersAsync).WithName("ListMembers").WithSummary("Участники программы (координатор, методист)")
            .ProducesProblems(403, 404);
        mun.MapPut("/members/{personId}", SaveMemberAsync).WithName("SaveMember").WithSummary("Добавить или изменить участника (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync([AsParameters] PeopleRequest r)
    {
        var municipality = await r.Directory.GetMunicipalityAsync(r.User.MunicipalityId, r.Ct);
        if (municipality is null)
        {
            return Problems.NotFound("Муниципалитет участника не найден.");
        }

        var schools = (await r.Directory.ListSchoolsAsync(r.User.MunicipalityId, r.Ct)).Where(s => r.User.CanReadSchool(s.MunicipalityId, s.Id)).ToList();
        var now = r.Time.GetUtcNow();
        return TypedResults.Ok(new MeResponse(r.User.Member, municipality, schools,
            RussianWords.ZoneName(municipality.TimeZone, now), RussianWords.ZoneBy(municipality.TimeZone, now)));
    }

    public static async Task<Results<Ok<IReadOnlyList<School>>, ProblemHttpResult>> ListSchoolsAsync(string municipalityId, [AsParameters] PeopleRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        IReadOnlyList<School> schools = [.. (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).Where(s => r.User.CanReadSchool(municipalityId, s.Id))];
        return TypedResults.Ok(schools);
    }

    /// <summary>Names only — the municipality's schools are no secret to its members; their records are.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SchoolRefView>>, ProblemHttpResult>> SchoolNamesAsync(string municipalityId, [AsParameters] PeopleRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.MunicipalityId == municipalityId, r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok<IReadOnlyList<SchoolRefView>>([.. (await r.Directory.ListSchoolsAsync(municipalityId, r.Ct)).Select(s => new SchoolRefView(s.Id, s.ShortName))]);
    }

    public static async Task<Results<Ok<School>, ValidationProblem, ProblemHttpResult>> SaveSchoolAsync(
        string municipalityId, string schoolId, SchoolInput input, [AsParameters] PeopleRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
            "Школы добавляет и изменяет муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        if (!IdPattern().IsMatch(schoolId))
        {
            return Problems.Invalid("schoolId", "Код школы: латинские буквы, цифры и дефис, от 2 до 40 символов.");
        }

        var school = new School(municipalityId, schoolId, input.Name.Trim(), input.ShortName.Trim(), input.Kind, input.LowResults, input.Improving, input.Leader);
        await r.Directory.UpsertSchoolAsync(school, r.Ct);
        return TypedResults.Ok(school);
    }

    public static async Task<Results<Ok<IReadOnlyList<Member>>, ProblemHttpResult>> ListMembersAsync(string municipalityId, [AsParameters] PeopleRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct,
            "Список участников доступен координатору и методистам муниципалитета.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await r.Directory.ListMembersAsync(municipalityId, r.Ct));
    }

    public static async Task<Results<Ok<Member>, ValidationProblem, ProblemHttpResult>> SaveMemberAsync(
        string municipalityId, string personId, MemberInput input, [AsParameters] PeopleRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanManage(municipalityId), r.Ct,
            "Участников добавляет и изменяет муниципальный координатор.")).TryGet(out _, out var problem))
        {
            return problem;
        }

        var (user, directory, ct) = (r.User, r.Directory, r.Ct);

        var errors = new FieldErrors();
        if (!IdPattern().IsMatch(personId))
        {
            errors.Add("personId", "Код участника: латинские буквы, цифры и дефис, от 2 до 40 символов.");
        }

        var schoolIds = (input.SchoolIds ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct().ToList();
        var known = (await directory.ListSchoolsAsync(municipalityId, ct)).Select(s => s.Id).ToHashSet();
        foreach (var unknown in schoolIds.Where(s => !known.Contains(s)))
        {
            errors.Add("schoolIds", $"Школы «{unknown}» нет в муниципалитете.");
        }

        if (input.Role is Role.SchoolAdmin or Role.Teacher && schoolIds.Count != 1)
        {
            errors.Add("schoolIds", "Администратор школы и педагог относятся ровно к одной школе.");
        }

        if (input.Role is Role.Coordinator or Role.Methodist && schoolIds.Count != 0)
        {
            errors.Add("schoolIds", "Координатор и методист видят все школы муниципалитета; школы им не назначаются.");
        }

        if (personId == user.PersonId && (input.Role != Role.Coordinator || !input.Active))
        {
            errors.Add("role", "Нельзя снять с себя роль координатора: попросите об этом другого координатора.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var member = new Member(municipalityId, personId, input.DisplayName.Trim(), input.Email.Trim(), input.Role, schoolIds, input.Active);
        await directory.SaveMemberAsync(member, identityId: null, ct);
        return TypedResults.Ok(member);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    internal static partial Regex IdPattern();
}
