using System.Globalization;
using MethodDays.Features.People;

namespace MethodDays.Features.Visits;

/// <summary>
/// A criterion for choosing a school: seed 000 lists what a school is chosen by; the thresholds and weights are
/// MethodDays' defaults, which the municipality changes (<c>PUT …/visits/criteria</c>).
/// </summary>
internal sealed record CriterionDefinition(string Code, string Title, string? ThresholdLabel, bool On, int Weight, decimal? Threshold, string Source);

/// <summary>What the candidates list knows about one school.</summary>
internal sealed record SchoolFacts(
    School School,
    ResultsEntity? Results,
    bool OnShnorList,
    string? ShnorPeriod,
    Participation Participation,
    DateOnly? LastVisit,
    int OpenHelpItems,
    VisitRequestEntity? Request);

/// <summary>
/// Participation in the municipality's methodical events, counted from MethodDays' own records: the weekly cycle's
/// school steps marked done, the monthly sheets submitted, the practices the bank accepted this school year.
/// </summary>
internal sealed record Participation(int StepsDone, int StepsExpected, int Weeks, int SheetsSubmitted, int SheetsExpected, int Months, int PracticesAccepted)
{
    public int? Percent => StepsExpected + SheetsExpected == 0 ? null
        : (int)Math.Round(100m * (StepsDone + SheetsSubmitted) / (StepsExpected + SheetsExpected), MidpointRounding.AwayFromZero);

    public string Line =>
        $"шаги недели ЕМД: {StepsDone} из {StepsExpected} за {Weeks} нед.; ежемесячные листы: {SheetsSubmitted} из {SheetsExpected} за {Months} мес.; принятых практик в банке за учебный год: {PracticesAccepted}";
}

internal static class Criteria
{
    private const string Seed = "seed";
    private const string Own = "own";

    /// <summary>The list in seed 000's order; «own» marks what MethodDays adds (the seed names no threshold).</summary>
    public static readonly IReadOnlyList<CriterionDefinition> All =
    [
        new("shnor", "Входит в список ШНОР", null, true, 3, null, Seed),
        new("exams", "Результаты ОГЭ, ЕГЭ и ВПР ниже средних по муниципалитету", "предметов ниже среднего, не меньше", true, 2, 1, Seed),
        new("olympiad", "Нет победителей и призёров олимпиады выше школьного этапа", null, true, 1, null, Seed),
        new("quality", "Качество знаний ниже порога", "порог, %", true, 2, 40, Seed),
        new("attainment", "Успеваемость ниже порога", "порог, %", true, 1, 95, Seed),
        new("participation", "Низкое участие в муниципальных методических мероприятиях", "порог участия, %", true, 2, 60, Seed),
        new("innovation", "Педагоги не участвуют в инновационной деятельности", null, true, 1, null, Seed),
        new("request", "Запрос администрации школы", null, true, 5, null, Seed),
        new("noVisit", "Давно не было «Методического дня»", "месяцев без посещения, не меньше", true, 1, 12, Own),
        new("openHelp", "Открытые пункты плана адресной помощи", "открытых пунктов, не меньше", true, 1, 1, Own),
    ];

    public const int MaxWeight = 10;

    /// <summary>The municipality's settings over the defaults (a criterion added later starts with its default).</summary>
    public static IReadOnlyList<CriterionDefinition> Effective(IReadOnlyList<CriterionSetting>? saved) =>
        [.. All.Select(d => saved?.FirstOrDefault(s => s.Code == d.Code) is { } s
            ? d with { On = s.On, Weight = s.Weight, Threshold = d.ThresholdLabel is null ? null : s.Threshold ?? d.Threshold }
            : d)];

    public static CriterionView View(CriterionDefinition d) => new(d.Code, d.Title, d.ThresholdLabel, d.On, d.Weight, d.Threshold, d.Source);

