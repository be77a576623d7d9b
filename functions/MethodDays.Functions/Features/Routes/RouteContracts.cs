namespace MethodDays.Features.Routes;

/// <summary>A route as saved: its tutor (a name, or a member of the municipality), the diagnostic it was drafted from, and its items.</summary>
public sealed record RouteInput(string? TutorName, string? TutorMemberId, string? EntryRoundId, IReadOnlyList<RouteItemInput?>? Items);

/// <summary>
/// An item. <c>form</c>: course, seminar, subscription, mentoring, self-education, open-lesson, method-day, other;
/// <c>status</c>: planned, in-progress, done, cancelled; dates yyyy-MM-dd within the school year. <c>moduleId</c>: the
/// module of the methodical subscription the item stands for (form <c>subscription</c> only): attending the module marks this item.
/// </summary>
public sealed record RouteItemInput(
    string? Id,
    string? Competence,
    string? Content,
    string? Form,
    decimal? Hours,
    string? StartDate,
    string? EndDate,
    string? ResponsibleName,
    string? ResponsibleMemberId,
    string? Status,
    string? PracticeId,
    string? EvidenceNote,
    string? ModuleId = null);

/// <summary>A mark of agreement: <c>as</c> is <c>teacher</c> or <c>tutor</c>.</summary>
public sealed record AgreementInput(string? As);

/// <summary>The school's order approving the route: «Приказ об утверждении ИОМ», its date and number.</summary>
public sealed record ApprovalInput(string? OrderDate, string? OrderNumber);

public sealed record ConsultationInput(string? Date, string? Note);

public sealed record Mark(string ById, string ByName, DateTimeOffset At);

public sealed record ApprovalView(string ById, string ByName, DateTimeOffset At, string OrderDate, string OrderNumber, string Words);

public sealed record RouteItemView(
    string Id,
    string Competence,
    string CompetenceLabel,
    string Content,
    string Form,
    string FormLabel,
    decimal Hours,
    string StartDate,
    string EndDate,
    string? ResponsibleName,
    string? ResponsibleMemberId,
    string Status,
    string StatusLabel,
    string? PracticeId,
    string? EvidenceNote,
    CertificateView? Certificate = null,
    string? ModuleId = null);

/// <summary>An item's uploaded certificate: its file name, type, size, who uploaded it and when.</summary>
public sealed record CertificateView(string FileName, string ContentType, long Bytes, string ByName, DateTimeOffset At);

/// <summary>An item's progress: status and evidence (a practice of the bank, a note). The teacher records their own.</summary>
public sealed record ItemProgressInput(string? Status, string? PracticeId, string? EvidenceNote);

public sealed record ConsultationView(string Date, string Note, string ById, string ByName, DateTimeOffset At);

/// <summary>A route; <c>state</c>: draft, agreed (both marks), approved.</summary>
public sealed record RouteView(
    string TeacherId,
    string TeacherName,
    string Period,
    string PeriodLabel,
    int Revision,
    string State,
    string StateLabel,
    string? EntryRoundId,
    string TutorName,
    string? TutorMemberId,
    IReadOnlyList<RouteItemView> Items,
    decimal TotalHours,
    Mark? TeacherAgreement,
    Mark? TutorAgreement,
    ApprovalView? Approval,
    IReadOnlyList<ConsultationView> Consultations,
    DateTimeOffset UpdatedAt,
    string UpdatedByName,
    string ETag);

/// <summary>
/// A proposal drafted from a diagnostic: nothing is saved until the route is. <c>Practices</c>: for each suggested
/// competence, up to three accepted practices of the municipality's bank tagged with it (newest first).
/// </summary>
public sealed record RouteDraft(string TeacherId, string TeacherName, string Period, string EntryRoundId, string RoundDate, IReadOnlyList<RouteItemView> Items, string Message,
    IReadOnlyList<CompetencePractices> Practices);

/// <summary>Practices of the bank offered for one competence of a draft.</summary>
public sealed record CompetencePractices(string Competence, string CompetenceLabel, IReadOnlyList<PracticeOffer> Practices);

public sealed record PracticeOffer(string Id, string Title);

public sealed record RouteSummary(string TeacherId, string TeacherName, string Period, int Revision, string State, string StateLabel, int Items, int Done, decimal TotalHours);

public sealed record RouteFormView(string Code, string Label);

/// <summary>The change of one competence between the entry and the repeat diagnostic.</summary>
public sealed record CompetenceChange(string Competence, string Label, int? Entry, int? Repeat, int? Change);

/// <summary>
/// One teacher's line of the effectiveness review. <c>number</c> always; the teacher's id and name only for those who
/// may read individual routes. Cancelled items count in neither done nor total.
/// </summary>
public sealed record ReviewRow(int Number, string? TeacherId, string? TeacherName, string State, int ItemsDone, int ItemsTotal, decimal HoursDone, decimal HoursPlanned, IReadOnlyList<CompetenceChange> Changes);

public sealed record ReviewTotals(int Teachers, int Approved, int ItemsDone, int ItemsTotal, decimal HoursDone, decimal HoursPlanned, IReadOnlyList<CompetenceChange> Means);

public sealed record SchoolReview(string SchoolId, string SchoolName, string Period, string? EntryRoundId, string? RepeatRoundId, IReadOnlyList<ReviewRow> Rows, ReviewTotals Totals);

public sealed record MunicipalityReview(string Period, IReadOnlyList<SchoolReviewTotals> Schools, ReviewTotals Totals);

public sealed record SchoolReviewTotals(string SchoolId, string SchoolName, string? EntryRoundId, string? RepeatRoundId, ReviewTotals Totals);

/// <summary>A module of the methodical subscription a route's item can stand for: those of the school's complex route first.</summary>
public sealed record ModuleChoice(
    string Id, string Form, string FormLabel, string Topic, string Competence, string CompetenceLabel, decimal Hours, string StartDate, string EndDate,
    string LeadName, string? LeadMemberId, string Place, bool InSchoolRoute, bool AgreedBySchool);

public sealed record ModuleChoices(string Period, IReadOnlyList<ModuleChoice> Modules);

/// <summary>One school's routes in numbers, for those who follow several schools: no names, no item texts.</summary>
public sealed record SchoolRoutesLine(string SchoolId, string SchoolName, int Teachers, int WithRoutes, int Approved, int ItemsDone, int ItemsTotal, int ItemsOverdue);

/// <summary>The routes of the schools the asker may follow: per school and in total, for the school year.</summary>
public sealed record RoutesOverview(string Period, string PeriodLabel, string Today, IReadOnlyList<SchoolRoutesLine> Schools, SchoolRoutesLine Totals, bool NamesOpen);
