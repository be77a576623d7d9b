using Azure;
using Azure.Data.Tables;
using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// A school's sheet for a month (RowKey <c>sheet|{school}</c>): the working copy being filled, and beside it the
/// last submitted values with their score, so the month's summary reads one range of one partition.
/// </summary>
internal sealed class SheetEntity : FormSheetRow
{
    /// <summary>Working copy: indicator id → "2" | "1" | "0" | "na", as JSON.</summary>
    public string Values { get; set; } = "{}";

    public string? SubmittedValues { get; set; }

    public int Total { get; set; }
    public int ApplicableMax { get; set; }
    public double? Percent { get; set; }
    public string? Cluster { get; set; }

    /// <summary>Per-area scores of the last submission as JSON.</summary>
    public string? Areas { get; set; }
}

/// <summary>An immutable submitted revision (RowKey <c>rev|{school}|{n:D4}</c>) with its answers and score.</summary>
internal sealed class RevisionEntity : FormRevisionRow
{
    public string Values { get; set; } = "{}";
    public int Total { get; set; }
    public int ApplicableMax { get; set; }
    public double? Percent { get; set; }
    public string? Cluster { get; set; }
    public string Areas { get; set; } = "[]";
}

/// <summary>
/// The municipality's figures for a month (table selfassessmentstats, PartitionKey <c>{municipality}</c>,
/// RowKey month), recomputed by the nightly timer for the trend chart.
/// </summary>
internal sealed class MonthStatsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public int Schools { get; set; }
    public int Submitted { get; set; }
    public int High { get; set; }
    public int Medium { get; set; }
    public int Low { get; set; }
    public double? AveragePercent { get; set; }

    /// <summary>Average percentage per area as JSON (area id → percent).</summary>
    public string AreaAverages { get; set; } = "{}";

    public DateTimeOffset ComputedAt { get; set; }
}
