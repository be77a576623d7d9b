using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MethodDays.Platform.Calendar;

/// <summary>An ISO week (Monday to Sunday) in a municipality's local calendar, written <c>2026-W47</c>.</summary>
public readonly record struct WeekId(int Year, int Week) : IComparable<WeekId>
{
    public static WeekId Of(DateOnly date) => new(ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)));

    public static WeekId Of(DateTimeOffset local) => Of(DateOnly.FromDateTime(local.DateTime));

    public static bool TryParse([NotNullWhen(true)] string? text, out WeekId week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || y < 2000 || y > 2100 || w < 1 || w > ISOWeek.GetWeeksInYear(y))
        {
            return false;
        }

        week = new WeekId(y, w);
        return true;
    }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public WeekId Next => Of(Monday.AddDays(7));

    public WeekId Previous => Of(Monday.AddDays(-7));

    public WeekId Plus(int weeks) => Of(Monday.AddDays(7 * weeks));

    public int CompareTo(WeekId other) => Monday.CompareTo(other.Monday);

    public static bool operator <(WeekId a, WeekId b) => a.CompareTo(b) < 0;

    public static bool operator >(WeekId a, WeekId b) => a.CompareTo(b) > 0;

    public static bool operator <=(WeekId a, WeekId b) => a.CompareTo(b) <= 0;

    public static bool operator >=(WeekId a, WeekId b) => a.CompareTo(b) >= 0;

    /// <summary>"16–22 ноября 2026".</summary>
    public string RussianRange
    {
        get
        {
            var ru = CultureInfo.GetCultureInfo("ru-RU");
            var sunday = Monday.AddDays(6);
            return Monday.Month == sunday.Month
                ? $"{Monday.Day}–{sunday.ToString("d MMMM yyyy", ru)}"
                : $"{Monday.ToString("d MMMM", ru)} – {sunday.ToString("d MMMM yyyy", ru)}";
        }
    }

    public override string ToString() => $"{Year:D4}-W{Week:D2}";
}

public static class LocalTimes
{
    /// <summary>The UTC instant of a local wall-clock time in a zone (a skipped DST hour moves forward).</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
