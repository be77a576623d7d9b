using System.Diagnostics.CodeAnalysis;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.People;

/// <summary>A request about one school, resolved: who asks, the school's municipality and the school itself.</summary>
public sealed record SchoolContext(CurrentUser User, Municipality Municipality, School School);

/// <summary>A request about a whole municipality, resolved: who asks and the municipality.</summary>
public sealed record MunicipalityContext(CurrentUser User, Municipality Municipality);

/// <summary>Either a resolved context or the problem to answer with; never both, never neither.</summary>
public readonly struct Scoped<T>
    where T : class
{
    private readonly T? _value;
    private readonly ProblemHttpResult? _problem;

    private Scoped(T? value, ProblemHttpResult? problem) => (_value, _problem) = (value, problem);

    public static Scoped<T> Of(T value) => new(value, null);

    public static Scoped<T> Fail(ProblemHttpResult problem) => new(null, problem);

    /// <summary>The usual opening of a handler: <c>if (!scoped.TryGet(out var ctx, out var problem)) return problem;</c></summary>
    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        value = _value;
        problem = _problem;
        return _value is not null;
    }
}

/// <summary>
/// Resolves the school or municipality a route names for the signed-in person, in one order everywhere: the
/// permission is checked first against the route's ids (403, revealing nothing, not even whether the record
/// exists), then the records are looked up (404).
/// </summary>
public sealed class ScopeResolver(DirectoryStore directory)
{
    public async Task<Scoped<SchoolContext>> SchoolAsync(
        CurrentUser user, string municipalityId, string schoolId, Func<CurrentUser, bool> allowed, CancellationToken ct)
    {
        if (!allowed(user))
        {
            return Scoped<SchoolContext>.Fail(Problems.Forbidden(user.MunicipalityId != municipalityId
                ? "Эти данные относятся к другому муниципалитету."
                : "У вас нет доступа к данным этой школы."));
        }

        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        var school = municipality is null ? null : await directory.GetSchoolAsync(municipalityId, schoolId, ct);
        return school is null
            ? Scoped<SchoolContext>.Fail(Problems.NotFound("Такой школы нет в муниципалитете."))
            : Scoped<SchoolContext>.Of(new SchoolContext(user, municipality!, school));
    }

    public async Task<Scoped<MunicipalityContext>> MunicipalityAsync(
        CurrentUser user, string municipalityId, Func<CurrentUser, bool> allowed, CancellationToken ct,
        string forbidden = "Этот раздел доступен координатору и методистам муниципалитета.")
    {
        if (!allowed(user))
        {
            return Scoped<MunicipalityContext>.Fail(Problems.Forbidden(user.MunicipalityId != municipalityId
                ? "Эти данные относятся к другому муниципалитету."
                : forbidden));
        }

        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        return municipality is null
            ? Scoped<MunicipalityContext>.Fail(Problems.NotFound("Такого муниципалитета нет."))
            : Scoped<MunicipalityContext>.Of(new MunicipalityContext(user, municipality));
    }
}
