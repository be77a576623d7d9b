using System.Globalization;
using System.Text;

namespace MethodDays.Platform.Calendar;

/// <summary>
/// The forms Russian asks for where a date, a count or a time zone is written into a sentence: «до понедельника,
/// 7 декабря, 11:00», «в среду, 18 ноября, в 16:00», «5 шагов», «омское время, UTC+6», a title in lower case that
/// keeps its abbreviations («обсуждение содержания ЕМД»).
/// </summary>
public static class RussianWords
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private static readonly string[] Genitive = ["воскресенья", "понедельника", "вторника", "среды", "четверга", "пятницы", "субботы"];

    private static readonly string[] Accusative = ["в воскресенье", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"];

    /// <summary>After «до»: «понедельника, 7 декабря, 11:00».</summary>
    public static string Until(DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return $"{Genitive[(int)local.DayOfWeek]}, {local.ToString("d MMMM, HH:mm", Russian)}";
    }

    /// <summary>When something happened or will: «в среду, 18 ноября, в 16:00».</summary>
    public static string On(DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return $"{Accusative[(int)local.DayOfWeek]}, {local.ToString("d MMMM", Russian)}, в {local.ToString("HH:mm", Russian)}";
    }

    /// <summary>The genitive of a weekday: «до четверга».</summary>
    public static string WeekdayGenitive(DayOfWeek day) => Genitive[(int)day];

    /// <summary>plural(5, "шаг", "шага", "шагов") → «шагов».</summary>
    public static string Plural(long n, string one, string few, string many)
    {
        var a = Math.Abs(n) % 100;
        var b = a % 10;
        return a is > 10 and < 20 ? many : b is > 1 and < 5 ? few : b == 1 ? one : many;
    }

    /// <summary>«5 шагов».</summary>
    public static string Count(long n, string one, string few, string many) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + Plural(n, one, few, many);

    /// <summary>
    /// A title or name in lower case for the middle of a sentence, abbreviations kept: «Обсуждение содержания ЕМД» →
    /// «обсуждение содержания ЕМД», «Лист оценки ШНОР» → «лист оценки ШНОР». A word with two or more capitals is an
    /// abbreviation (ЕМД, ВКС, МО, ООШ, ПРШ, МБОУ).
    /// </summary>
    public static string Lower(string text)
    {
        var sb = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || !char.IsLetterOrDigit(text[i]))
            {
                var word = text[start..i];
                sb.Append(word.Count(char.IsUpper) >= 2 ? word : word.ToLower(Russian));
                if (i < text.Length)
                {
                    sb.Append(text[i]);
                }

                start = i + 1;
            }
        }

        return sb.ToString();
    }

    /// <summary>The cities whose names Russians give to the zones of Russia (IANA id → adjective of the zone).</summary>
    private static readonly Dictionary<string, string> ZoneAdjectives = new(StringComparer.Ordinal)
    {
        ["Europe/Kaliningrad"] = "калининградское",
        ["Europe/Moscow"] = "московское",
        ["Europe/Volgograd"] = "волгоградское",
        ["Europe/Kirov"] = "кировское",
        ["Europe/Samara"] = "самарское",
        ["Europe/Ulyanovsk"] = "ульяновское",
        ["Europe/Saratov"] = "саратовское",
        ["Europe/Astrakhan"] = "астраханское",
        ["Asia/Yekaterinburg"] = "екатеринбургское",
        ["Asia/Omsk"] = "омское",
        ["Asia/Novosibirsk"] = "новосибирское",
        ["Asia/Barnaul"] = "барнаульское",
        ["Asia/Tomsk"] = "томское",
        ["Asia/Novokuznetsk"] = "новокузнецкое",
        ["Asia/Krasnoyarsk"] = "красноярское",
        ["Asia/Irkutsk"] = "иркутское",
        ["Asia/Chita"] = "читинское",
        ["Asia/Yakutsk"] = "якутское",
        ["Asia/Vladivostok"] = "владивостокское",
        ["Asia/Sakhalin"] = "сахалинское",
        ["Asia/Magadan"] = "магаданское",
        ["Asia/Srednekolymsk"] = "среднеколымское",
        ["Asia/Kamchatka"] = "камчатское",
        ["Asia/Anadyr"] = "анадырское",
    };

    /// <summary>
    /// A time zone as a person reads it: «омское время, UTC+6», «московское время, UTC+3»; a zone without a Russian
    /// city name is «время UTC+5:30». The IANA id stays in data only.
    /// </summary>
    public static string ZoneName(string ianaId, DateTimeOffset at) =>
        ZoneAdjectives.TryGetValue(ianaId, out var adjective) ? $"{adjective} время, {Utc(ianaId, at)}" : $"время {Utc(ianaId, at)}";

    /// <summary>After «по»: «по омскому времени (UTC+6)», «по времени UTC+5:30».</summary>
    public static string ZoneBy(string ianaId, DateTimeOffset at) =>
        ZoneAdjectives.TryGetValue(ianaId, out var adjective) ? $"по {adjective[..^2]}ому времени ({Utc(ianaId, at)})" : $"по времени {Utc(ianaId, at)}";

    /// <summary>«UTC+6», «UTC+5:30», «UTC−3».</summary>
    private static string Utc(string ianaId, DateTimeOffset at)
    {
        var offset = TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone.GetUtcOffset(at) : TimeSpan.Zero;
        var d = offset.Duration();
        return "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + d.Hours.ToString(CultureInfo.InvariantCulture)
            + (d.Minutes != 0 ? ":" + d.Minutes.ToString("00", CultureInfo.InvariantCulture) : "");
    }
}
