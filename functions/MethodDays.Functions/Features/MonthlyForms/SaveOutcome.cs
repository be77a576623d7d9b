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
