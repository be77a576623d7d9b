using System.Globalization;
using MethodDays.Features.Observations;
using MethodDays.Features.People;

namespace MethodDays.Features.Visits;

/// <summary>The municipality's figures for a school year (seed 000: «посещено 142 урока в 12 школах, в том числе 7 ШНОР…»).</summary>
public sealed record VisitYearView(
    string MunicipalityId,
    string Year,
    string YearLabel,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    IReadOnlyList<string> Years,
    VisitYearTotals Totals,
    IReadOnlyList<VisitYearMonth> Months,
    IReadOnlyList<VisitYearSchool> Schools);

/// <summary>
/// The year's totals. Visits: held (dated up to today, not cancelled); <c>PlannedAhead</c>: the year's visits still to
/// come. Lessons observed: lessons with at least one protocol. ШНОР: visited schools on the list in the year; of them
/// left: the list's last year is this one. Repeat visits: those planned as a repeat of an earlier visit («повторное посещение», <c>RepeatOf</c>), and a school's second and later visits in the year. Help items:
/// the visited schools' items due in the year; overdue — not done or cancelled and due before today.
/// </summary>
public sealed record VisitYearTotals(
    int Visits,
    int PlannedAhead,
    int Schools,
    int LessonsObserved,
    int Protocols,
    int ShnorSchools,
    int ShnorLeft,
    int RepeatVisits,
    int HelpItems,
    int HelpDone,
    int HelpOverdue,
    int RequestsAnswered,
    int RequestsPending);

/// <summary>A month of the year (September first): visits held and lessons observed.</summary>
public sealed record VisitYearMonth(string Month, string Label, int Visits, int LessonsObserved);

/// <summary>A visit of a school in the year: its lessons observed and the mean mark of its protocols (% of the scale).</summary>
public sealed record VisitYearVisit(string VisitId, DateOnly Date, int LessonsObserved, int Protocols, double? MeanMark);

/// <summary>A visited school's row: its visits, ШНОР, help items and how the mean mark moved from its first visit to its last.</summary>
public sealed record VisitYearSchool(
    string SchoolId,
    string SchoolName,
    bool Shnor,
    bool LeftShnor,
    int LessonsObserved,
    int HelpDone,
    int HelpOverdue,
    IReadOnlyList<VisitYearVisit> Visits,
    double? FirstMark,
    double? LastMark,
    double? MarkChange);

/// <summary>Counts a year's figures from the records (visits, protocols, ШНОР periods, help items, requests).</summary>
internal static class VisitYearFigures
{
    private static readonly string[] MonthNames = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

