using MethodDays.Features.People;
using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.Progress;

/// <summary>
/// A progress sheet as sent by the page. A draft may be partial (every field may be empty, but what is there must be
/// valid); a submission must be complete: at least one methodical day or <c>noDays</c> with a reason, and every
/// teacher with a practice and a stage. <c>base</c>: for each part the page changed (<c>days</c>, <c>noDays</c>,
/// <c>noDaysReason</c>, <c>decisions</c>, <c>difficulties</c>, <c>requests</c>, <c>teachers</c>), that part as the
/// page loaded it; with it a write made against an older version merges with what others saved meanwhile.
/// </summary>
public sealed record ProgressInput(
    string? TemplateVersion,
    IReadOnlyList<DayInput?>? Days,
    bool? NoDays,
    string? NoDaysReason,
    IReadOnlyList<string?>? Decisions,
    string? Difficulties,
    IReadOnlyList<RequestInput?>? Requests,
    IReadOnlyList<TeacherInput?>? Teachers,
    Dictionary<string, System.Text.Json.JsonElement>? Base = null);

/// <summary>A methodical day held: <c>date</c> as yyyy-MM-dd, <c>form</c> a template choice id.</summary>
public sealed record DayInput(string? Date, string? Form, string? FormOther, string? Topic, double? SharePercent, string? TopicWeek = null);

/// <summary>A request for help. <c>id</c> is kept across edits so a help-plan item can point at it; new ones get one.</summary>
public sealed record RequestInput(string? Id, string? Topic, string? Text);

/// <summary>A teacher: a member of the school (<c>personId</c>) or a name typed in (teachers who are not app users).</summary>
/// <c>practiceId</c> links the practice to one of the bank's (then <c>practice</c> is its title, filled in by the server).
public sealed record TeacherInput(string? PersonId, string? Name, string? Practice, string? Stage, string? Help, string? PracticeId = null);

/// <summary>The sheet's content, normalised: as stored, as shown, and as each revision keeps it.</summary>
public sealed record ProgressContent(
    IReadOnlyList<MethodicalDay> Days,
    bool NoDays,
    string? NoDaysReason,
    IReadOnlyList<string> Decisions,
    string? Difficulties,
    IReadOnlyList<HelpRequest> Requests,
    IReadOnlyList<TeacherProgress> Teachers)
{
    public static readonly ProgressContent Empty = new([], false, null, [], null, [], []);
}

/// <summary>A methodical day held; <c>topicWeek</c> (2026-W47) links it to that week's published topic, whose title is then <c>topic</c>.</summary>
public sealed record MethodicalDay(string? Date, string? Form, string? FormOther, string? Topic, double? SharePercent, string? TopicWeek = null);

public sealed record HelpRequest(string Id, string? Topic, string? Text);

/// <summary>A teacher's line; <c>practiceId</c> links the practice to the bank (a sheet saved before has the text only).</summary>
public sealed record TeacherProgress(string? PersonId, string? Name, string? Practice, string? Stage, string? Help, string? PracticeId = null);

public sealed record ProgressRevisionSummary(int Number, string TemplateVersion, DateTimeOffset SubmittedAt, string SubmittedByName, int Days, int Teachers);

public sealed record ProgressRevisionView(string SchoolId, string Month, int Number, string TemplateVersion, ProgressContent Sheet, Stamp Submitted);

/// <summary>A teacher as last month's submitted sheet had them.</summary>
public sealed record TeacherStage(string? PersonId, string Name, string? Practice, string? Stage, string? PracticeId = null);

/// <summary>
/// A teacher's movement since last month: <c>up</c>, <c>same</c>, <c>down</c> (by stage order), <c>new</c> (not in
/// last month's sheet) or <c>gone</c> (in last month's sheet, not in this one).
/// </summary>
public sealed record StageChange(string? PersonId, string Name, string? Stage, string? PreviousStage, string Trend);

/// <summary>A teacher member of the school, for the page's picker.</summary>
public sealed record SchoolTeacher(string PersonId, string Name);

public sealed record ProgressPermissions(bool Edit, bool Comment);

/// <summary>
/// A school's progress sheet for a month. <c>Status</c>: <c>empty</c> (nothing saved), <c>draft</c> (saved, never
/// submitted), <c>submitted</c>, <c>changed</c> (submitted, then edited and not yet resubmitted). <c>Sheet</c> is the
/// working copy; each submission is kept as a revision.
/// </summary>
public sealed record ProgressView(
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    string Month,
    string TemplateVersion,
    string Status,
    ProgressContent Sheet,
    int Revision,
    string? ETag,
    Stamp? Updated,
    Stamp? Submitted,
    IReadOnlyList<ProgressRevisionSummary> Revisions,
    IReadOnlyList<CommentView> Comments,
    string? PreviousMonth,
    IReadOnlyList<TeacherStage> PreviousStages,
    IReadOnlyList<StageChange> StageChanges,
    IReadOnlyList<SchoolTeacher> SchoolTeachers,
    ProgressPermissions Can);

public sealed record StageCount(string Stage, string Label, int Count);

/// <summary>One school's line of the month's summary (figures of its last submission).</summary>
public sealed record ProgressSummaryRow(
    string SchoolId,
    string ShortName,
    string Name,
    bool LowResults,
    string Status,
    int Revision,
    DateTimeOffset? SubmittedAt,
    string? SubmittedByName,
    int Days,
    bool NoDays,
    string? NoDaysReason,
    double? AverageSharePercent,
    int Teachers,
    IReadOnlyList<StageCount> Stages);

/// <summary>A help-plan item that answers a request, as the summary shows it.</summary>
public sealed record RequestAnswer(string ItemId, string Action, string Status);

public sealed record OpenRequest(string SchoolId, string SchoolShortName, string RequestId, string Topic, string Text, IReadOnlyList<RequestAnswer> PlanItems);

public sealed record ProgressTotals(int Schools, int Submitted, int Days, double? AverageSharePercent, int Teachers, IReadOnlyList<StageCount> Stages);

/// <summary>
/// The month for the coordinator and methodists (a curator: assigned schools): who submitted, methodical days and
/// the share of teachers per school, teachers by stage for the chart, and requests for help no plan item answers yet.
/// </summary>
public sealed record ProgressSummaryView(
    string MunicipalityId,
    string Month,
    IReadOnlyList<ProgressSummaryRow> Schools,
    IReadOnlyList<SchoolRef> NotSubmitted,
    ProgressTotals Totals,
    IReadOnlyList<OpenRequest> OpenRequests,
    int AnsweredRequests);
