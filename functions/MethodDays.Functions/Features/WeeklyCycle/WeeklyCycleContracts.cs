using System.Text.Json.Serialization;

namespace MethodDays.Features.WeeklyCycle;

public sealed record VideoLink(string? Title, string? Url);

[JsonConverter(typeof(JsonStringEnumConverter<PublishMode>))]
public enum PublishMode
{
    /// <summary>Not visible to schools yet.</summary>
    Draft,

    /// <summary>At the cycle's publish step of the week (e.g. Wednesday 16:00 local).</summary>
    AtPublishStep,

    /// <summary>At once.</summary>
    Now,
}

public sealed record TopicInput(string? Title, IReadOnlyList<VideoLink>? Videos, IReadOnlyList<string>? Questions, string? Assignment, PublishMode Publish = PublishMode.AtPublishStep);

/// <summary>The week's topic. <c>State</c>: draft, scheduled (visible from <c>PublishedAt</c>), published.</summary>
public sealed record TopicView(
    string Week, string WeekRange, string Title, IReadOnlyList<VideoLink> Videos, IReadOnlyList<string> Questions, string Assignment,
    DateTimeOffset? PublishedAt, string State, string? ETag, string UpdatedByName, DateTimeOffset UpdatedAt);

public sealed record CycleView(CycleTemplate Template, IReadOnlyList<CycleTemplate> Presets, IReadOnlyList<SkippedWeek> Skipped, string TimeZone);

public sealed record SkippedWeek(string Week, string WeekRange, string Reason);

public sealed record CycleInput(string? Preset, IReadOnlyList<CycleStep>? Steps, string? Title);

public sealed record SkipInput(string? Reason);

/// <summary>
/// A municipality's choices about the cycle's notices. <c>EscalateSelfAssessment</c>: the self-assessment sheet is
/// only recommended once a month (seed 003 §III.1.2), so by default its month end sends reminders and nothing to the
/// curator; a municipality may choose to tell the curator of a school that has not filled it in.
/// </summary>
public sealed record CycleOptions(bool EscalateSelfAssessment = false)
{
    public static readonly CycleOptions Default = new();
}

public sealed record CycleOptionsInput(bool? EscalateSelfAssessment);

public sealed record StepInput(string? Text);

public sealed record QuestionInput(string? Text, int? TopicQuestion);

public sealed record AnswerInput(string? Answer);

/// <summary>The municipality's settings; <c>ProgrammeStart</c> (yyyy-MM) is kept as it was when absent.</summary>
public sealed record MunicipalitySettingsInput(string? Name, string? TimeZone, string? ProgrammeStart = null);

/// <summary>A step of the week as a school sees it, with its state: done, late (done after the deadline), due, overdue, upcoming, info.</summary>
public sealed record StepView(
    string Id, StepKind Kind, string Title, Actor Actor, DateTimeOffset At, string LocalAt, string State,
    DateTimeOffset? DoneAt, string? DoneByName, string? Text, bool Late);

public sealed record QuestionView(
    string Id, string SchoolId, string SchoolName, int TopicQuestion, string Text, DateTimeOffset AskedAt, string AskedByName, bool Late,
    string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredByName);

/// <summary>A school's week: the topic (once published), its steps, its questions and the answers.</summary>
public sealed record SchoolWeekView(
    string Week, string WeekRange, string SchoolId, string SchoolName, bool Skipped, string? SkipReason, bool Closed,
    TopicView? Topic, IReadOnlyList<StepView> Steps, IReadOnlyList<QuestionView> Questions,
    PreviousDecision? PreviousDecision, WeekPermissions Can);

/// <summary>
/// The previous topic's decision, with which the next curator meeting opens (seed 003 §II.6). <c>State</c> is the
/// decision step's state for the school (<c>overdue</c> only after a deadline the seed or the municipality set);
/// <c>LocalDue</c> the deadline in local time, null when the step has none.
/// </summary>
public sealed record PreviousDecision(string Week, string? TopicTitle, string? Text, DateTimeOffset? At, string State = "info", string? LocalDue = null);

public sealed record WeekPermissions(bool Act, bool Meet, bool Answer);

public sealed record BoardCell(string StepId, string State, DateTimeOffset? DoneAt);

/// <summary>A school's row; the flags (ШНОР, ПРШ, школа-лидер, has a curator) let the page filter: every school takes part.</summary>
public sealed record BoardRow(
    string SchoolId, string SchoolName, IReadOnlyList<BoardCell> Cells, int Questions,
    bool LowResults = false, bool Improving = false, bool Leader = false, bool HasCurator = false);

/// <summary>A board column; <c>LocalUntil</c> is the deadline after «до»: «до четверга, 10 декабря, 15:00».</summary>
public sealed record BoardColumn(string StepId, StepKind Kind, string Title, DateTimeOffset Deadline, string LocalDeadline, string LocalUntil);

/// <summary>The week board: schools × steps with a traffic light per cell.</summary>
public sealed record BoardView(string Week, string WeekRange, string? TopicTitle, bool Published, bool Skipped, IReadOnlyList<BoardColumn> Columns, IReadOnlyList<BoardRow> Rows);

/// <summary>The video call's agenda: the week's questions grouped by the topic's discussion question, then school.</summary>
public sealed record AgendaView(string Week, string? TopicTitle, IReadOnlyList<AgendaGroup> Groups, int Total, int Unanswered);

public sealed record AgendaGroup(int TopicQuestion, string Title, IReadOnlyList<AgendaSchool> Schools);

public sealed record AgendaSchool(string SchoolId, string SchoolName, IReadOnlyList<QuestionView> Questions);

public sealed record TopicSummary(string Week, string WeekRange, string Title, string State, DateTimeOffset? PublishedAt);

/// <summary>Who a topic's notice reaches: people per group (a school's staff, curators, methodists).</summary>
public sealed record AudienceGroup(string Group, string Title, int People);

/// <summary>
/// What saving a topic would do, before it is saved: <c>Effect</c> is <c>draft</c>, <c>scheduled</c>, <c>publish</c>
/// (schools are told now), <c>correction</c> (a published topic changed: its readers are told «Исправление: …»),
/// <c>unchanged</c> (a published topic saved as it was: nobody is told). <c>Notifies</c>: someone is told at once;
/// <c>Schools</c>, <c>People</c>, <c>Emails</c> and <c>Groups</c> count who (e-mail only to those who did not turn
/// that kind of notice off; the feed always); <c>Changes</c> names what a correction changes.
/// </summary>
public sealed record TopicPreview(
    string Effect, DateTimeOffset? PublishedAt, bool Notifies, int Schools, int People, int Emails,
    IReadOnlyList<AudienceGroup> Groups, IReadOnlyList<string> Changes, string Message);

/// <summary>An earlier text of a published topic, kept when the coordinator corrects it.</summary>
public sealed record TopicRevision(string Title, IReadOnlyList<VideoLink> Videos, IReadOnlyList<string> Questions, string Assignment, string UpdatedByName, DateTimeOffset UpdatedAt);

/// <summary>One answer to several questions at once (the same question asked by several schools).</summary>
public sealed record BulkAnswerInput(IReadOnlyList<string>? QuestionIds, string? Answer);

public sealed record BulkAnswerView(IReadOnlyList<QuestionView> Answered);
