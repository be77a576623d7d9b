using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.Progress;

/// <summary>
/// An item of a school's plan of targeted help (план адресной помощи, seed 001 §2.17) as the page sends it.
/// <c>status</c>: planned, inProgress, done, cancelled (new items start planned; an update without it keeps the
/// status). <c>id</c> is optional on create: the page may send its own so a retried create is answered, not doubled.
/// <c>recipient</c>: whom the help is for (seed 001 §2.17 «руководителям и педагогам»); an update without it keeps it.
/// </summary>
public sealed record HelpItemInput(
    string? Id,
    string? Action,
    string? Responsible,
    string? DueDate,
    string? Status,
    HelpSourceInput? Source,
    string? Notes,
    string? StatusComment,
    HelpRecipientInput? Recipient = null);

/// <summary>
/// Whom an item is for: <c>kind</c> "leadership" (the school's leadership) or "teacher" with <c>teacherId</c>, a
/// teacher of the school's staff list (<c>/api/municipalities/{m}/schools/{s}/staff</c>).
/// </summary>
public sealed record HelpRecipientInput(string? Kind, string? TeacherId);

/// <summary>Whom an item is for, as answered: <c>name</c> is the teacher's name when the item was saved; <c>label</c> is ready to show.</summary>
public sealed record HelpRecipient(string Kind, string? TeacherId, string? Name, string Label);

/// <summary>What the item answers: a month's progress sheet of the school and, optionally, one of its requests.</summary>
public sealed record HelpSourceInput(string? Month, string? RequestId);

public sealed record HelpSource(string Month, string? RequestId, string? RequestTopic);

/// <summary>A status change: who and when (the first one is the item's creation, <c>From</c> null).</summary>
public sealed record HelpStatusChange(string? From, string To, string ById, string ByName, DateTimeOffset At, string? Comment);

/// <summary>An item with its history; <c>Overdue</c>: the due date has passed (municipality time) and it is neither done nor cancelled.</summary>
public sealed record HelpItemView(
    string Id,
    string SchoolId,
    string Action,
    string Responsible,
    string DueDate,
    string Status,
    string StatusLabel,
    bool Overdue,
    HelpSource? Source,
    string? Notes,
    HelpRecipient? Recipient,
    string ETag,
    Stamp Created,
    Stamp Updated,
    IReadOnlyList<HelpStatusChange> History,
    HelpVisitSource? Visit = null);

/// <summary>The school visit whose findings the item answers («по итогам посещения {date}»): the visit, its date, the finding.</summary>
public sealed record HelpVisitSource(string VisitId, string Date, string FindingId);

public sealed record HelpStatusChoice(string Id, string Label);

public sealed record HelpPlanPermissions(bool Edit);

public sealed record HelpPlanView(
    string MunicipalityId,
    string SchoolId,
    string SchoolName,
    IReadOnlyList<HelpItemView> Items,
    IReadOnlyList<HelpStatusChoice> Statuses,
    HelpPlanPermissions Can);

public sealed record OverdueHelpItem(string SchoolId, string SchoolShortName, int DaysOverdue, HelpItemView Item);

/// <summary>Every school's items past their due date and not done, oldest first.</summary>
public sealed record OverdueHelpView(string MunicipalityId, string Today, IReadOnlyList<OverdueHelpItem> Items);