    /// <summary>Every criterion that is on, judged for one school: met, not met, or not judged for want of data.</summary>
    public static IReadOnlyList<CandidateReason> Judge(SchoolFacts f, IReadOnlyList<CriterionDefinition> criteria, DateOnly today)
    {
        var reasons = new List<CandidateReason>();
        var r = f.Results;
        foreach (var c in criteria.Where(c => c.On))
        {
            var t = c.Threshold ?? 0;
            (bool Met, bool NoData, string Detail) judged = c.Code switch
            {
                "shnor" => (f.OnShnorList, false, f.OnShnorList
                    ? f.ShnorPeriod is null ? "школа отмечена как ШНОР" : $"в списке ШНОР {f.ShnorPeriod}"
                    : f.ShnorPeriod is null ? "не в списке ШНОР" : $"в списке ШНОР была {f.ShnorPeriod}"),
                "exams" => Exams(r, (int)t),
                "olympiad" => r?.OlympiadHigherWinners is not { } w ? (false, true, "нет данных об олимпиаде")
                    : (w == 0, false, $"муниципальный и следующие этапы: участников {r.OlympiadHigherParticipants?.ToString(CultureInfo.InvariantCulture) ?? "—"}, победителей и призёров {w}; школьный этап: участников {r.OlympiadSchoolParticipants?.ToString(CultureInfo.InvariantCulture) ?? "—"}, победителей и призёров {r.OlympiadSchoolWinners?.ToString(CultureInfo.InvariantCulture) ?? "—"}"),
                "quality" => r?.QualityPercent is not { } q ? (false, true, "нет данных о качестве знаний")
                    : ((decimal)q < t, false, $"качество знаний {P(q)} % (порог {P(t)} %)"),
                "attainment" => r?.AttainmentPercent is not { } a ? (false, true, "нет данных об успеваемости")
                    : ((decimal)a < t, false, $"успеваемость {P(a)} % (порог {P(t)} %)"),
                "participation" => f.Participation.Percent is not { } p ? (false, true, "нет шагов и листов, по которым считать участие")
                    : (p < t, false, $"участие {p} % (порог {P(t)} %): {f.Participation.Line}"),
                "innovation" => r?.InnovationTeachers is not { } n ? (false, true, "нет данных об инновационной деятельности")
                    : (n == 0, false, $"педагогов в инновационной деятельности: {n}"),
                "request" => f.Request is { } req && req.Status != VisitRules.Declined
                    ? (true, false, $"запрос на {RequestEndpoints.MonthName(req.Month)} ({VisitRules.RequestLabel(req.Status)}): {req.Reason}")
                    : (false, false, "запроса нет"),
                "noVisit" => f.LastVisit is { } last
                    ? (MonthsBetween(last, today) >= t, false, $"последнее посещение {VisitRules.Russian(last)}")
                    : (true, false, "посещений в MethodDays не было"),
                "openHelp" => (f.OpenHelpItems >= Math.Max(1, t), false, $"открытых пунктов плана помощи: {f.OpenHelpItems}"),
                _ => (false, true, ""),
            };
            reasons.Add(new CandidateReason(c.Code, c.Title, judged.Met, judged.NoData, judged.Met ? c.Weight : 0, judged.Detail));
        }

        return reasons;
    }

    private static (bool, bool, string) Exams(ResultsEntity? r, int min)
    {
        var lines = r?.ExamList.Where(e => e.School is not null && e.Municipality is not null).ToList() ?? [];
        if (lines.Count == 0)
        {
            return (false, true, "нет средних результатов экзаменов рядом со средними по муниципалитету");
        }

        var below = lines.Where(e => e.School < e.Municipality).ToList();
        var detail = below.Count == 0
            ? $"все {lines.Count} результатов не ниже средних по муниципалитету"
            : $"ниже среднего по муниципалитету {below.Count} из {lines.Count}: " + string.Join("; ", below.Select(e =>
                $"{e.ExamLabel}{(e.Grade is { } g ? $" {g} кл." : "")} {e.Subject} {D(e.School)} (муниципалитет {D(e.Municipality)}{(e.City is { } c ? $", город {D(c)}" : "")})"));
        return (below.Count >= Math.Max(1, min), false, detail);
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);

    private static string P(double value) => value.ToString("0.#", CultureInfo.GetCultureInfo("ru-RU"));

    private static string P(decimal value) => value.ToString("0.#", CultureInfo.GetCultureInfo("ru-RU"));

    private static string D(decimal? value) => value?.ToString("0.##", CultureInfo.GetCultureInfo("ru-RU")) ?? "—";
}
