using System.Globalization;

namespace MethodDays.Features.Visits;

/// <summary>
/// A school year's figures as an Excel file: sheet «Итоги» (the municipality's figures, one per row), «Школы» (a
/// visited school per row: visits, lessons, ШНОР, help items, the mean mark first → last) and «Посещения» (a visit per
/// row). Numbers are number cells, so the file sums and charts as it is.
/// </summary>
internal static class VisitYearWorkbook
{
    public const string TotalsSheet = "Итоги";
    public const string SchoolsSheet = "Школы";
    public const string VisitsSheet = "Посещения";

    public static readonly string[] SchoolHeaders =
    [
        "Школа", "ШНОР в этом году", "Посещений", "Уроков посещено", "Средний балл протоколов: первое посещение, %",
        "Средний балл протоколов: последнее посещение, %", "Изменение, п. п.", "Пунктов помощи выполнено", "Пунктов помощи просрочено",
    ];

    public static readonly string[] VisitHeaders = ["Школа", "Дата", "Уроков посещено", "Протоколов", "Средний балл протоколов, %"];

    /// <summary>The «Итоги» rows: a label and its figure.</summary>
    public static IReadOnlyList<(string Label, int Value)> Totals(VisitYearTotals t) =>
    [
        ("Посещений («Методических дней»)", t.Visits),
        ("Школ посещено", t.Schools),
        ("Уроков посещено (есть хотя бы один протокол)", t.LessonsObserved),
        ("Протоколов наблюдения", t.Protocols),
        ("ШНОР среди посещённых школ", t.ShnorSchools),
        ("Из них вышли из списка ШНОР по итогам года", t.ShnorLeft),
        ("Из них ещё в списке ШНОР", t.ShnorSchools - t.ShnorLeft),
        ("Повторных посещений", t.RepeatVisits),
        ("Пунктов помощи со сроком в этом году (посещённые школы)", t.HelpItems),
        ("Из них выполнено", t.HelpDone),
        ("Из них просрочено", t.HelpOverdue),
        ("Запросов школ рассмотрено", t.RequestsAnswered),
        ("Запросов школ ждут ответа", t.RequestsPending),
        ("Посещений запланировано до конца года", t.PlannedAhead),
    ];

    public static byte[] Write(VisitYearView view)
    {
        var totals = new List<object?[]>
        {
            new object?[] { $"Итоги «Методических дней» за {view.YearLabel}", null },
            new object?[] { $"Период: {view.From:dd.MM.yyyy} — {view.To:dd.MM.yyyy}; данные на {view.AsOf:dd.MM.yyyy}", null },
        };
        totals.AddRange(Totals(view.Totals).Select(t => new object?[] { t.Label, t.Value }));

        var schools = new List<object?[]> { SchoolHeaders };
        schools.AddRange(view.Schools.Select(s => new object?[]
        {
            s.SchoolName, s.Shnor ? (s.LeftShnor ? "вышла из списка" : "в списке") : "нет", s.Visits.Count, s.LessonsObserved,
            s.FirstMark, s.LastMark, s.MarkChange, s.HelpDone, s.HelpOverdue,
        }));

        var visits = new List<object?[]> { VisitHeaders };
        visits.AddRange(view.Schools.SelectMany(s => s.Visits.Select(v => (s.SchoolName, Visit: v))).OrderBy(x => x.Visit.Date)
            .Select(x => new object?[] { x.SchoolName, x.Visit.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), x.Visit.LessonsObserved, x.Visit.Protocols, x.Visit.MeanMark }));

        return VisitSheets.Write(
            new VisitSheet(TotalsSheet, [70, 14], totals),
            new VisitSheet(SchoolsSheet, [36, 18, 12, 14, 22, 22, 14, 16, 16], schools),
            new VisitSheet(VisitsSheet, [36, 12, 14, 12, 18], visits));
    }
}
