using System.Text.Json;
using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// A sheet as sent by the page. <c>values</c>: indicator id → 2, 1, 0 (number or string) or "na" (не применимо).
/// A draft may be partial; a submission must answer every indicator. <c>base</c>: for each indicator the page
/// changed, the answer it started from (null: none); with it a write made against an older version merges with
/// what others saved meanwhile, indicator by indicator, instead of being refused whole.
/// </summary>
public sealed record SheetInput(string? TemplateVersion, Dictionary<string, JsonElement>? Values, Dictionary<string, JsonElement>? Base = null);

public sealed record RevisionSummary(int Number, string TemplateVersion, DateTimeOffset SubmittedAt, string SubmittedByName, int Total, int ApplicableMax, double? Percent, Cluster? Cluster);

public sealed record RevisionView(
    string SchoolId, string Month, int Number, string TemplateVersion, IReadOnlyDictionary<string, string> Values,
    SheetScore Score, Stamp Submitted);

/// <summary>One indicator whose answer differs from the previous month's submission.</summary>
public sealed record IndicatorChange(string Id, string Text, string? Before, string? After);

public sealed record SheetPermissions(bool Edit, bool Comment);

/// <summary>
/// Sheet states: <c>empty</c> (nothing saved), <c>draft</c> (saved, never submitted), <c>submitted</c>,
/// <c>changed</c> (submitted, then edited and not yet resubmitted).
/// </summary>
public sealed record SheetView(
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    SchoolKind SchoolKind,
    string Month,
    string TemplateVersion,
    string Status,
    IReadOnlyDictionary<string, string> Values,
    SheetScore Score,
    int Revision,
    string? ETag,
    Stamp? Updated,
    Stamp? Submitted,
    SheetScore? SubmittedScore,
    IReadOnlyList<RevisionSummary> Revisions,
    IReadOnlyList<CommentView> Comments,
    string? PreviousMonth,
    IReadOnlyList<IndicatorChange> ChangesSincePrevious,
    SheetPermissions Can);

public sealed record HistoryPoint(string Month, int Revision, int Total, int ApplicableMax, double? Percent, Cluster? Cluster, IReadOnlyList<AreaScore> Areas, DateTimeOffset SubmittedAt);

public sealed record HistoryView(string SchoolId, string SchoolName, IReadOnlyList<HistoryPoint> Months);

/// <summary>One school's column of the month's summary.</summary>
public sealed record SummaryColumn(
    string SchoolId,
    string ShortName,
    string Name,
    SchoolKind Kind,
    bool LowResults,
    string Status,
    int Revision,
    string? TemplateVersion,
    IReadOnlyDictionary<string, string> Values,
    int Total,
    int ApplicableMax,
    double? Percent,
    Cluster? Cluster,
    IReadOnlyList<AreaScore> Areas,
    DateTimeOffset? SubmittedAt,
    string? SubmittedByName);

public sealed record ClusterCounts(int High, int Medium, int Low);

/// <summary>The coordinator's summary for a month: the seed's shape, indicators as rows, schools as columns.</summary>
public sealed record SummaryView(
    string MunicipalityId,
    string Month,
    string TemplateVersion,
    IReadOnlyList<SummaryColumn> Schools,
    IReadOnlyList<SchoolRef> NotSubmitted,
    ClusterCounts Clusters);

public sealed record TrendPoint(string Month, int Schools, int Submitted, int High, int Medium, int Low, double? AveragePercent, IReadOnlyDictionary<string, double?> AreaAverages);

public sealed record TrendView(string MunicipalityId, IReadOnlyList<TrendPoint> Months);
