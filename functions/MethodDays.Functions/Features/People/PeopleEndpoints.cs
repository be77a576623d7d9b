using System.Text.RegularExpressions;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.People;

/// <summary>The signed-in person, the municipality's schools and members (managed by the coordinator).</summary>
internal static partial class PeopleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync).WithName("Me").WithTags("Люди и школы").WithSummary("Кто я: роль, муниципалитет, доступные школы");
        var mun = api.MapGroup("/municipalities/{municipalityId}").WithTags("Люди и школы");
        mun.MapGet("/schools", ListSchoolsAsync).WithName("ListSchools").WithSummary("Школы муниципалитета (в пределах доступа)");
        mun.MapGet("/school-names", SchoolNamesAsync).WithName("SchoolNames").WithSummary("Краткие названия всех школ муниципалитета (для фильтров)");
        mun.MapPut("/schools/{schoolId}", SaveSchoolAsync).WithName("SaveSchool").WithSummary("Добавить или изменить школу (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        mun.MapGet("/members", ListMembersAsync).WithName("ListMembers").WithSummary("Участники программы (координатор, методист)");
        mun.MapPut("/members/{personId}", SaveMemberAsync).WithName("SaveMember").WithSummary("Добавить или изменить участника (координатор)")
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        var municipality = await directory.GetMunicipalityAsync(user.MunicipalityId, ct);
        if (municipality is null)
        {
            return Problems.NotFound("Муниципалитет участника не найден.");
        }

        var schools = (await directory.ListSchoolsAsync(user.MunicipalityId, ct)).Where(s => user.CanReadSchool(s.MunicipalityId, s.Id)).ToList();
        return TypedResults.Ok(new MeResponse(user.Member, municipality, schools));
    }

    public static async Task<Results<Ok<IReadOnlyList<School>>, ProblemHttpResult>> ListSchoolsAsync(
        string municipalityId, CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return Problems.Forbidden("Эти данные относятся к другому муниципалитету.");
        }

        IReadOnlyList<School> schools = [.. (await directory.ListSchoolsAsync(municipalityId, ct)).Where(s => user.CanReadSchool(municipalityId, s.Id))];
        return TypedResults.Ok(schools);
    }

    /// <summary>Names only — the municipality's schools are no secret to its members; their records are.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SchoolRefView>>, ProblemHttpResult>> SchoolNamesAsync(
        string municipalityId, CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        if (user.MunicipalityId != municipalityId)
        {
            return Problems.Forbidden("Эти данные относятся к другому муниципалитету.");
        }

        return TypedResults.Ok<IReadOnlyList<SchoolRefView>>([.. (await directory.ListSchoolsAsync(municipalityId, ct)).Select(s => new SchoolRefView(s.Id, s.ShortName))]);
    }

    public static async Task<Results<Ok<School>, ValidationProblem, ProblemHttpResult>> SaveSchoolAsync(
        string municipalityId, string schoolId, SchoolInput input, CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Школы добавляет и изменяет муниципальный координатор.");
        }

        if (!IdPattern().IsMatch(schoolId))
        {
            return Problems.Invalid("schoolId", "Код школы: латинские буквы, цифры и дефис, от 2 до 40 символов.");
        }

        var school = new School(municipalityId, schoolId, input.Name.Trim(), input.ShortName.Trim(), input.Kind, input.LowResults, input.Improving, input.Leader);
        await directory.UpsertSchoolAsync(school, ct);
        return TypedResults.Ok(school);
    }

    public static async Task<Results<Ok<IReadOnlyList<Member>>, ProblemHttpResult>> ListMembersAsync(
        string municipalityId, CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        if (!user.CanSeeMunicipality(municipalityId))
        {
            return Problems.Forbidden("Список участников доступен координатору и методистам муниципалитета.");
        }

        return TypedResults.Ok(await directory.ListMembersAsync(municipalityId, ct));
    }

    public static async Task<Results<Ok<Member>, ValidationProblem, ProblemHttpResult>> SaveMemberAsync(
        string municipalityId, string personId, MemberInput input, CurrentUser user, DirectoryStore directory, CancellationToken ct)
    {
        if (!user.CanManage(municipalityId))
        {
            return Problems.Forbidden("Участников добавляет и изменяет муниципальный координатор.");
        }

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
