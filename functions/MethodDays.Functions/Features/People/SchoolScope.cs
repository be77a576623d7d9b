using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.People;

/// <summary>
/// Resolves a school named in a route for the signed-in person, in one order everywhere: the municipality must be
/// theirs and the school within their reach (403, revealing nothing), then the school must exist (404).
/// </summary>
public static class SchoolScope
{
    public static async Task<(Municipality? Municipality, School? School, ProblemHttpResult? Problem)> ResolveAsync(
        DirectoryStore directory, CurrentUser user, string municipalityId, string schoolId, Func<CurrentUser, bool> allowed, CancellationToken ct)
    {
        if (!allowed(user))
        {
            return (null, null, Problems.Forbidden(user.MunicipalityId != municipalityId
                ? "Эти данные относятся к другому муниципалитету."
                : "У вас нет доступа к данным этой школы."));
        }

        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        var school = municipality is null ? null : await directory.GetSchoolAsync(municipalityId, schoolId, ct);
        return school is null
            ? (null, null, Problems.NotFound("Такой школы нет в муниципалитете."))
            : (municipality, school, null);
    }

    public static async Task<(Municipality? Municipality, ProblemHttpResult? Problem)> ResolveMunicipalityAsync(
        DirectoryStore directory, CurrentUser user, string municipalityId, Func<CurrentUser, bool> allowed, CancellationToken ct)
    {
        if (!allowed(user))
        {
            return (null, Problems.Forbidden(user.MunicipalityId != municipalityId
                ? "Эти данные относятся к другому муниципалитету."
                : "Этот раздел доступен координатору и методистам муниципалитета."));
        }

        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        return municipality is null ? (null, Problems.NotFound("Такого муниципалитета нет.")) : (municipality, null);
    }
}
