using System.Text.Json.Serialization;

namespace MethodDays.Features.Visits;

// ---- The report («справка по итогам методического дня») ----------------------------------------------------------

/// <summary>A line of the report's own lists (recommendations, agreements): <c>id</c> kept across edits, so a help item made from it stays linked.</summary>
public sealed record ReportLineInput(string? Id, string? Text);

/// <summary>The report's own text as the team lead, the coordinator or a methodist writes it (the whole of it, with the ETag it was read with).</summary>
public sealed record VisitReportInput(
    string? Summary,
    string? Conclusions,
    IReadOnlyList<ReportLineInput?>? Recommendations,
    IReadOnlyList<ReportLineInput?>? Agreements);

public sealed record ReportLine(string Id, string Text);

/// <summary>The report's own text; empty until someone writes it.</summary>
public sealed record ReportText(
    string Summary,
    string Conclusions,
    IReadOnlyList<ReportLine> Recommendations,
    IReadOnlyList<ReportLine> Agreements,
    DateTimeOffset? UpdatedAt,
    string? UpdatedByName);

public sealed record ReportLesson(
    string LessonId, string TeacherId, string TeacherName, string Subject, string Grade, int Number, string Start, string End,
    IReadOnlyList<string> Observers, int Protocols, int Released);

public sealed record GridItem(string Id, string Section, string Text, string Max);

/// <summary>
/// One lesson's mark on an item: <c>value</c> the mark, or the mean of the observers' marks (one decimal) when two or
/// more marked it, with each observer's mark in <c>marks</c>; <c>low</c> when it lies in the lower half of the scale.
/// </summary>
public sealed record GridCell(string Value, IReadOnlyList<string> Marks, bool Low);

public sealed record GridColumn(string LessonId, string TeacherName, string Subject, string Grade);

/// <summary>Protocol items (rows) × observed lessons (columns); <c>cells[item][lesson]</c>, absent where nobody marked.</summary>
public sealed record ReportGrid(
    string TemplateVersion,
    string TemplateTitle,
    string Note,
    IReadOnlyList<GridItem> Items,
    IReadOnlyList<GridColumn> Lessons,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, GridCell>> Cells);

/// <summary>A text from a protocol's analysis, with the lesson and observer it comes from.</summary>
public sealed record ProtocolLine(string LessonId, string TeacherName, string ObserverName, string Text);

/// <summary>A help item a finding became (the school's plan of targeted help).</summary>
public sealed record HelpItemRef(string Id, string Action, string DueDate, string Status, string StatusLabel, string? FindingId);

/// <summary>
/// A problem the visit found, that can become an item of the school's plan of targeted help: <c>kind</c> «mark» (an item
/// with a low mark), «problem» (a protocol's «проблемы»), «recommendation» (a line of the report's recommendations).
/// <c>recipient</c> is the lesson's teacher or, for a report line, the school's leadership.
/// </summary>
public sealed record Finding(
    string Id, string Kind, string KindLabel, string Text, string? LessonId, string? TeacherId, string? TeacherName, string? ItemId,
    string SuggestedAction, HelpItemRef? HelpItem);

/// <summary>
/// A section another part of the visit adds to the report (documents, directions, interview and agreements): a title,
/// paragraphs and a list. Rendered the same way on the page and in the .docx.
/// </summary>
public sealed record ReportSection(string Code, string Title, int Order, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items);

/// <summary>On a repeat visit: one teacher's mark on one item at the first visit and now (means over lessons and observers).</summary>
public sealed record ComparisonRow(string TeacherId, string TeacherName, string ItemId, string ItemText, string? Before, string? Now, string Change, string ChangeLabel);

public sealed record RepeatComparison(string FirstVisitId, string FirstDate, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<HelpItemRef> HelpItems);

public sealed record VisitRef(string Id, string Date);

public sealed record ReportPermissions(bool CanEdit, bool CanMakeHelpItems, bool CanPlanRepeat);

public sealed record VisitReportView(
    string VisitId,
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    string Date,
    string Purpose,
    IReadOnlyList<string> Directions,
    IReadOnlyList<TeamMember> Team,
    VisitRef? RepeatOf,
    IReadOnlyList<ReportLesson> Lessons,
    ReportGrid Grid,
    IReadOnlyList<ProtocolLine> Strengths,
    IReadOnlyList<ProtocolLine> Problems,
    IReadOnlyList<ProtocolLine> Recommendations,
    ReportText Text,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ReportSection> Sections,
    RepeatComparison? Comparison,
    ReportPermissions Can,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag);

/// <summary>
/// A finding made an item of the school's plan of targeted help. <c>findingId</c> names it (<see cref="Finding.Id"/>);
/// the rest is the item as the plan needs it (what, who is responsible, by when); whom it is for follows the finding.
/// </summary>
public sealed record ReportHelpInput(string? FindingId, string? Action, string? Responsible, string? DueDate, string? Notes);
