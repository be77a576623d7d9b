using MethodDays.Platform.Calendar;

namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// The keys of a monthly form's table, spelled once. PartitionKey <c>{municipality}|{yyyy-MM}</c>: the month's
/// summary is one range of one partition, and a submission writes the sheet and its revision in one transaction.
/// RowKeys: <c>sheet|{school}</c> (working copy and figures of the last submission), <c>rev|{school}|{n:D4}</c>
/// (immutable submitted revisions), <c>comment|{school}|{ticks}|{id}</c> (reviewers' comments).
/// </summary>
internal static class FormKeys
{
    public const string SheetPrefix = "sheet|";

    public static string Partition(string municipalityId, YearMonth month) => $"{municipalityId}|{month}";

    public static string Sheet(string schoolId) => $"{SheetPrefix}{schoolId}";

    /// <summary>The school a <c>sheet|{school}</c> row belongs to.</summary>
    public static string SchoolOf(string sheetKey) =>
        sheetKey.StartsWith(SheetPrefix, StringComparison.Ordinal) ? sheetKey[SheetPrefix.Length..] : throw new ArgumentException($"Not a sheet key: {sheetKey}", nameof(sheetKey));

    public static string RevisionPrefix(string schoolId) => $"rev|{schoolId}|";

    public static string Revision(string schoolId, int number) => $"{RevisionPrefix(schoolId)}{number:D4}";

    public static string CommentPrefix(string schoolId) => $"comment|{schoolId}|";

    /// <summary>Comments sort by time within the school's range; the id keeps two at the same tick apart.</summary>
    public static string Comment(string schoolId, DateTimeOffset at) => $"{CommentPrefix(schoolId)}{at.UtcTicks:D19}|{Guid.NewGuid():n}";
}
