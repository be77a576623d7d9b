namespace MethodDays.Features.Staff;

/// <summary>
/// Qualification categories of teachers. Seed 004 reports «высшая квалификационная категория – 68%, первая
/// квалификационная категория – 17%, 15% – без категории»; the fourth outcome of attestation, «соответствие
/// занимаемой должности», is not a category but is what many teachers without one hold, so it is counted apart.
/// </summary>
public static class Categories
{
    public sealed record Category(string Code, string Label, string Short, string[] Words);

    public static readonly IReadOnlyList<Category> All =
    [
        new("highest", "высшая квалификационная категория", "высшая", ["высшая", "высшая категория", "высшая квалификационная категория", "вкк"]),
        new("first", "первая квалификационная категория", "первая", ["первая", "первая категория", "первая квалификационная категория", "1", "пкк"]),
        new("fit", "соответствие занимаемой должности", "соответствие должности",
            ["соответствие занимаемой должности", "соответствие должности", "соответствие", "сзд"]),
        new("none", "без категории", "без категории", ["без категории", "нет", "нет категории", "б/к"]),
    ];

    public static Category? ByCode(string? code) => All.FirstOrDefault(c => c.Code == code);

    /// <summary>A category cell of an imported file: the words above, any case, «ё» as «е», extra spaces ignored.</summary>
    public static Category? FromWords(string? text)
    {
        var t = StaffRules.Collapse(text ?? "").ToLowerInvariant().Replace('ё', 'е').TrimEnd('.');
        return All.FirstOrDefault(c => c.Code == t || c.Words.Contains(t));
    }

    public static string AcceptedWords => string.Join(", ", All.Select(c => c.Words[0]));

    /// <summary>
    /// Counts and whole per cents of the active teachers by category. Per cents are rounded so they add up to 100
    /// (largest remainder), as the seed's 68 + 17 + 15 do: 28, 7 and 6 of 41 teachers give 68, 17 and 15.
    /// </summary>
    public static CategorySummary Summarize(IEnumerable<string> categories)
    {
        var counts = All.ToDictionary(c => c.Code, _ => 0);
        foreach (var code in categories)
        {
            if (counts.ContainsKey(code))
            {
                counts[code]++;
            }
        }

        var total = counts.Values.Sum();
        var percents = All.ToDictionary(c => c.Code, c => total == 0 ? 0 : counts[c.Code] * 100 / total);
        if (total > 0)
        {
            var left = 100 - percents.Values.Sum();
            foreach (var c in All.OrderByDescending(c => counts[c.Code] * 100 % total).ThenBy(c => All.ToList().IndexOf(c)).Take(left))
            {
                percents[c.Code]++;
            }
        }

        var shares = All.Select(c => new CategoryShare(c.Code, c.Label, c.Short, counts[c.Code], percents[c.Code])).ToList();
        var line = total == 0 ? "" : string.Join(" / ", shares.Where(s => s.Count > 0).Select(s => $"{s.Percent} % {s.Short}"));
        return new CategorySummary(total, shares, line);
    }
}
