using System.Text.Json.Serialization;

namespace MethodDays.Features.Visits;

// ---- What the page sends -------------------------------------------------------------------------------------------

/// <summary>The expert's verdict on one document: <c>meets</c>, <c>partly</c>, <c>fails</c> or none yet; remarks; shown on paper on the day.</summary>
public sealed record ReviewDocumentInput(string? Verdict, string? Remarks, bool? ProvidedOnSite);

/// <summary>The findings of one direction of the school's work.</summary>
public sealed record ReviewDirectionInput(string? Strengths, string? Problems);

/// <summary>The interview with the administration (and the staff where needed): date, who took part, problem directions, what was agreed.</summary>
public sealed record ReviewInterviewInput(string? Date, string? Participants, IReadOnlyList<string?>? ProblemDirections, IReadOnlyList<string?>? Agreements);

/// <summary>Experience worth spreading: a teacher's (<c>teacherId</c> from the school's staff list) or the school's.</summary>
public sealed record ReviewExperienceInput(string? Kind, string? TeacherId, string? Description);

/// <summary>The practice an invited person submitted to the bank in answer to an invitation.</summary>
public sealed record ReviewPracticeLinkInput(string? PracticeId);

// ---- What the page reads -------------------------------------------------------------------------------------------

public sealed record ReviewDocumentKind(string Code, string Title, string? Group);

public sealed record ReviewFileView(string Id, string Name, long Size, string ContentType, string UploadedByName, DateTimeOffset UploadedAt);

/// <summary>A document's file on its way in blocks: which the server has (to resume), its state; <c>File</c> once complete.</summary>
public sealed record ReviewUploadView(
    string Id, string DocumentCode, string FileName, long Size, int BlockSize, int BlockCount, IReadOnlyList<int> Received, string State, ReviewFileView? File);

public sealed record ReviewDocumentView(
    string Code,
    string Title,
    string? Group,
    bool Provided,
    bool ProvidedOnSite,
    IReadOnlyList<ReviewFileView> Files,
    string? Verdict,
    string? VerdictLabel,
    string Remarks,
    string? JudgedByName,
    DateTimeOffset? JudgedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag);

public sealed record ReviewDirectionView(
    string Code,
    string Label,
    bool Planned,
    string Strengths,
    string Problems,
    string? UpdatedByName,
    DateTimeOffset? UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag);

public sealed record ReviewExperienceView(
    string Id,
    string Kind,
    string KindLabel,
    string? TeacherId,
    string Name,
    string Description,
    DateTimeOffset? InvitedAt,
    string? InvitedByName,
    string? PracticeId,
    string? PracticeTitle,
    string? UpdatedByName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag);

public sealed record ReviewInterviewView(
    string? Date,
    string Participants,
    IReadOnlyList<Choice> ProblemDirections,
    IReadOnlyList<string> Agreements,
    string? UpdatedByName,
    DateTimeOffset? UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag);

/// <summary>What the asker may do with the review: upload documents, give verdicts, write findings and the interview.</summary>
public sealed record ReviewPermissions(bool Upload, bool Judge, bool Edit);

/// <summary>A teacher of the visited school, for naming a teacher's experience.</summary>
public sealed record ReviewTeacher(string Id, string Name, bool HasAccount);

/// <summary>
/// A visit's review as the page shows it. Before the visit is over the school's administration gets only the
/// documents it is asked to provide and its files (<c>findingsVisible</c> false, <c>findingsFrom</c> the day it
/// sees the rest); the team, the coordinator and methodists get everything.
/// </summary>
public sealed record VisitReviewView(
    string VisitId,
    string SchoolId,
    string SchoolName,
    string Date,
    string Status,
    ReviewPermissions Can,
    bool FindingsVisible,
    string FindingsFrom,
    IReadOnlyList<ReviewDocumentView> Documents,
    IReadOnlyList<ReviewDirectionView> Directions,
    IReadOnlyList<ReviewExperienceView> Experience,
    ReviewInterviewView? Interview,
    IReadOnlyList<Choice> Verdicts,
    IReadOnlyList<Choice> AllDirections,
    IReadOnlyList<ReviewTeacher> Teachers,
    IReadOnlyList<string> FileExtensions,
    long MaxFileBytes);

/// <summary>An overwritten text as it was: <c>part</c> names what (<c>document.orders</c>, <c>direction.control</c>, <c>interview</c>, <c>experience.{id}</c>).</summary>
public sealed record ReviewRevisionView(string Part, string Content, string WrittenByName, DateTimeOffset WrittenAt, string ReplacedByName, DateTimeOffset ReplacedAt);

// ---- What the report reads (one store read, VisitReviewStore.GetAsync) ---------------------------------------------

/// <summary>A document of the review: provided (files, or on paper on the day), the files, the verdict and remarks.</summary>
public sealed record ReviewDocumentRecord(
    string Code, string Title, string? Group, bool Provided, bool ProvidedOnSite, IReadOnlyList<ReviewFileRecord> Files,
    string? Verdict, string? VerdictLabel, string Remarks, string? JudgedByName, DateTimeOffset? JudgedAt, string? ETag);

/// <summary>An uploaded file; <c>BlobName</c> in container <c>visit-documents</c>.</summary>
public sealed record ReviewFileRecord(string DocumentCode, string Id, string Name, long Size, string ContentType, string BlobName, string UploadedById, string UploadedByName, DateTimeOffset UploadedAt);

public sealed record ReviewDirectionRecord(string Code, string Label, string Strengths, string Problems, string? UpdatedByName, DateTimeOffset? UpdatedAt, string? ETag);

public sealed record ReviewExperienceRecord(
    string Id, string Kind, string? TeacherId, string Name, string Description, DateTimeOffset CreatedAt,
    DateTimeOffset? InvitedAt, string? InvitedByName, IReadOnlyList<string> InvitedPersonIds, string? PracticeId, string? UpdatedByName, string? ETag);

public sealed record ReviewInterviewRecord(
    string? Date, string Participants, IReadOnlyList<string> ProblemDirections, IReadOnlyList<string> Agreements, string? UpdatedByName, DateTimeOffset? UpdatedAt, string? ETag);

/// <summary>
/// Everything a visit's review holds, in the seed's order: every document of the checklist (also those nobody
/// touched), every one of the five directions, the experience worth spreading in the order it was written, and the
/// interview (null until written).
/// </summary>
public sealed record VisitReviewRecord(
    string MunicipalityId,
    string VisitId,
    IReadOnlyList<ReviewDocumentRecord> Documents,
    IReadOnlyList<ReviewDirectionRecord> Directions,
    IReadOnlyList<ReviewExperienceRecord> Experience,
    ReviewInterviewRecord? Interview);

public sealed record ReviewPracticeLinkView(string ExperienceId, string PracticeId, string PracticeTitle);
