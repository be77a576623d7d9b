using System.Globalization;
using System.Text.RegularExpressions;

namespace MethodDays.Features.Visits;

/// <summary>
/// School years as the register keys them: «2025-2026» (in addresses and files; «2025/2026» and «2025–2026» are read
/// too), shown as «2025/2026 учебный год». A school year starts on 1 September.
/// </summary>
internal static partial class SchoolYears
{
    public static bool TryParse(string? text, out string year)
    {
        year = "";
        var m = Pattern().Match((text ?? "").Trim());
        if (!m.Success)
        {
            return false;
        }

        var first = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (second != first + 1 || first < 2000 || first > 2100)
        {
            return false;
        }

        year = $"{first}-{second}";
        return true;
    }

    public static string Of(DateOnly date) => date.Month >= 9 ? $"{date.Year}-{date.Year + 1}" : $"{date.Year - 1}-{date.Year}";

    public static string Label(string year) => year.Replace('-', '/') + " учебный год";

    /// <summary>The practice bank's spelling of the same year («2025/2026»).</summary>
    public static string BankSpelling(string year) => year.Replace('-', '/');

    public static DateOnly Start(string year) => new(int.Parse(year[..4], CultureInfo.InvariantCulture), 9, 1);

    public static DateOnly End(string year) => Start(year).AddYears(1).AddDays(-1);

    /// <summary>Whether <paramref name="year"/> lies in the period from..to (either end open).</summary>
    public static bool Within(string year, string? from, string? to) =>
        (from is null || string.CompareOrdinal(year, from) >= 0) && (to is null || string.CompareOrdinal(year, to) <= 0);

    [GeneratedRegex(@"^(\d{4})\s*[-/–—]\s*(\d{4})$")]
    private static partial Regex Pattern();
}
