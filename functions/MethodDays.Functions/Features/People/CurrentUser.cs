using System.Reflection;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace MethodDays.Features.People;

/// <summary>
/// The signed-in person as the members table knows them, with the scope rules every endpoint applies:
/// a school reaches only its own records, a curator only assigned schools, a coordinator or methodist only
/// their municipality.
/// </summary>
public sealed record CurrentUser(Member Member)
{
    internal const string ItemKey = "MethodDays.CurrentUser";

    public string MunicipalityId => Member.MunicipalityId;

    public string PersonId => Member.PersonId;

    public Role Role => Member.Role;

    public bool IsMunicipalityWide => Role is Role.Coordinator or Role.Methodist;

    /// <summary>Read a school's records: its own staff, its curator, the municipality's coordinator and methodists.</summary>
    public bool CanReadSchool(string municipalityId, string schoolId) =>
        municipalityId == MunicipalityId && (IsMunicipalityWide || Member.SchoolIds.Contains(schoolId));

    /// <summary>Fill and submit a school's sheets: the school's admin team only.</summary>
    public bool CanWriteSchoolSheets(string municipalityId, string schoolId) =>
        municipalityId == MunicipalityId && Role == Role.SchoolAdmin && Member.SchoolIds.Contains(schoolId);

    /// <summary>Comment on and review a school's submissions: its curator, coordinator and methodists.</summary>
    public bool CanReviewSchool(string municipalityId, string schoolId) =>
        municipalityId == MunicipalityId && (IsMunicipalityWide || (Role == Role.Curator && Member.SchoolIds.Contains(schoolId)));

    /// <summary>See municipality-wide views (summaries, boards, exports).</summary>
    public bool CanSeeMunicipality(string municipalityId) => municipalityId == MunicipalityId && IsMunicipalityWide;

    /// <summary>Manage people, schools and the programme settings.</summary>
    public bool CanManage(string municipalityId) => municipalityId == MunicipalityId && Role == Role.Coordinator;

    /// <summary>Minimal-API binding: the member was resolved by <see cref="CurrentUserMiddleware"/>.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Items[ItemKey] as CurrentUser);
}

/// <summary>Marks endpoints that need a signed-in member (the whole API except sign-in helpers).</summary>
public sealed class RequiresMemberMetadata;

/// <summary>
/// After authentication: looks the person up in the members table (cached briefly) and stops the request
/// with 401/403 problem+json when they are not signed in or not a member.
/// </summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    /// <summary>How long an instance answers from a member it read (other caches of access facts keep to it too).</summary>
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context, DirectoryStore directory, IMemoryCache cache, IProblemDetailsService problems)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresMemberMetadata>() is null)
        {
            await next(context);
            return;
        }

        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            await WriteAsync(context, problems, 401, "Войдите в систему, чтобы продолжить.");
            return;
        }

        var objectId = principal.FindFirstValue("oid") ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier");
        var email = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email") ?? principal.FindFirstValue(ClaimTypes.Email);
        var cacheKey = $"member|{objectId}|{email}";
        if (!cache.TryGetValue(cacheKey, out Member? member))
        {
            // Taken before the read: a member saved while we read expires what we are about to cache.
            var saved = MemberCache.SavedToken(cache);
            member = await directory.FindByIdentityAsync(objectId, email, context.RequestAborted);
            if (member is not null)
            {
                cache.Set(cacheKey, member, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor }.AddExpirationToken(saved));
            }
        }

        if (member is null || !member.Active)
        {
            await WriteAsync(context, problems, 403, "Вы вошли, но не добавлены в MethodDays (или доступ закрыт). Обратитесь к муниципальному координатору.");
            return;
        }

        context.Items[CurrentUser.ItemKey] = new CurrentUser(member);
        await next(context);
    }

    private static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string detail)
    {
        context.Response.StatusCode = status;
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail },
        });
    }
}

/// <summary>
/// The members cached by <see cref="CurrentUserMiddleware"/> all hang on one change token that saving any member
/// fires: a deactivated person (or a changed role or school) takes effect on their very next request, not up to
/// 30 seconds later. Members change rarely, so dropping every cached member then costs a few table reads.
/// The cache is per instance: other instances of the app follow within the cache's 30 seconds.
/// </summary>
internal static class MemberCache
{
    private const string Key = "member|saved";
    private static readonly Lock Gate = new();

    public static IChangeToken SavedToken(IMemoryCache cache)
    {
        lock (Gate)
        {
            if (!cache.TryGetValue(Key, out CancellationTokenSource? saved) || saved is null)
            {
                saved = new CancellationTokenSource();
                cache.Set(Key, saved, new MemoryCacheEntryOptions { Priority = CacheItemPriority.NeverRemove });
            }

            return new CancellationChangeToken(saved.Token);
        }
    }

    /// <summary>Called after a member is written: every cached member is read again.</summary>
    public static void MemberSaved(IMemoryCache cache)
    {
        CancellationTokenSource? saved;
        lock (Gate)
        {
            cache.TryGetValue(Key, out saved);
            cache.Remove(Key);
        }

        saved?.Cancel();
    }
}