    public static VisitYearView Count(
        string municipalityId,
        string year,
        DateOnly today,
        IReadOnlyList<School> schools,
        IReadOnlyList<VisitEntity> allVisits,
        IReadOnlyList<YearProtocol> protocols,
        IReadOnlyDictionary<string, ProtocolTemplate> templates,
        IReadOnlyList<ShnorEntity> shnor,
        IReadOnlyList<YearHelpItem> help,
        IReadOnlyList<VisitRequestEntity> requests)
    {
        var (from, to) = (SchoolYears.Start(year), SchoolYears.End(year));
        var inYear = InYear(allVisits, year);
        var held = inYear.Where(v => Date(v) <= today).OrderBy(v => v.Date, StringComparer.Ordinal).ThenBy(v => v.RowKey, StringComparer.Ordinal).ToList();
        var heldIds = held.Select(v => v.VisitId).ToHashSet(StringComparer.Ordinal);
        var byVisit = protocols.Where(p => heldIds.Contains(p.VisitId)).ToLookup(p => p.VisitId, StringComparer.Ordinal);
        var names = schools.ToDictionary(s => s.Id, s => s.ShortName, StringComparer.Ordinal);
        var periods = shnor.ToDictionary(s => s.SchoolId, StringComparer.Ordinal);
        var fromText = VisitRules.Iso(from);
        var toText = VisitRules.Iso(to);
        var todayText = VisitRules.Iso(today);
        var dueInYear = help.Where(h => string.CompareOrdinal(h.DueDate, fromText) >= 0 && string.CompareOrdinal(h.DueDate, toText) <= 0).ToLookup(h => h.SchoolId, StringComparer.Ordinal);

        var rows = new List<VisitYearSchool>();
        foreach (var group in held.GroupBy(v => v.SchoolId, StringComparer.Ordinal))
        {
            var visits = group.Select(v =>
            {
                var ps = byVisit[v.VisitId].ToList();
                return new VisitYearVisit(v.VisitId, Date(v), ps.Select(p => p.LessonId).Distinct(StringComparer.Ordinal).Count(), ps.Count, Mean(ps, templates));
            }).ToList();
            var marked = visits.Where(v => v.MeanMark is not null).ToList();
            var first = marked.FirstOrDefault()?.MeanMark;
            var last = marked.Count > 1 ? marked[^1].MeanMark : null;
            var period = periods.GetValueOrDefault(group.Key);
            var isShnor = period?.From is not null && SchoolYears.Within(year, period.From, period.To);
            var items = dueInYear[group.Key].ToList();
            rows.Add(new VisitYearSchool(
                group.Key,
                names.GetValueOrDefault(group.Key, group.Key),
                isShnor,
                isShnor && period!.To == year,
                visits.Sum(v => v.LessonsObserved),
                items.Count(h => h.Status == "done"),
                items.Count(h => Overdue(h, todayText)),
                visits,
                first,
                last,
                last is { } l && first is { } f ? Math.Round(l - f, 1) : null));
        }

        rows = [.. rows.OrderBy(r => r.SchoolName, StringComparer.Ordinal)];
        var visitedItems = rows.SelectMany(r => dueInYear[r.SchoolId]).ToList();
        var yearRequests = requests.Where(q => string.CompareOrdinal(q.Month, fromText[..7]) >= 0 && string.CompareOrdinal(q.Month, toText[..7]) <= 0).ToList();
        var totals = new VisitYearTotals(
            held.Count,
            inYear.Count - held.Count,
            rows.Count,
            rows.Sum(r => r.LessonsObserved),
            byVisit.Sum(g => g.Count()),
            rows.Count(r => r.Shnor),
            rows.Count(r => r.LeftShnor),
            held.Count(v => v.RepeatOf is { Length: > 0 } || held.Any(o => o.SchoolId == v.SchoolId && string.CompareOrdinal(o.Date + o.VisitId, v.Date + v.VisitId) < 0)),
            visitedItems.Count,
            visitedItems.Count(h => h.Status == "done"),
            visitedItems.Count(h => Overdue(h, todayText)),
            yearRequests.Count(q => q.Status is VisitRules.Agreed or VisitRules.Declined),
            yearRequests.Count(q => q.Status == VisitRules.Pending));

        var months = Enumerable.Range(0, 12).Select(i => from.AddMonths(i)).Select(m =>
        {
            var ofMonth = rows.SelectMany(r => r.Visits).Where(v => v.Date.Year == m.Year && v.Date.Month == m.Month).ToList();
            return new VisitYearMonth($"{m.Year:D4}-{m.Month:D2}", MonthNames[m.Month - 1], ofMonth.Count, ofMonth.Sum(v => v.LessonsObserved));
        }).ToList();

        var years = allVisits.Where(v => v.Status != VisitRules.Cancelled && DateOnly.TryParseExact(v.Date, "yyyy-MM-dd", out _))
            .Select(v => SchoolYears.Of(Date(v))).Append(year).Append(SchoolYears.Of(today)).Distinct().OrderDescending().ToList();
        return new VisitYearView(municipalityId, year, SchoolYears.Label(year), from, to, today, years, totals, months, rows);
    }

    /// <summary>The year's visits not cancelled (held and still to come).</summary>
    public static List<VisitEntity> InYear(IEnumerable<VisitEntity> visits, string year) =>
        [.. visits.Where(v => v.Status != VisitRules.Cancelled && DateOnly.TryParseExact(v.Date, "yyyy-MM-dd", out var d) && SchoolYears.Of(d) == year)];

    /// <summary>
    /// The mean mark of protocols as a percentage of their scales: each mark counts as its place between the scale's
    /// lowest (0 %) and highest (100 %) value, so items on «0–2» and «1–4» scales average together. Note-only items
    /// and marks the protocol's version does not know are left out; null when no mark is left.
    /// </summary>
    public static double? Mean(IEnumerable<YearProtocol> protocols, IReadOnlyDictionary<string, ProtocolTemplate> templates)
    {
        double sum = 0;
        var count = 0;
        foreach (var p in protocols)
        {
            if (!templates.TryGetValue(p.TemplateVersion, out var template))
            {
                continue;
            }

            foreach (var (item, value) in p.Marks)
            {
                if (template.ScaleOf(item) is not { NoteOnly: false } scale || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                {
                    continue;
                }

                var values = scale.Values.Select(x => int.TryParse(x.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).OfType<int>().ToList();
                if (values.Count < 2 || !values.Contains(v))
                {
                    continue;
                }

                var (min, max) = (values.Min(), values.Max());
                sum += (v - min) * 100.0 / (max - min);
                count++;
            }
        }

        return count == 0 ? null : Math.Round(sum / count, 1);
    }

    private static bool Overdue(YearHelpItem h, string today) => h.Open && h.DueDate.Length == 10 && string.CompareOrdinal(h.DueDate, today) < 0;

    private static DateOnly Date(VisitEntity v) => DateOnly.ParseExact(v.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
