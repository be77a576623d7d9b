using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.WeeklyCycle;

public sealed record CalendarLink(string Url);

/// <summary>What the signed-in calendar handlers need: who asks, the scope resolver, the links and the public address.</summary>
internal sealed record CalendarRequest(CurrentUser User, [FromServices] ScopeResolver Scope, [FromServices] CalendarStore Calendars, [FromServices] PublicUrlOptions PublicUrl, CancellationToken Ct);

/// <summary>What the calendar itself needs: no sign-in (calendar apps cannot), the link's token decides.</summary>
internal sealed record CalendarFeedRequest([FromServices] CalendarStore Calendars, [FromServices] DirectoryStore Directory, [FromServices] CycleStore Store, [FromServices] TimeProvider Time, [FromServices] IEnumerable<ICalendarEvents> Extra, CancellationToken Ct);

/// <summary>
/// A school's calendar (.ics) of the week's steps that a phone can subscribe to. Calendar apps cannot sign in, so the
/// address carries a random token: each person has their own link to each school they can read, can replace it with
/// a new one (the old one stops at once), and it stops when they leave the school or the programme. Anyone with a
/// link sees the school's schedule and published topic titles, nothing else.
/// </summary>
internal static class CalendarEndpoints
{
    private const string Tag = "Недельный цикл ЕМД";

    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var calendar = api.MapGroup("/municipalities/{municipalityId}/schools/{schoolId}/calendar").WithTags(Tag);
        calendar.MapGet("", LinkAsync).WithName("SchoolCalendarLink").WithSummary("Моя ссылка на календарь школы (.ics) для телефона")
            .ProducesProblems(403, 404);
        calendar.MapPost("/renew", RenewAsync).WithName("RenewSchoolCalendarLink")
            .WithSummary("Заменить мою ссылку на календарь школы: старая перестаёт открываться")
            .ProducesProblems(403, 404);
        app.MapGet("/api/calendar/{token}.ics", FeedAsync)
            .WithName("SchoolCalendarFeed").WithTags(Tag).WithSummary("Календарь шагов недели школы (по ссылке с ключом)")
            .AllowAnonymous().ProducesProblems(404);
    }

    public static async Task<Results<Ok<CalendarLink>, ProblemHttpResult>> LinkAsync(string municipalityId, string schoolId, [AsParameters] CalendarRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(Link(r, await r.Calendars.TokenAsync(municipalityId, schoolId, r.User.PersonId, r.Ct)));
    }

    public static async Task<Results<Ok<CalendarLink>, ProblemHttpResult>> RenewAsync(string municipalityId, string schoolId, [AsParameters] CalendarRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(Link(r, await r.Calendars.RenewAsync(municipalityId, schoolId, r.User.PersonId, r.Ct)));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FeedAsync(string token, [AsParameters] CalendarFeedRequest r)
    {
        var gone = Problems.NotFound("Такого календаря нет: ссылку заменили или она неверна. Возьмите новую в MethodDays.");
        if (token.Length != 40 || !token.All(Uri.IsHexDigit) || await r.Calendars.FindAsync(token.ToLowerInvariant(), r.Ct) is not { } key)
        {
            return gone;
        }

        if (key.PersonId is not null)
        {
            // A personal link works while its owner still reaches the school.
            var member = await r.Directory.GetMemberAsync(key.MunicipalityId, key.PersonId, r.Ct);
            if (member is not { Active: true } || !new CurrentUser(member).CanReadSchool(key.MunicipalityId, key.SchoolId))
            {
                return gone;
            }
        }

        var municipality = await r.Directory.GetMunicipalityAsync(key.MunicipalityId, r.Ct);
        var school = municipality is null ? null : await r.Directory.GetSchoolAsync(key.MunicipalityId, key.SchoolId, r.Ct);
        if (municipality is null || school is null)
        {
            return gone;
        }

        // Other features' events for this person and school (school visits).
        var extra = new List<CalendarEvent>();
        foreach (var source in r.Extra)
        {
            extra.AddRange(await source.ForAsync(municipality, school, key.PersonId, r.Time.GetUtcNow(), r.Ct));
        }

        var ics = await CalendarFeed.WriteAsync(municipality, school, r.Store, r.Time.GetUtcNow(), r.Ct, extra);
        return TypedResults.File(ics, "text/calendar; charset=utf-8", $"emd-{school.Id}.ics");
    }

    // From the configured public address, never the request's Host header: a link is handed out to be opened later.
    private static CalendarLink Link(CalendarRequest r, string token) => new(r.PublicUrl.Link($"/api/calendar/{token}.ics"));
}
