using System.Globalization;
using MethodDays.Features.People;

namespace MethodDays.Features.Visits;

/// <summary>A column of the results file: the field it feeds and its header.</summary>
internal sealed record ResultsColumn(string Field, string Header, double Width);

/// <summary>
/// The results register as an Excel file: sheet «Школы» (one row per school: the ШНОР period, quality and attainment,
/// the olympiad, innovation work) and sheet «Экзамены» (one row per school, exam and subject: the school's mean result
/// beside the municipality's and the city's), with «Как заполнить». The template carries the municipality's schools
/// and what the register already holds, so a coordinator downloads, fills and uploads it.
/// </summary>
internal static class ResultsWorkbook
{
    public const string SchoolsSheet = "Школы";
    public const string ExamsSheet = "Экзамены";

    public static readonly IReadOnlyList<ResultsColumn> SchoolColumns =
    [
        new("school", "Школа", 36),
        new("shnorFrom", "В списке ШНОР с (учебный год)", 18),
        new("shnorTo", "В списке ШНОР по (учебный год)", 18),
        new("qualityPercent", "Качество знаний, %", 14),
        new("attainmentPercent", "Успеваемость, %", 14),
        new("olympiadSchoolParticipants", "ВсОШ, школьный этап: участники", 16),
        new("olympiadSchoolWinners", "ВсОШ, школьный этап: победители и призёры", 18),
        new("olympiadHigherParticipants", "ВсОШ, муниципальный этап и выше: участники", 18),
        new("olympiadHigherWinners", "ВсОШ, муниципальный этап и выше: победители и призёры", 20),
        new("innovationTeachers", "Педагогов в инновационной деятельности", 18),
    ];

    public static readonly IReadOnlyList<ResultsColumn> ExamColumns =
    [
        new("school", "Школа", 36),
        new("exam", "Экзамен (ОГЭ, ЕГЭ, ВПР)", 14),
        new("subject", "Предмет", 30),
        new("grade", "Класс (для ВПР)", 12),
        new("school_mean", "Средний результат школы", 16),
        new("municipality", "Средний по муниципалитету", 16),
        new("city", "Средний по городу", 16),
    ];

    private static string[] Help(string year) =>
    [
        $"Как заполнить результаты школ за {SchoolYears.Label(year)}",
        "Лист «Школы»: одна строка — одна школа (краткое или полное название, как в MethodDays). Пустая ячейка — «нет данных».",
        "ШНОР: учебные годы в списке, например «2021-2022» и «2023-2024»; «по» пусто — школа ещё в списке; обе пусты — не была.",
        "Качество знаний и успеваемость — проценты от 0 до 100; качество не выше успеваемости.",
        "ВсОШ — всероссийская олимпиада школьников: участники и победители и призёры школьного этапа и муниципального этапа и выше; призёров не больше, чем участников.",
        "Лист «Экзамены»: одна строка — экзамен по предмету в школе. ВПР — с классом (4–8, 10, 11); ОГЭ и ЕГЭ — без класса.",
        "Средние результаты: отметки (ОГЭ, ВПР) или тестовые баллы (ЕГЭ), от 0 до 100; средний по муниципалитету и по городу — рядом с результатом школы.",
        "Файл проверяется целиком: если в какой-то ячейке ошибка, не сохраняется ничего, а в ответе перечислены ячейки с ошибками.",
        "Для каждой школы листа «Школы» файл заменяет её результаты за этот год (в том числе строки экзаменов). Школы, которых нет в файле, не меняются.",
        "Повторная загрузка того же файла ничего не меняет.",
    ];

    public static byte[] Template(string year, IReadOnlyList<School> schools, IReadOnlyDictionary<string, ResultsEntity> results, IReadOnlyDictionary<string, ShnorEntity> shnor)
    {
        static string N(double? v) => v?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
        static string I(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string M(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        var schoolRows = new List<string[]>();
        var examRows = new List<string[]>();
        foreach (var s in schools)
        {
            var r = results.GetValueOrDefault(s.Id);
            var p = shnor.GetValueOrDefault(s.Id);
            schoolRows.Add([s.ShortName, p?.From ?? "", p?.To ?? "", N(r?.QualityPercent), N(r?.AttainmentPercent), I(r?.OlympiadSchoolParticipants),
                I(r?.OlympiadSchoolWinners), I(r?.OlympiadHigherParticipants), I(r?.OlympiadHigherWinners), I(r?.InnovationTeachers)]);
            foreach (var e in r?.ExamList ?? [])
            {
                examRows.Add([s.ShortName, e.ExamLabel, e.Subject, I(e.Grade), M(e.School), M(e.Municipality), M(e.City)]);
            }
        }

        return VisitSheets.Write(
            new VisitSheet(SchoolsSheet, SchoolColumns.Select(c => c.Width), [SchoolColumns.Select(c => c.Header).ToArray(), .. schoolRows]),
            new VisitSheet(ExamsSheet, ExamColumns.Select(c => c.Width), [ExamColumns.Select(c => c.Header).ToArray(), .. examRows]),
            new VisitSheet("Как заполнить", [130], [.. Help(year).Select(h => new[] { h })]));
    }

    /// <summary>The header's field on a sheet (headers are matched as written, case and spaces aside).</summary>
    public static Dictionary<string, int> Headers(ImportGrid grid, IReadOnlyList<ResultsColumn> columns)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (col, cell) in grid.Row(1))
        {
            var h = Key(cell.Text);
            if (columns.FirstOrDefault(c => Key(c.Header) == h) is { } column)
            {
                found.TryAdd(column.Field, col);
            }
        }

        return found;
    }

    public static string Key(string text) => ResultsRules.Collapse(text).ToLowerInvariant().Replace('ё', 'е');
}
