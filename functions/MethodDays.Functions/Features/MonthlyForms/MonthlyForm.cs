namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// What a form type plugs into the core: its table, its names in messages, how its content is written on the sheet
/// row and on a revision, and the figures its summary reads (from its template and rules). Drafts, submissions,
/// revisions, comments and conflicts are the core's (<see cref="MonthlyFormStore{TContent, TSheet, TRevision}"/>).
/// </summary>
internal abstract class MonthlyForm<TContent, TSheet, TRevision>
    where TSheet : FormSheetRow, new()
    where TRevision : FormRevisionRow, new()
{
    /// <summary>The form's own table (same key shape in every form's table: <see cref="FormKeys"/>).</summary>
    public abstract string Table { get; }

    public abstract FormNames Names { get; }

    /// <summary>The sheet row's columns the month's summary reads: figures of the last submission, no working copy.</summary>
    public abstract IReadOnlyList<string> FigureColumns { get; }

    /// <summary>The revision columns a month's list of revisions reads; null reads them whole.</summary>
    public virtual IReadOnlyList<string>? RevisionListColumns => null;

    /// <summary>The content as stored JSON: what a draft keeps and what tells a retried submission from a new one.</summary>
    public abstract string Write(TContent content);

    /// <summary>The stored content back from its JSON (after a merge of two people's changes).</summary>
    public abstract TContent Read(string json);

    /// <summary>The working copy's JSON on the sheet row: the fields a merge starts from.</summary>
    public abstract string? DraftJson(TSheet sheet);

    /// <summary>Puts a working copy on the sheet row.</summary>
    public abstract void PutDraft(TSheet sheet, string json);

    /// <summary>Whether the row's last submission holds exactly this content.</summary>
    public abstract bool SubmittedHolds(TSheet sheet, string json);

    /// <summary>Puts a submission on the sheet row (working copy, submitted content, figures) and on its new revision.</summary>
    public abstract void PutSubmission(TSheet sheet, TRevision revision, string templateVersion, TContent content, string json);
}
