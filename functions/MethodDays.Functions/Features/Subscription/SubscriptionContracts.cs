namespace MethodDays.Features.Subscription;

/// <summary>A school's application: the year (default the current one), its grounds (codes of seed 002's criteria) and its justification.</summary>
public sealed record ApplicationInput(string? Year, IReadOnlyList<string?>? Criteria, string? Justification);

/// <summary>The coordinator's answer: <c>agreed</c> or <c>declined</c> (a reason is required then).</summary>
public sealed record ApplicationAnswer(string? Decision, string? Comment);

public sealed record ApplicationView(
    string Id, string SchoolId, string SchoolName, string Year, string YearLabel, IReadOnlyList<Choice> Criteria, string Justification,
    string Status, string StatusLabel, string? Comment, string CreatedByName, DateTimeOffset CreatedAt, string? AnsweredByName, DateTimeOffset? AnsweredAt);

/// <summary>A request for the bank: a teacher's (<c>teacherId</c> of the staff list) or the whole school's (none).</summary>
public sealed record NeedInput(string? Year, string? TeacherId, string? Topic, string? Competence, string? Subject, string? Form);

public sealed record NeedView(
    string Id, string SchoolId, string SchoolName, string? TeacherId, string? TeacherName, string Topic, string Competence, string CompetenceLabel,
    string Subject, string Form, string FormLabel, string CreatedByName, DateTimeOffset CreatedAt, IReadOnlyList<string> ModuleIds);

/// <summary>Requests with the same topic (compared without case, «ё» and extra spaces).</summary>
public sealed record TopicGroup(string Topic, int Count, int Schools, IReadOnlyList<string> Competences, IReadOnlyList<NeedView> Needs);

public sealed record CompetenceGroup(string Competence, string Label, int Count, IReadOnlyList<string> Topics, IReadOnlyList<NeedView> Needs);

/// <summary>
/// A module. <c>form</c>: session, practicum, master-class, intensive, training, consulting, mentoring-hour;
/// <c>leadKind</c>: specialist or tutor; dates yyyy-MM-dd; <c>schools</c> with an agreed application; <c>needIds</c> the requests it answers.
/// </summary>
public sealed record ModuleInput(
    string? Year, string? Form, string? Topic, string? Competence, string? LeadKind, string? LeadName, string? LeadMemberId, double? Hours,
    string? StartDate, string? EndDate, string? Place, IReadOnlyList<string?>? Schools, IReadOnlyList<string?>? NeedIds);

public sealed record SchoolRef(string Id, string Name);

public sealed record AttendeeView(string SchoolId, string TeacherId, string TeacherName, string RouteOutcome, string RouteOutcomeLabel);

public sealed record SessionView(string Id, string Date, IReadOnlyList<AttendeeView> Attendees, int AttendeesTotal, string Feedback, string RecordedByName, DateTimeOffset RecordedAt);

public sealed record ModuleView(
    string Id, string Year, string Form, string FormLabel, string Topic, string Competence, string CompetenceLabel, string LeadKind, string LeadKindLabel,
    string LeadName, string? LeadMemberId, double Hours, string StartDate, string EndDate, string Place, IReadOnlyList<SchoolRef> Schools,
    IReadOnlyList<string> NeedIds, IReadOnlyList<SessionView> Sessions, string UpdatedByName, DateTimeOffset UpdatedAt, string ETag);

/// <summary>A session: its date (not in the future), the staff teachers who came, a short feedback.</summary>
public sealed record SessionInput(string? Date, IReadOnlyList<AttendeeInput?>? Attendees, string? Feedback);

public sealed record AttendeeInput(string? SchoolId, string? TeacherId);

/// <summary>A teacher of a module's schools, to tick on the attendance sheet.</summary>
public sealed record RosterTeacher(string SchoolId, string SchoolName, string TeacherId, string FullName);

public sealed record ModuleDetails(ModuleView Module, IReadOnlyList<RosterTeacher> Roster);

public sealed record MunicipalityOverview(
    string Year, string YearLabel, IReadOnlyList<ApplicationView> Applications, IReadOnlyList<SchoolRef> AgreedSchools, IReadOnlyList<TopicGroup> ByTopic,
    IReadOnlyList<CompetenceGroup> ByCompetence, IReadOnlyList<ModuleView> Modules, IReadOnlyList<Choice> Criteria, IReadOnlyList<Choice> Forms,
    IReadOnlyList<Choice> Leads, IReadOnlyList<Choice> Competences);

/// <summary>The school's agreement of its complex route: which modules, by whom, when.</summary>
public sealed record RouteAgreementView(IReadOnlyList<string> ModuleIds, string AgreedByName, DateTimeOffset AgreedAt);

public sealed record SchoolOverview(
    string SchoolId, string SchoolName, string Year, string YearLabel, ApplicationView? Application, IReadOnlyList<NeedView> Needs,
    IReadOnlyList<ModuleView> Route, RouteAgreementView? Agreement, IReadOnlyList<SchoolRef> Teachers, bool CanApply, bool CanEnterForOthers,
    string? OwnTeacherId, IReadOnlyList<Choice> Criteria, IReadOnlyList<Choice> Forms, IReadOnlyList<Choice> Competences);

/// <summary>A count by something, for a chart.</summary>
public sealed record CountBy(string Key, string Label, int Count);

/// <summary>
/// Seed 002's results, from the records: 1) deficits found at entry and removed at the repeat diagnostic; 2) teachers
/// supported on routes with a module; 3) modules delivered by form and by school; 4) participation; 5) collective
/// practices that reached the bank.
/// </summary>
public sealed record Indicators(
    string Year, string YearLabel, int Schools, int DeficitsFound, int DeficitsRemoved, int DeficitsReduced, int TeachersOnRoutes, int RouteItemsDone,
    int ModulesPlanned, int ModulesDelivered, IReadOnlyList<CountBy> DeliveredByForm, IReadOnlyList<CountBy> DeliveredBySchool,
    int TeachersAttended, int Attendances, IReadOnlyList<CountBy> ParticipationBySchool, int PracticesAccepted, IReadOnlyList<CountBy> PracticesBySchool, string Note);
