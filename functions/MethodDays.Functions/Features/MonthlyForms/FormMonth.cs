using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// The month a route names: <c>yyyy-MM</c>, not in the future in the municipality's local time and not before the
/// municipality's programme start.
/// </summary>
public static class FormMonth
{
    private static readonly FormNames Sheet = new("лист", "листа", "листу самооценки", "sheet");

    public static YearMonth? Check(string month, Municipality municipality, TimeProvider time, FieldErrors errors, FormNames? names = null)
    {
        if (!YearMonth.TryParse(month, out var value))
        {
            errors.Add("month", "Месяц указывается как ГГГГ-ММ, например 2026-11.");
            return null;
        }

        var current = LocalTime.CurrentMonth(time, municipality.TimeZone);
        if (value > current)
        {
            errors.Add("month", (names ?? Sheet).FutureMonth(value.RussianName, current.RussianName));
            return null;
        }

        if (YearMonth.TryParse(municipality.ProgrammeStart, out var start) && value < start)
        {
            errors.Add("month", $"Месяц {value.RussianName} раньше начала программы (начало: {start.RussianName}); выберите месяц не раньше него.");
            return null;
        }

        return value;
    }
}
