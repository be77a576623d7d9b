using System.Text;

namespace MethodDays.Features.People;

/// <summary>
/// Codes (ids) of schools and people derived from their Russian names, so nobody has to invent a Latin code:
/// "Первая ООШ" → <c>pervaia-oosh</c>, "Иванова Мария Петровна" → <c>ivanova-mariia-petrovna</c>. The letters follow
/// the passport transliteration (ICAO Doc 9303, used in Russian international passports since 2014): it needs no
/// apostrophes or diacritics, so a code stays URL-safe. A code is derived once, when the record is created, and then
/// kept: renaming a school does not move its records.
/// </summary>
public static partial class PeopleCodes
{
    /// <summary>The longest code the API accepts (see <c>PeopleEndpoints.IdPattern</c>).</summary>
    public const int MaxLength = 40;

    private static readonly Dictionary<char, string> Letters = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "ie", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "iu",
        ['я'] = "ia",
    };

    /// <summary>Lower-case Latin letters, digits and single hyphens; everything else (spaces, quotes, №) separates words.</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        foreach (var c in name.ToLowerInvariant())
        {
            if (Letters.TryGetValue(c, out var latin))
            {
                sb.Append(latin);
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// A code for <paramref name="name"/> not in <paramref name="taken"/> (the municipality's codes, compared
    /// exactly): the slug, else the slug with "-2", "-3"… A name with fewer than two Latin-able characters gets
    /// <paramref name="fallback"/> ("school", "person") in front. The caller adds the result to its set.
    /// </summary>
    public static string Derive(string name, IReadOnlySet<string> taken, string fallback)
    {
        var slug = Slug(name);
        if (slug.Length < 2)
        {
            slug = slug.Length == 0 ? fallback : fallback + "-" + slug;
        }

        var code = Cut(slug, MaxLength);
        for (var n = 2; taken.Contains(code); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            code = Cut(slug, MaxLength - suffix.Length) + suffix;
        }

        return code;
    }

    /// <summary>Whether an explicit code has the form every code has: <c>^[a-z0-9][a-z0-9-]{1,39}$</c>.</summary>
    public static bool IsValid(string code) => CodePattern().IsMatch(code);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();

    private static string Cut(string slug, int max) => slug.Length <= max ? slug : slug[..max].TrimEnd('-');
}
