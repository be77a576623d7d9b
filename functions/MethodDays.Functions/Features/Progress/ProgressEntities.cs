using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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

/// <summary>The figures of a submitted sheet the summary shows.</summary>
internal static class ProgressFigures
{
    public static void Apply(ProgressContent content, ProgressSheetEntity sheet)
    {
        sheet.Days = content.Days.Count;
        sheet.NoDays = content.NoDays;
        sheet.NoDaysReason = content.NoDays ? content.NoDaysReason : null;
        var shares = content.Days.Where(d => d.SharePercent is not null).Select(d => d.SharePercent!.Value).ToList();
        sheet.AverageShare = shares.Count == 0 ? null : Math.Round(shares.Average(), 1);
        sheet.Teachers = content.Teachers.Count;
        sheet.Stages = ProgressJson.Write(content.Teachers.Where(t => t.Stage is not null).GroupBy(t => t.Stage!).ToDictionary(g => g.Key, g => g.Count()));
        sheet.Requests = ProgressJson.Write(content.Requests);
    }
}

/// <summary>Long JSON split over up to six string properties of 30,000 characters (an entity stays well under 1 MiB).</summary>
internal static class Chunks
{
    public const int Size = 30_000;
    public const int Count = 6;

    /// <summary>The longest JSON a sheet may take.</summary>
    public const int MaxChars = Size * Count;

    public static string Join(params string?[] parts) => string.Concat(parts);

    public static (string?, string?, string?, string?, string?, string?) Split(string value)
    {
        if (value.Length > MaxChars)
        {
            throw new InvalidOperationException($"A progress sheet of {value.Length} characters does not fit; the checks must refuse it first.");
        }

        string? Part(int i) => value.Length > i * Size ? value.Substring(i * Size, Math.Min(Size, value.Length - i * Size)) : null;
        return (Part(0) ?? "", Part(1), Part(2), Part(3), Part(4), Part(5));
    }
}

internal static class ProgressJson
{
    // Cyrillic stays as written (the default escaper would make every letter six characters long).
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static ProgressContent ReadContent(string? json) =>
        string.IsNullOrEmpty(json) ? ProgressContent.Empty : JsonSerializer.Deserialize<ProgressContent>(json, Options) ?? ProgressContent.Empty;

    public static Dictionary<string, int> ReadStages(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, int>>(json, Options) ?? [];

    public static List<HelpRequest> ReadRequests(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<HelpRequest>>(json, Options) ?? [];

    public static string Hash(string json) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
