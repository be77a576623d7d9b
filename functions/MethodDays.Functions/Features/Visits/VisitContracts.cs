using System.Text.Json.Serialization;

namespace MethodDays.Features.Visits;

// ---- The register of results -------------------------------------------------------------------------------------

/// <summary>
/// One exam line of a school's year: <c>exam</c> is <c>OGE</c>, <c>EGE</c> or <c>VPR</c>; <c>grade</c> only for ВПР;
/// the school's mean result beside the municipality's and the city's.
/// </summary>
public sealed record ExamResultInput(string? Exam, string? Subject, int? Grade, decimal? School, decimal? Municipality, decimal? City);

/// <summary>
/// A school's results for one school year, as the page sends them. Every figure may be left empty (not known yet).
/// <c>shnorFrom</c>/<c>shnorTo</c> are school years («2021-2022») the school was on the ШНОР list: the period belongs to
/// the school, not to the year, and the same two fields are stored once per school.
/// </summary>
public sealed record SchoolResultsInput(
    string? ShnorFrom,
    string? ShnorTo,
    decimal? QualityPercent,
    decimal? AttainmentPercent,
    int? OlympiadSchoolParticipants,
    int? OlympiadSchoolWinners,
    int? OlympiadHigherParticipants,
    int? OlympiadHigherWinners,
    int? InnovationTeachers,
    IReadOnlyList<ExamResultInput?>? Exams);

public sealed record ExamResult(string Exam, string ExamLabel, string Subject, int? Grade, decimal? School, decimal? Municipality, decimal? City);

public sealed record SchoolResultsView(
    string SchoolId,
    string SchoolName,
    string Year,
    string? ShnorFrom,
    string? ShnorTo,
    bool OnShnorList,
    decimal? QualityPercent,
    decimal? AttainmentPercent,
    int? OlympiadSchoolParticipants,
    int? OlympiadSchoolWinners,
    int? OlympiadHigherParticipants,
    int? OlympiadHigherWinners,
    int? InnovationTeachers,
    IReadOnlyList<ExamResult> Exams,
    bool Entered,
    DateTimeOffset? UpdatedAt,
    string? UpdatedByName,
    string? ETag);

public sealed record ResultsYearView(string MunicipalityId, string Year, string YearLabel, IReadOnlyList<string> Years, IReadOnlyList<SchoolResultsView> Schools, bool CanEdit);

public sealed record ResultsImportResult(int Rows, int Schools, int Exams, int Changed, int Unchanged);

// ---- Candidates ----------------------------------------------------------------------------------------------------

/// <summary>A criterion as the municipality set it: on or off, its weight and (for some) its threshold.</summary>
public sealed record CriterionSetting(string Code, bool On, int Weight, decimal? Threshold);

public sealed record CriteriaInput(IReadOnlyList<CriterionSetting?>? Criteria);

public sealed record CriterionView(string Code, string Title, string? ThresholdLabel, bool On, int Weight, decimal? Threshold, string Source);

public sealed record CriteriaView(IReadOnlyList<CriterionView> Criteria, bool CanEdit, DateTimeOffset? UpdatedAt, string? UpdatedByName, string? ETag);

/// <summary>Why a school is on the list: a criterion it meets (<c>met</c>) or could not be judged on (<c>noData</c>), with its values.</summary>
public sealed record CandidateReason(string Code, string Title, bool Met, bool NoData, int Points, string Detail);

public sealed record CandidateView(
    string SchoolId,
    string SchoolName,
    bool Leader,
    int Score,
    IReadOnlyList<CandidateReason> Reasons,
    string? LastVisitDate,
    string? NextVisitDate,
    string? NextVisitId,
    int OpenHelpItems,
    VisitRequestView? Request);

public sealed record CandidatesView(string MunicipalityId, string Year, string YearLabel, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<CandidateView> Schools);

// ---- Requests ------------------------------------------------------------------------------------------------------

/// <summary>A school's request for a visit: the month it asks for (yyyy-MM) and why.</summary>
public sealed record VisitRequestInput(string? Month, string? Reason);

/// <summary>The answer: <c>agreed</c> or <c>declined</c>; a decline says why.</summary>
public sealed record VisitRequestAnswer(string? Decision, string? Comment);

public sealed record VisitRequestView(
    string Id,
    string SchoolId,
    string SchoolName,
    string Month,
    string Reason,
    string Status,
    string StatusLabel,
    string? Comment,
    DateTimeOffset CreatedAt,
    string CreatedByName,
    DateTimeOffset? AnsweredAt,
    string? AnsweredByName,
    string? VisitId);

// ---- Visits --------------------------------------------------------------------------------------------------------

public sealed record TeamMemberInput(string? PersonId, string? Role);

public sealed record LessonInput(
    string? TeacherId,
    string? Subject,
    string? Grade,
    int? Number,
    string? Date,
    string? Start,
    string? End,
    string? Room,
    IReadOnlyList<string?>? Observers,
    string? Id = null);

/// <summary>A visit as the page sends it (a new one and every change alike: the whole visit).</summary>
public sealed record VisitInput(
    string? SchoolId,
    string? Date,
    string? Purpose,
    string? RequestId,
    IReadOnlyList<string?>? Directions,
    IReadOnlyList<TeamMemberInput?>? Team,
    IReadOnlyList<LessonInput?>? Lessons,
    string? Status,
    string? RepeatOf = null);

public sealed record TeamMember(string PersonId, string Name, string MemberRole, string Role, string RoleLabel, string? SchoolName);

/// <summary>
/// A lesson of the visit's schedule. <see cref="Id"/> is stable across edits of the visit (the observation protocols
/// hang off it): kept when the page sends it back, else taken from the lesson of the same teacher and number.
/// </summary>
public sealed record Lesson(
    string TeacherId,
    string TeacherName,
    string Subject,
    string Grade,
    int Number,
    string Start,
    string End,
    string? Room,
    IReadOnlyList<string> Observers,
    string? Id = null);

public sealed record Choice(string Code, string Label);

public sealed record VisitView(
    string Id,
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    string Date,
    string Purpose,
    string Basis,
    string? RequestId,
    IReadOnlyList<Choice> Directions,
    IReadOnlyList<TeamMember> Team,
    IReadOnlyList<Lesson> Lessons,
    string Status,
    IReadOnlyList<string> Warnings,
    bool CanEdit,
    DateTimeOffset UpdatedAt,
    string UpdatedByName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag,
    string? RepeatOf = null);

public sealed record VisitSummary(string Id, string SchoolId, string SchoolName, string Date, string Purpose, string Status, int TeamSize, int Lessons, bool OnTeam);

public sealed record VisitListView(string MunicipalityId, IReadOnlyList<VisitSummary> Visits, IReadOnlyList<VisitRequestView> Requests, bool CanPlan);

/// <summary>What the planning form offers: the five directions, the team roles, who may be on a team.</summary>
public sealed record PlanningOptions(IReadOnlyList<Choice> Directions, IReadOnlyList<Choice> Roles, IReadOnlyList<TeamCandidate> People, int TeamMin, int TeamMax);

public sealed record TeamCandidate(string PersonId, string Name, string MemberRole, string? SchoolName, bool LeaderSchool);
