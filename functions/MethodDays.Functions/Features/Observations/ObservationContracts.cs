using MethodDays.Features.MonthlyForms;
using MethodDays.Platform;

namespace MethodDays.Features.Observations;

/// <summary>
/// What an observer writes about a lesson: a mark per item (on the item's scale; note-only items take none), free
/// notes stamped with the time they were written, and the analysis (strengths, problems, recommendations).
/// </summary>
public sealed record ProtocolContent(
    IReadOnlyDictionary<string, string> Marks,
    IReadOnlyList<ProtocolNote> Notes,
    string Strengths,
    string Problems,
    string Recommendations)
{
    public static readonly ProtocolContent Empty = new(new Dictionary<string, string>(), [], "", "", "");
}

/// <summary>A free note; <c>At</c> is when the observer wrote it on their device.</summary>
public sealed record ProtocolNote(string Id, DateTimeOffset At, string Text);

/// <summary>
/// A save of a protocol. <c>WrittenAt</c> is the device's time of the last change (an offline protocol arrives later);
/// <c>Base</c> is what the device started from (the server's marks and analysis at its last sync): with a stale ETag the
/// server merges field by field from it instead of refusing the whole protocol.
/// </summary>
public sealed record ProtocolInput(
    string? TemplateVersion,
    Dictionary<string, string?>? Marks,
    List<ProtocolNoteInput>? Notes,
    string? Strengths,
    string? Problems,
    string? Recommendations,
    DateTimeOffset? WrittenAt,
    ProtocolBase? Base);

public sealed record ProtocolNoteInput(string? Id, DateTimeOffset? At, string? Text);

public sealed record ProtocolBase(Dictionary<string, string?>? Marks, string? Strengths, string? Problems, string? Recommendations);

public sealed record SelfAnalysisInput([property: MultiLine] string? Text, DateTimeOffset? WrittenAt);

public sealed record LessonView(DateOnly Date, string TeacherStaffId, string TeacherName, string? Subject, string? ClassName);

public sealed record RevisionRef(int Number, DateTimeOffset WrittenAt, DateTimeOffset SavedAt, string SavedByName, string Reason);

public sealed record PhotoView(string Id, DateTimeOffset TakenAt, long Bytes);

public sealed record ProtocolPermissions(bool CanEdit, bool CanRelease);

/// <summary>One observer's protocol of a lesson; <c>Exists</c> false for a protocol not written yet (an empty form).</summary>
public sealed record ProtocolView(
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    string VisitId,
    string LessonId,
    LessonView Lesson,
    string ObserverId,
    string ObserverName,
    string TemplateVersion,
    bool Exists,
    ProtocolContent Content,
    DateTimeOffset? WrittenAt,
    DateTimeOffset? ReceivedAt,
    bool Released,
    DateTimeOffset? ReleasedAt,
    string? ReleasedByName,
    int Revision,
    IReadOnlyList<RevisionRef> Revisions,
    IReadOnlyList<PhotoView> Photos,
    ProtocolPermissions Permissions,
    string? ETag);

public sealed record RevisionView(int Number, string TemplateVersion, ProtocolContent Content, DateTimeOffset WrittenAt, DateTimeOffset SavedAt, string SavedByName, string Reason);

/// <summary>An observer's marks as the lesson's side-by-side view shows them.</summary>
public sealed record ProtocolMarks(
    string ObserverId, string ObserverName, string TemplateVersion, IReadOnlyDictionary<string, string> Marks, bool Released, DateTimeOffset WrittenAt, DateTimeOffset ReceivedAt);

/// <summary>
/// How far two observers agree: of the items both marked on a scale, the share with equal marks and the share
/// within one step (±1). Percentages are rounded down, so «100 %» means every item.
/// </summary>
public sealed record AgreementView(
    string FirstId, string FirstName, string SecondId, string SecondName, int Compared, int Equal, int WithinOne, int EqualPercent, int WithinOnePercent);

public sealed record SelfAnalysisView(string Text, DateTimeOffset WrittenAt, DateTimeOffset ReceivedAt, string ByName, bool ByTeacher);

public sealed record LessonPermissions(bool CanWriteSelfAnalysis, bool IsTeacher, bool CanRelease);

public sealed record LessonObservationsView(
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    string VisitId,
    string LessonId,
    LessonView Lesson,
    string TemplateVersion,
    IReadOnlyList<ProtocolMarks> Protocols,
    IReadOnlyList<AgreementView> Agreement,
    SelfAnalysisView? SelfAnalysis,
    LessonPermissions Permissions);

public sealed record TemplateVersionsView(string Current, IReadOnlyList<TemplateVersionRef> Versions);

public sealed record TemplateVersionRef(string Version, string Title, bool IsDefault, DateTimeOffset? PublishedAt, string? PublishedByName);

/// <summary>A protocol save that met a change from elsewhere (the same observer's other device).</summary>
internal sealed record ProtocolConflict(IReadOnlyList<FieldConflict> Conflicts, ProtocolEntity Current);
