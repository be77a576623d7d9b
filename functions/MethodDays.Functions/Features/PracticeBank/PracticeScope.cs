using Azure;
using MethodDays.Features.Notifications;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.PracticeBank;

/// <summary>A request about one practice, resolved: who asks, the municipality and a practice they may read.</summary>
internal sealed record PracticeContext(CurrentUser User, Municipality Municipality, PracticeEntity Practice);

/// <summary>What the practice handlers need besides their route values and body.</summary>
internal sealed record PracticeRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] DirectoryStore Directory,
    [FromServices] PracticeStore Store,
    [FromServices] PracticeFileStore Files,
    [FromServices] CycleStore Cycle,
    [FromServices] SheetTemplates Templates,
    [FromServices] Notifier Notifier,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct)
{
    public Task<Scoped<PracticeContext>> PracticeAsync(string municipalityId, string practiceId) =>
        Scope.PracticeAsync(Store, User, municipalityId, practiceId, Ct);

    /// <summary>A practice for a reviewer (the municipality's coordinator or methodists) only.</summary>
    public Task<Scoped<PracticeContext>> PracticeToReviewAsync(string municipalityId, string practiceId, string forbidden) =>
        Scope.PracticeAsync(Store, User, municipalityId, practiceId, Ct, (u => PracticeViews.CanReview(u, municipalityId), forbidden));

    /// <summary>The practice as the page shows it, with its school's name and history; sets the ETag the next edit sends back.</summary>
    public async Task<PracticeView> ViewAsync(PracticeEntity practice)
    {
        Http.Response.Headers.ETag = practice.ETag.ToString();
        var school = (await Directory.GetSchoolAsync(practice.PartitionKey, practice.SchoolId, Ct))?.ShortName ?? practice.SchoolId;
        return PracticeViews.View(practice, school, await Store.HistoryAsync(practice.PartitionKey, practice.Id, Ct), User);
    }

    /// <summary>The version the client last saw (If-Match), if it sent one.</summary>
    public ETag? IfMatch => Http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } tag ? new ETag(tag) : null;
}

/// <summary>
/// The bank's scope rules on top of <see cref="ScopeResolver"/>: practices belong to one municipality and only its
/// members reach them; a practice sent but not yet accepted only its school, curator and the municipality's reviewers
/// read; a draft only its author.
/// </summary>
internal static class PracticeScope
{
    /// <summary>Any member of the municipality (the bank is the whole municipality's).</summary>
    public static Task<Scoped<MunicipalityContext>> MemberAsync(this ScopeResolver scope, CurrentUser user, string municipalityId, CancellationToken ct) =>
        scope.MunicipalityAsync(user, municipalityId, u => u.MunicipalityId == municipalityId, ct);

    /// <summary>The municipality's coordinator and methodists: reviews and exports.</summary>
    public static Task<Scoped<MunicipalityContext>> ReviewerAsync(this ScopeResolver scope, CurrentUser user, string municipalityId, string forbidden, CancellationToken ct) =>
        scope.MunicipalityAsync(user, municipalityId, u => u.CanSeeMunicipality(municipalityId), ct, forbidden);

    /// <summary>
    /// A practice the person may read; <paramref name="only"/> narrows who may ask at all (checked first, like
    /// every scope: 403 before anything is looked up).
    /// </summary>
    public static async Task<Scoped<PracticeContext>> PracticeAsync(
        this ScopeResolver scope, PracticeStore store, CurrentUser user, string municipalityId, string practiceId, CancellationToken ct,
        (Func<CurrentUser, bool> Allowed, string Forbidden)? only = null)
    {
        var municipality = only is { } narrow
            ? await scope.MunicipalityAsync(user, municipalityId, u => u.MunicipalityId == municipalityId && narrow.Allowed(u), ct, narrow.Forbidden)
            : await scope.MemberAsync(user, municipalityId, ct);
        if (!municipality.TryGet(out var ctx, out var problem))
        {
            return Scoped<PracticeContext>.Fail(problem);
        }

        var practice = practiceId.Length is > 0 and <= 40 ? await store.GetAsync(municipalityId, practiceId, ct) : null;
        if (practice is null)
        {
            return Scoped<PracticeContext>.Fail(Problems.NotFound("Такой практики нет."));
        }

        return PracticeViews.CanRead(user, practice)
            ? Scoped<PracticeContext>.Of(new PracticeContext(user, ctx.Municipality, practice))
            : Scoped<PracticeContext>.Fail(Problems.Forbidden(practice.StateValue == PracticeState.Draft
                ? "Это черновик: его видит только автор, пока не отправит практику на рассмотрение."
                : "Эта практика ещё не в банке: её видят школа, куратор и методисты."));
    }

    /// <summary>An export job of the municipality, for its coordinator and methodists.</summary>
    public static async Task<Scoped<ExportEntity>> ExportJobAsync(
        this ScopeResolver scope, ExportStore exports, CurrentUser user, string municipalityId, string jobId, string forbidden, CancellationToken ct)
    {
        if (!(await scope.ReviewerAsync(user, municipalityId, forbidden, ct)).TryGet(out _, out var problem))
        {
            return Scoped<ExportEntity>.Fail(problem);
        }

        var job = jobId.Length == 16 ? await exports.GetAsync(municipalityId, jobId, ct) : null;
        return job is null ? Scoped<ExportEntity>.Fail(Problems.NotFound("Такой выгрузки нет.")) : Scoped<ExportEntity>.Of(job);
    }
}
