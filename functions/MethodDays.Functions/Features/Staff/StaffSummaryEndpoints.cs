using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Staff;

/// <summary>
/// The qualification categories of the active teachers, per school and for the municipality (seed 004: «высшая
/// квалификационная категория – 68%, первая – 17%, 15% – без категории»; DOMAIN.md §5: data that feeds the choice of
/// a school for a methodical day, §4). A school's summary is for those who see the list in full; the municipality's
/// for its coordinator and methodists.
/// </summary>
internal static class StaffSummaryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/municipalities/{municipalityId}/schools/{schoolId}/staff/summary", SchoolAsync).WithTags("Педагоги школы")
            .WithName("StaffSummary").WithSummary("Квалификационные категории педагогов школы: число и процент").ProducesProblems(403, 404);
        api.MapGet("/municipalities/{municipalityId}/staff/summary", MunicipalityAsync).WithTags("Педагоги школы")
            .WithName("StaffMunicipalitySummary").WithSummary("Квалификационные категории педагогов муниципалитета и каждой школы")
            .ProducesProblems(403, 404);
    }

    public static async Task<Results<Ok<SchoolStaffSummaryView>, ProblemHttpResult>> SchoolAsync(
        string municipalityId, string schoolId, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.SchoolAsync(r.User, municipalityId, schoolId, u => u.SeesStaffDetails(municipalityId, schoolId), r.Ct)).TryGet(out var ctx, out var problem))
        {
            return problem;
        }

        var teachers = await r.Store.ListAsync(municipalityId, schoolId, r.Ct);
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SchoolStaffSummaryView(municipalityId, schoolId, ctx.School.ShortName,
            Categories.Summarize(teachers.Where(t => t.Active).Select(t => t.Category))));
    }

    public static async Task<Results<Ok<MunicipalityStaffSummaryView>, ProblemHttpResult>> MunicipalityAsync(
        string municipalityId, [AsParameters] StaffRequest r)
    {
        if (!(await r.Scope.MunicipalityAsync(r.User, municipalityId, u => u.CanSeeMunicipality(municipalityId), r.Ct)).TryGet(out _, out var problem))
        {
            return problem;
        }

        var schoolsTask = r.Directory.ListSchoolsAsync(municipalityId, r.Ct);
        var active = (await r.Store.MunicipalityCategoriesAsync(municipalityId, r.Ct)).Where(t => t.Active).ToList();
        var bySchool = active.ToLookup(t => t.SchoolId);
        var schools = (await schoolsTask)
            .OrderBy(s => s.ShortName, StringComparer.CurrentCulture)
            .Select(s => new SchoolCategoryRow(s.Id, s.ShortName, Categories.Summarize(bySchool[s.Id].Select(t => t.Category))))
            .ToList();
        r.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new MunicipalityStaffSummaryView(municipalityId, Categories.Summarize(active.Select(t => t.Category)), schools));
    }
}
