using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MethodDays.Platform.Calendar;

/// <summary>A calendar month, written <c>yyyy-MM</c> in routes, keys and JSON.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static bool TryParse([NotNullWhen(true)] string? text, out YearMonth value)
    {
        value = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || y < 2000 || y > 2100 || m < 1 || m > 12)
        {
            return false;
        }

        value = new YearMonth(y, m);
        return true;
    }

    public static YearMonth Of(DateTimeOffset local) => new(local.Year, local.Month);

    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public YearMonth Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public YearMonth Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>"ноябрь 2026".</summary>
    public string RussianName => Russian.DateTimeFormat.MonthNames[Month - 1].ToLower(Russian) + " " + Year.ToString(CultureInfo.InvariantCulture);

    public int CompareTo(YearMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}

/// <summary>A municipality's local time: the weekly cycle and "this month" live in it, timers are UTC.</summary>
public static class LocalTime
{
    public static TimeZoneInfo Zone(string ianaId) => TimeZoneInfo.FindSystemTimeZoneById(ianaId);

    public static bool IsKnownZone(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var tz) && tz.HasIanaId;

    public static DateTimeOffset Now(TimeProvider time, string ianaId) =>
        TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone(ianaId));

    public static YearMonth CurrentMonth(TimeProvider time, string ianaId) => YearMonth.Of(Now(time, ianaId));

    /// <summary>The zone's calendar date now.</summary>
    public static DateOnly Today(TimeProvider time, string ianaId) => DateOnly.FromDateTime(Now(time, ianaId).DateTime);
}
