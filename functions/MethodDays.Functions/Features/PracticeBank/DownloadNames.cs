using System.Globalization;
using System.Text;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// Names people see on what they download: the archive's file name, its folders, and the Content-Disposition that
/// carries a Russian name to the browser (RFC 6266 / RFC 5987: <c>filename*</c> in UTF-8 plus an ASCII fallback for
/// old clients).
/// </summary>
internal static class DownloadNames
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>
    /// «Банк практик — Северный муниципальный район — 7 декабря 2026.zip»: the municipality's own name and the date
    /// the export was made on the municipality's calendar (an export at 04:00 local is not yesterday's).
    /// </summary>
    public static string Archive(Municipality municipality, DateTimeOffset createdAt)
    {
        var local = TimeZoneInfo.ConvertTime(createdAt, LocalTime.Zone(municipality.TimeZone));
        var name = $"Банк практик — {municipality.Name} — {local.ToString("d MMMM yyyy", Russian)}";
        return ExportWriter.SafeName(name, 150) + ".zip";
    }

    /// <summary>A topic's folder: «Неделя 7–13 декабря 2026 — Формирующее оценивание», never a raw week code.</summary>
    public static string TopicFolder(string? topicWeek, string? topicTitle)
    {
        if (!WeekId.TryParse(topicWeek, out var week))
        {
            return "Без темы ЕМД";
        }

        var title = string.IsNullOrWhiteSpace(topicTitle) ? "" : $" — {topicTitle}";
        return ExportWriter.SafeName($"Неделя {week.RussianRange}{title}", 100);
    }

    /// <summary><c>attachment</c> (save) or <c>inline</c> (open in the browser) under the file's real name.</summary>
    public static string ContentDisposition(bool inline, string fileName) =>
        $"{(inline ? "inline" : "attachment")}; filename=\"{Ascii(fileName)}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    /// <summary>The name in Latin letters for clients that ignore <c>filename*</c>: Russian transliterated, the rest dropped.</summary>
    public static string Ascii(string fileName)
    {
        var sb = new StringBuilder(fileName.Length * 2);
        foreach (var ch in fileName)
        {
            var lower = char.ToLowerInvariant(ch);
            var index = Cyrillic.IndexOf(lower, StringComparison.Ordinal);
            if (index >= 0)
            {
                var latin = Latin[index];
                sb.Append(ch != lower && latin.Length > 0 ? char.ToUpperInvariant(latin[0]) + latin[1..] : latin);
            }
            else if (ch is '—' or '–')
            {
                sb.Append('-');
            }
            else if (ch is >= ' ' and <= '~' && ch is not ('"' or '\\' or '%' or ';'))
            {
                sb.Append(ch);
            }
            else
            {
                sb.Append('_');
            }
        }

        return sb.ToString();
    }

    private const string Cyrillic = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

    private static readonly string[] Latin =
    [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
        "shch", "", "y", "", "e", "yu", "ya",
    ];
}
