using MethodDays.Features.Notifications;
using MethodDays.Features.Observations;
using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Progress;
using MethodDays.Features.Staff;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Features.Visits;

/// <summary>
/// School visits (seed 000, Gelendzhik's «Методический день»): the register of each school's results by school year,
/// the candidates list ranked by the criteria the municipality switches on and weights, schools' requests for a visit,
/// and the planned visit with its team and lesson schedule; the visit's review (documents with verdicts, the five
/// directions, experience worth spreading, the interview: <see cref="VisitReviewStore"/>).
/// </summary>
public static class VisitsModule
{
    public static IServiceCollection AddVisits(this IServiceCollection services)
    {
        services.AddMemoryCache(); // the visits the protocols are checked against (VisitStore)
        services.AddSingleton<VisitStore>();
        services.AddSingleton<VisitYearStore>();
        services.AddSingleton<ILessonRoster, VisitLessonRoster>();
        services.AddSingleton<VisitNotices>();
        services.AddSingleton<VisitReportStore>();
        services.AddSingleton<ICalendarEvents, VisitCalendar>();
        services.AddStorageTable(VisitStore.ResultsTable);
        services.AddStorageTable(VisitStore.VisitsTable);
        services.AddSingleton<VisitReviewStore>();
        services.AddStorageTable(VisitReviewStore.Table);
        services.AddStorageContainer(VisitReviewStore.FilesContainer);
        services.AddTimerFunction<VisitUploadCleanupTimer>(VisitUploadCleanupTimer.Name, VisitUploadCleanupTimer.Schedule);
        return services;
    }

    public static RouteGroupBuilder MapVisits(this RouteGroupBuilder api)
    {
        ResultsEndpoints.Map(api);
        CandidateEndpoints.Map(api);
        RequestEndpoints.Map(api);
        VisitEndpoints.Map(api);
        VisitReviewEndpoints.Map(api);
        VisitReportEndpoints.Map(api);
        VisitYearEndpoints.Map(api);
        return api;
    }
}

/// <summary>The dependencies of the visit handlers, bound with <c>[AsParameters]</c> (services marked, see StaffRequest).</summary>
internal sealed record VisitRequest(
    CurrentUser User,
    [FromServices] ScopeResolver Scope,
    [FromServices] VisitStore Store,
    [FromServices] DirectoryStore Directory,
    [FromServices] StaffStore Staff,
    [FromServices] VisitNotices Notices,
    [FromServices] TimeProvider Time,
    HttpContext Http,
    CancellationToken Ct);

/// <summary>What the candidates list reads from the other features' stores (it keeps no copy of their records).</summary>
internal sealed record CandidateSources(
    [FromServices] CycleStore Cycle,
    [FromServices] IEnumerable<IMonthlySheetSource> Sheets,
    [FromServices] PracticeStore Practices,
    [FromServices] HelpPlanStore HelpPlans);

/// <summary>
/// Who may do what with visits, by least privilege:
/// <list type="bullet">
/// <item>plan and change visits, keep the results register, see the candidates list and answer requests: the
/// municipality's coordinator and methodists; the criteria's weights and thresholds: the coordinator;</item>
/// <item>see a visit: the above, the members of its team, the visited school's administration and its curator;</item>
/// <item>ask for a visit: the school's administration, for its own school; its requests are seen by it, its curator,
/// the coordinator and methodists;</item>
/// <item>anyone else — another school, a teacher who is not on the team, another municipality — sees nothing.</item>
/// </list>
/// </summary>
internal static class VisitAccess
{
    public static bool CanPlanVisits(this CurrentUser user, string municipalityId) => user.CanSeeMunicipality(municipalityId);

    public static bool CanSetCriteria(this CurrentUser user, string municipalityId) => user.CanManage(municipalityId);

    public static bool CanSeeVisit(this CurrentUser user, string municipalityId, VisitEntity visit) =>
        municipalityId == user.MunicipalityId
        && (user.IsMunicipalityWide || visit.HasOnTeam(user.PersonId) || SeesSchoolVisits(user, municipalityId, visit.SchoolId));

    /// <summary>A school's visits and requests: its administration, its curator, the coordinator and methodists.</summary>
    public static bool SeesSchoolVisits(this CurrentUser user, string municipalityId, string schoolId) =>
        municipalityId == user.MunicipalityId
        && (user.IsMunicipalityWide || (user.Role is Role.SchoolAdmin or Role.Curator && user.Member.SchoolIds.Contains(schoolId)));

    public static bool CanAskForVisit(this CurrentUser user, string municipalityId, string schoolId) => user.CanWriteSchoolSheets(municipalityId, schoolId);
}
