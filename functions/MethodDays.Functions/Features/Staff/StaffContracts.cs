using System.Text.Json.Serialization;

namespace MethodDays.Features.Staff;

/// <summary>
/// A teacher as the page sends it. <c>category</c> is a code of <see cref="Categories"/>; <c>active</c> false archives
/// the teacher (omitted: a new teacher is active, an update keeps the current state); <c>personId</c> links a
/// MethodDays member of the school when the teacher has an account.
/// </summary>
public sealed record TeacherInput(
    string? FullName,
    IReadOnlyList<string?>? Subjects,
    string? Category,
    string? Position,
    string? Email,
    string? PersonId,
    bool? Active);

/// <summary>
/// A teacher as answered. A teacher reading their own school's list gets the id, name and subjects only: the
/// other fields are left out of the answer.
/// </summary>
public sealed record TeacherView(
    string Id,
    string FullName,
    IReadOnlyList<string> Subjects,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CategoryLabel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Position,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PersonId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdatedByName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag);

/// <summary>What the signed-in person may do with this list (the page shows or hides its buttons by it).</summary>
public sealed record StaffPermissions(bool CanEdit, bool SeesDetails);

public sealed record StaffListView(
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    IReadOnlyList<TeacherView> Teachers,
    IReadOnlyList<CategoryOption> Categories,
    StaffPermissions Permissions);

public sealed record CategoryOption(string Code, string Label);

/// <summary>One category's share of the active teachers, in whole per cent.</summary>
public sealed record CategoryShare(string Code, string Label, string Short, int Count, int Percent);

/// <summary>
/// The qualification categories of a school's (or the municipality's) active teachers, as seed 004 reports them:
/// <c>line</c> is the ready sentence («68 % высшая / 17 % первая / 15 % без категории»).
/// </summary>
public sealed record CategorySummary(int Total, IReadOnlyList<CategoryShare> Categories, string Line);

public sealed record SchoolStaffSummaryView(string MunicipalityId, string SchoolId, string SchoolName, CategorySummary Summary);

public sealed record SchoolCategoryRow(string SchoolId, string ShortName, CategorySummary Summary);

public sealed record MunicipalityStaffSummaryView(string MunicipalityId, CategorySummary Summary, IReadOnlyList<SchoolCategoryRow> Schools);

/// <summary>What an import did: each row of the file added a teacher, updated one, restored one from the archive or matched one unchanged.</summary>
public sealed record StaffImportResult(int Rows, int Added, int Updated, int Restored, int Unchanged);
