using MethodDays.Features.People;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Staff;

/// <summary>
/// A school's staff list: the teachers of the school, whether or not they have a MethodDays account. School visits
/// (seed 000: lessons of subject teachers observed) and teachers' diagnostics and individual routes (seed 004) point
/// at these records; a teacher who leaves is archived, never deleted, so those records keep their teacher.
/// </summary>
public static class StaffModule
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddSingleton<StaffStore>();
        services.AddStorageTable(StaffStore.Table);
        return services;
    }

    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder api)
    {
        StaffEndpoints.Map(api);
        StaffImportEndpoints.Map(api);
        StaffSummaryEndpoints.Map(api);
        return api;
    }
}

/// <summary>
/// Who may do what with a staff list, by least privilege:
/// <list type="bullet">
/// <item>keep it (add, edit, archive, import): the school's admin team for its own school only, and the municipality's
/// coordinator and methodists for every school of their municipality (they meet teachers on methodical days);</item>
/// <item>read it in full (category, position, e-mail, account link, archived teachers, the category summary): the
/// above and the curator of the school, who reads and does not edit;</item>
/// <item>a teacher of the school sees the active colleagues' names and subjects only (to find a colleague by subject),
/// never categories, positions or e-mail addresses, and cannot edit;</item>
/// <item>anyone else — another school's admin or teacher, a curator of other schools, another municipality — gets 403.</item>
/// </list>
/// </summary>
public static class StaffAccess
{
    public static bool CanReadStaff(this CurrentUser user, string municipalityId, string schoolId) =>
        user.CanReadSchool(municipalityId, schoolId);

    public static bool SeesStaffDetails(this CurrentUser user, string municipalityId, string schoolId) =>
        user.CanReadSchool(municipalityId, schoolId) && user.Role != Role.Teacher;

    public static bool CanEditStaff(this CurrentUser user, string municipalityId, string schoolId) =>
        municipalityId == user.MunicipalityId
        && (user.IsMunicipalityWide || (user.Role == Role.SchoolAdmin && user.Member.SchoolIds.Contains(schoolId)));
}
