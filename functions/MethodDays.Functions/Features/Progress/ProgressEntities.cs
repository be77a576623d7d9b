using System.Runtime.Serialization;
using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.Progress;

/// <summary>
/// A school's progress sheet for a month (RowKey <c>sheet|{school}</c>): the working copy, and beside it the figures
/// of the last submission, so the month's summary reads one range of one partition without the sheets' texts.
/// The submitted text itself lives in the revision row.
/// </summary>
internal sealed class ProgressSheetEntity : FormSheetRow
{
    // The working copy as JSON, in chunks: a table property holds at most 32K characters.
    public string? Draft0 { get; set; }
    public string? Draft1 { get; set; }
    public string? Draft2 { get; set; }
    public string? Draft3 { get; set; }
    public string? Draft4 { get; set; }
    public string? Draft5 { get; set; }

    [IgnoreDataMember]
    public string Draft
    {
        get => Chunks.Join(Draft0, Draft1, Draft2, Draft3, Draft4, Draft5);
        set => (Draft0, Draft1, Draft2, Draft3, Draft4, Draft5) = Chunks.Split(value);
    }

    /// <summary>SHA-256 of the last submitted JSON: tells "changed" and recognises a retried submission.</summary>
    public string? SubmittedHash { get; set; }

    // Figures of the last submission, for the summary.
    public int Days { get; set; }
    public bool NoDays { get; set; }
    public string? NoDaysReason { get; set; }
    public double? AverageShare { get; set; }
    public int Teachers { get; set; }

    /// <summary>Teachers per stage as JSON (stage id → count).</summary>
    public string? Stages { get; set; }

    /// <summary>The requests for help as JSON (at most 10 of ≤ 2,200 characters: fits one property).</summary>
    public string? Requests { get; set; }
}

/// <summary>An immutable submitted revision (RowKey <c>rev|{school}|{n:D4}</c>) with the sheet as submitted.</summary>
internal sealed class ProgressRevisionEntity : FormRevisionRow
{
    public string? Body0 { get; set; }
    public string? Body1 { get; set; }
    public string? Body2 { get; set; }
    public string? Body3 { get; set; }
    public string? Body4 { get; set; }
    public string? Body5 { get; set; }

    [IgnoreDataMember]
    public string Body
    {
        get => Chunks.Join(Body0, Body1, Body2, Body3, Body4, Body5);
        set => (Body0, Body1, Body2, Body3, Body4, Body5) = Chunks.Split(value);
    }

    public int Days { get; set; }
    public int Teachers { get; set; }
}
