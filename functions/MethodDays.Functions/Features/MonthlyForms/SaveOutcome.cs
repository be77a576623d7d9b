namespace MethodDays.Features.MonthlyForms;

/// <summary>What a save or submit ran into.</summary>
public enum SaveOutcome
{
    Saved,

    /// <summary>The record changed since the caller read it (or was created meanwhile).</summary>
    Conflict,

    /// <summary>The same submission arrived again; what it already wrote is the answer.</summary>
    AlreadySubmitted,
}

/// <summary>
/// What a save or submit did: its outcome, the sheet row as written (on a conflict: as it is now), the revision it
/// wrote, and on a conflict the fields both people changed differently.
/// </summary>
internal sealed record FormWrite<TSheet, TRevision>(SaveOutcome Outcome, TSheet? Sheet, TRevision? Revision, IReadOnlyList<FieldConflict> Conflicts);
