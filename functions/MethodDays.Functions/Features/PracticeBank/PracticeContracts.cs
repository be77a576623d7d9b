using System.Text.Json.Serialization;

namespace MethodDays.Features.PracticeBank;

/// <summary>Kinds of practice named in seed 003 (indicator 1.3) and seed 001 §2.15.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PracticeKind>))]
public enum PracticeKind
{
    LessonScenario,
    VideoLesson,
    PracticeDescription,
    MasterClass,
    Other,
}

/// <summary>Submitted → in review → accepted into the bank, or returned with a comment and resubmitted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PracticeState>))]
public enum PracticeState
{
    Draft,
    Submitted,
    InReview,
    Accepted,
    Returned,
}

public sealed record PracticeLink(string? Title, string? Url);

public sealed record PracticeInput(
    string? Title,
    string? Description,
    string? TopicWeek,
    string? Subject,
    IReadOnlyList<int>? Grades,
    PracticeKind? Kind,
    IReadOnlyList<string>? Authors,
    IReadOnlyList<PracticeLink>? Links,
    IReadOnlyList<string>? Indicators,
    IReadOnlyList<string>? Competences = null);

/// <summary>A stored file of a practice. <c>Kind</c>: document, presentation, spreadsheet, pdf, image, audio, video.</summary>
public sealed record PracticeFile(string Id, string Name, long Size, string ContentType, string Kind, DateTimeOffset UploadedAt);

public sealed record PracticeEvent(DateTimeOffset At, string ByName, string Action, string? Comment, int Version);

public sealed record PracticeView(
    string Id,
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    string Title,
    string Description,
    string? TopicWeek,
    string? TopicTitle,
    string Subject,
    IReadOnlyList<int> Grades,
    PracticeKind Kind,
    IReadOnlyList<string> Authors,
    IReadOnlyList<PracticeLink> Links,
    IReadOnlyList<string> Indicators,
    IReadOnlyList<PracticeFile> Files,
    PracticeState State,
    int Version,
    string SchoolYear,
    string CreatedById,
    string CreatedByName,
    DateTimeOffset UpdatedAt,
    string? ETag,
    IReadOnlyList<PracticeEvent> History,
    PracticePermissions Can,
    IReadOnlyList<string> Competences);

public sealed record PracticePermissions(bool Edit, bool Review);

/// <summary>One line of the bank's list.</summary>
public sealed record PracticeCard(
    string Id, string Title, string SchoolId, string SchoolName, string? TopicWeek, string? TopicTitle, string Subject, IReadOnlyList<int> Grades,
    PracticeKind Kind, IReadOnlyList<string> Authors, PracticeState State, string SchoolYear, int Files, DateTimeOffset UpdatedAt, string Snippet);

/// <summary>A page of the search; <c>Schools</c> are the school filter's options (schools the results can come from).</summary>
public sealed record PracticeList(int Total, IReadOnlyList<PracticeCard> Items, IReadOnlyList<SchoolOption> Schools);

public sealed record SchoolOption(string Id, string Name);

public sealed record ReviewInput(string? Action, string? Comment);

public sealed record UploadInput(string? FileName, long? Size);

/// <summary>An upload in progress: which blocks the server already has, so a dropped connection resumes.</summary>
public sealed record UploadView(string Id, string PracticeId, string FileName, long Size, int BlockSize, int BlockCount, IReadOnlyList<int> Received, string State, PracticeFile? File);

public sealed record UploadRules(IReadOnlyList<UploadRule> Kinds, int MaxFilesPerPractice, long MaxBytesPerPractice, int BlockSize);

public sealed record UploadRule(string Kind, string Title, IReadOnlyList<string> Extensions, long MaxBytes);

public sealed record ExportInput(string? Query, string? TopicWeek, string? Subject, int? Grade, PracticeKind? Kind, string? SchoolId, string? SchoolYear);

public sealed record ExportView(string Id, string State, int Total, int Done, long Bytes, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Error, string? DownloadUrl, ExportInput? Filters,
    string FileName);

/// <summary>A signed link to a file or an archive, valid until <c>ExpiresAt</c>.</summary>
public sealed record FileLink(string Url, DateTimeOffset ExpiresAt);

public sealed record WeakIndicator(string Id, string Text, IReadOnlyList<PracticeCard> Practices);

/// <summary>
/// Suggestions on a school's sheet: <c>WeakCount</c> indicators are weak by <c>RuleNote</c>'s rule; <c>Indicators</c>
/// lists only those with practices in the bank; <c>NoneFound</c> is the one line shown when none has any.
/// </summary>
public sealed record PracticeSuggestions(int WeakCount, IReadOnlyList<WeakIndicator> Indicators, string? NoneFound, string RuleNote);

/// <summary>What the practice form offers: subjects, kinds, the upload rules and the competences a practice may develop.</summary>
public sealed record PracticeOptions(IReadOnlyList<string> Subjects, IReadOnlyList<PracticeKind> Kinds, UploadRules Upload, IReadOnlyList<CompetenceOption> Competences);

/// <summary>A professional competence of the diagnostics (seed 004): its code and its name.</summary>
public sealed record CompetenceOption(string Code, string Label);
