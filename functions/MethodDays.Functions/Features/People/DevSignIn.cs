using MethodDays.Platform.Auth;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.People;

public sealed record DevPerson(string MunicipalityId, string MunicipalityName, string PersonId, string DisplayName, Role Role, IReadOnlyList<string> Schools);

public sealed record DevSignInInput(string? MunicipalityId, string? PersonId);

/// <summary>
/// The token, and who it signs in as far as the page's first requests need it (role, schools, municipality and its
/// zone), so the page opened with this token can ask for the person's sheet beside <c>/api/me</c>; <c>/api/me</c> still
/// decides what the page shows.
/// </summary>
public sealed record DevSignInResponse(string AccessToken, DateTimeOffset ExpiresAt, DevSignedIn Me);

public sealed record DevSignedIn(DevSignedInMember Member, DevSignedInMunicipality Municipality);

public sealed record DevSignedInMember(Role Role, IReadOnlyList<string> SchoolIds);

public sealed record DevSignedInMunicipality(string Id, string TimeZone);

/// <summary>What the development sign-in needs: the directory and the local token issuer.</summary>
internal sealed record DevSignInRequest([FromServices] DirectoryStore Directory, [FromServices] DevTokenIssuer Issuer, CancellationToken Ct);

/// <summary>
/// Development sign-in: pick a demo person, get a locally signed token. Mapped only when the app runs in the
/// Development environment with Auth:Mode=Development; it goes through the same authorization as Entra tokens.
/// </summary>
internal static class DevSignIn
{
    public static void Map(RouteGroupBuilder api)
    {
        var dev = api.MapGroup("/dev").WithTags("Вход для разработки");
        dev.MapGet("/people", PeopleAsync).WithName("DevPeople").WithSummary("Демо-участники для входа (только в режиме разработки)");
        dev.MapPost("/sign-in", SignInAsync).WithName("DevSignIn").WithSummary("Войти как демо-участник (только в режиме разработки)")
            .RequireRateLimiting(MethodDays.Platform.RequestLimits.SignIn).ProducesProblems(404);
    }

    public static async Task<Ok<IReadOnlyList<DevPerson>>> PeopleAsync([AsParameters] DevSignInRequest r)
    {
        var (directory, ct) = (r.Directory, r.Ct);
        var list = new List<DevPerson>();
        foreach (var m in await directory.ListMunicipalitiesAsync(ct))
        {
            var schools = (await directory.ListSchoolsAsync(m.Id, ct)).ToDictionary(s => s.Id, s => s.ShortName);
            list.AddRange((await directory.ListMembersAsync(m.Id, ct)).Where(p => p.Active).Select(p =>
                new DevPerson(m.Id, m.Name, p.PersonId, p.DisplayName, p.Role, [.. p.SchoolIds.Select(s => schools.GetValueOrDefault(s, s))])));
        }

        return TypedResults.Ok<IReadOnlyList<DevPerson>>([.. list.OrderBy(p => p.MunicipalityName).ThenBy(p => p.Role).ThenBy(p => p.DisplayName)]);
    }

    public static async Task<Results<Ok<DevSignInResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        DevSignInInput input, [AsParameters] DevSignInRequest r)
    {
        var (directory, ct) = (r.Directory, r.Ct);
        if (string.IsNullOrWhiteSpace(input.MunicipalityId) || string.IsNullOrWhiteSpace(input.PersonId))
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["personId"] = ["Выберите, под кем войти."],
            });
        }

        var member = await directory.GetMemberAsync(input.MunicipalityId, input.PersonId, ct);
        if (member is null || !member.Active)
        {
            return Problems.NotFound("Такого участника нет.");
        }

        var municipality = await directory.GetMunicipalityAsync(member.MunicipalityId, ct);
        if (municipality is null)
        {
            return Problems.NotFound("Муниципалитет участника не найден.");
        }

        // The dev identity is linked like an Entra object id would be at first sign-in.
        var identity = DevIdentity(member);
        await directory.SaveMemberAsync(member, identity, ct);
        var lifetime = TimeSpan.FromHours(8);
        return TypedResults.Ok(new DevSignInResponse(r.Issuer.Issue(identity, member.DisplayName, member.Email, lifetime), DateTimeOffset.UtcNow.Add(lifetime),
            new DevSignedIn(new DevSignedInMember(member.Role, member.SchoolIds), new DevSignedInMunicipality(municipality.Id, municipality.TimeZone))));
    }

    public static string DevIdentity(Member m) => $"dev-{m.MunicipalityId}-{m.PersonId}";
}
