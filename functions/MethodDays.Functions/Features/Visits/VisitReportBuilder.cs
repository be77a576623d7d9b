using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MethodDays.Features.Observations;
using MethodDays.Features.Progress;

namespace MethodDays.Features.Visits;

/// <summary>The visit a report section is asked for (ids and the visit's date, yyyy-MM-dd).</summary>
/// <summary>A visit's protocols with the template versions they were filled against.</summary>
internal sealed record VisitProtocols(IReadOnlyList<ProtocolEntity> Protocols, IReadOnlyDictionary<string, ProtocolTemplate> Templates, ProtocolTemplate Main);

/// <summary>
/// Assembles the report («справка по итогам методического дня») from the visit, its protocols, the report's own text
/// and the school's plan of targeted help. Pure: everything it needs is read before.
/// </summary>
internal static class VisitReportBuilder
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    public const string GridNote = "Отметки по шкале пункта. Если урок наблюдали двое или больше, показано среднее их отметок, а в скобках — отметка каждого наблюдателя. Пункты с отметкой в нижней половине шкалы отмечены как низкие.";

    public static ReportGrid Grid(VisitEntity visit, VisitProtocols data)
    {
        var items = GridItems(data.Main);
        var lessons = visit.LessonList;
        var cells = new Dictionary<string, IReadOnlyDictionary<string, GridCell>>(StringComparer.Ordinal);
        foreach (var (item, _) in items)
        {
            var row = new Dictionary<string, GridCell>(StringComparer.Ordinal);
            foreach (var lesson in lessons)
            {
                var marks = MarksOf(data, item.Id, data.Protocols.Where(p => p.LessonId == lesson.Id));
                if (marks.Count > 0)
                {
                    row[lesson.Id!] = Cell(marks, data.Main.ScaleOf(item.Id)!);
                }
            }

            cells[item.Id] = row;
        }

        return new ReportGrid(data.Main.Version, data.Main.Title, GridNote,
            [.. items.Select(x => new GridItem(x.Item.Id, x.Section, x.Item.Text, Max(data.Main.ScaleOf(x.Item.Id)!).ToString(CultureInfo.InvariantCulture)))],
            [.. lessons.Select(l => new GridColumn(l.Id!, l.TeacherName, l.Subject, l.Grade))],
            cells);
    }

    public static List<ProtocolLine> Lines(VisitEntity visit, IReadOnlyList<ProtocolEntity> protocols, Func<ProtocolContent, string> text)
    {
        var lessons = visit.LessonList;
        var names = visit.TeamList.ToDictionary(t => t.PersonId, t => t.Name);
        return [.. protocols
            .Select(p => (p, Lesson: lessons.FirstOrDefault(l => l.Id == p.LessonId), Text: text(ProtocolViews.ContentOf(p)).Trim()))
            .Where(x => x.Lesson is not null && x.Text.Length > 0)
            .OrderBy(x => Order(lessons, x.p.LessonId)).ThenBy(x => names.GetValueOrDefault(x.p.ObserverId, x.p.ObserverName), StringComparer.Ordinal)
            .Select(x => new ProtocolLine(x.p.LessonId, x.Lesson!.TeacherName, names.GetValueOrDefault(x.p.ObserverId, x.p.ObserverName), x.Text))];
    }

    public static List<Finding> Findings(VisitEntity visit, VisitProtocols data, ReportGrid grid, ReportText text, IReadOnlyList<HelpItemEntity> helpItems)
    {
        var made = helpItems.Where(i => i.SourceVisitId == visit.VisitId && i.SourceFindingId is not null)
            .GroupBy(i => i.SourceFindingId!).ToDictionary(g => g.Key, g => Ref(g.First()), StringComparer.Ordinal);
        var lessons = visit.LessonList;
        var names = visit.TeamList.ToDictionary(t => t.PersonId, t => t.Name);
        var list = new List<Finding>();
        foreach (var lesson in lessons)
        {
            foreach (var item in grid.Items)
            {
                if (grid.Cells.GetValueOrDefault(item.Id)?.GetValueOrDefault(lesson.Id!) is { Low: true } cell)
                {
                    var id = $"mark.{lesson.Id}.{item.Id}";
                    list.Add(new Finding(id, "mark", "низкая отметка",
                        $"{lesson.TeacherName} ({lesson.Subject}, {lesson.Grade}): «{item.Text}» — {cell.Value} из {item.Max}",
                        lesson.Id, lesson.TeacherId, lesson.TeacherName, item.Id,
                        Shorten($"Методическая помощь педагогу {lesson.TeacherName}: «{item.Text}»", 1000), made.GetValueOrDefault(id)));
                }
            }

            foreach (var p in data.Protocols.Where(p => p.LessonId == lesson.Id).OrderBy(p => p.ObserverId, StringComparer.Ordinal))
            {
                var problems = ProtocolViews.ContentOf(p).Problems.Trim();
                if (problems.Length == 0)
                {
                    continue;
                }

                var id = $"problem.{lesson.Id}.{p.ObserverId}";
                list.Add(new Finding(id, "problem", $"проблемы по протоколу ({names.GetValueOrDefault(p.ObserverId, p.ObserverName)})",
                    $"{lesson.TeacherName} ({lesson.Subject}, {lesson.Grade}): {problems}", lesson.Id, lesson.TeacherId, lesson.TeacherName, null,
                    Shorten($"Помощь педагогу {lesson.TeacherName}: {problems}", 1000), made.GetValueOrDefault(id)));
            }
        }

        foreach (var line in text.Recommendations)
        {
            var id = $"rec.{line.Id}";
            list.Add(new Finding(id, "recommendation", "рекомендация справки", line.Text, null, null, null, null, Shorten(line.Text, 1000), made.GetValueOrDefault(id)));
        }

        return list;
    }

    /// <summary>Per teacher and item: the mean mark at the first visit and now, and what changed.</summary>
    public static RepeatComparison Compare(VisitEntity first, VisitProtocols before, VisitEntity now, VisitProtocols after, IReadOnlyList<HelpItemEntity> helpItems)
    {
        var teachers = first.LessonList.Concat(now.LessonList).GroupBy(l => l.TeacherId)
            .Select(g => (Id: g.Key, Name: g.Last().TeacherName)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var rows = new List<ComparisonRow>();
        foreach (var (teacherId, teacherName) in teachers)
        {
            var beforeLessons = first.LessonList.Where(l => l.TeacherId == teacherId).Select(l => l.Id).ToHashSet();
            var nowLessons = now.LessonList.Where(l => l.TeacherId == teacherId).Select(l => l.Id).ToHashSet();
            foreach (var (item, _) in GridItems(after.Main))
            {
                var b = MarksOf(before, item.Id, before.Protocols.Where(p => beforeLessons.Contains(p.LessonId)));
                var a = MarksOf(after, item.Id, after.Protocols.Where(p => nowLessons.Contains(p.LessonId)));
                if (b.Count == 0 && a.Count == 0)
                {
                    continue;
                }

                var (change, label) = (b.Count, a.Count) switch
                {
                    (0, _) => ("new", "в первый раз не оценивалось"),
                    (_, 0) => ("gone", "сейчас не оценивалось"),
                    _ when a.Average() > b.Average() + 0.001 => ("better", "выше"),
                    _ when a.Average() < b.Average() - 0.001 => ("worse", "ниже"),
                    _ => ("same", "без изменений"),
                };
                rows.Add(new ComparisonRow(teacherId, teacherName, item.Id, item.Text, b.Count == 0 ? null : Mean(b), a.Count == 0 ? null : Mean(a), change, label));
            }
        }

        var help = helpItems.Where(i => i.SourceVisitId == first.VisitId).OrderBy(i => i.DueDate, StringComparer.Ordinal).Select(Ref).ToList();
        return new RepeatComparison(first.VisitId, first.Date, rows, help);
    }

    public static HelpItemRef Ref(HelpItemEntity i) => new(i.ItemId, i.Action, i.DueDate, i.Status, HelpPlanRules.Label(i.Status), i.SourceFindingId);

    /// <summary>The plan item a finding becomes has an id made from the visit and the finding: the same finding twice is one item.</summary>
    public static string HelpItemId(string visitId, string findingId) =>
        "vf-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{visitId}|{findingId}")))[..24];

    public static string Shorten(string text, int max)
    {
        var one = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return one.Length <= max ? one : one[..(max - 1)].TrimEnd() + "…";
    }

    private static List<(ProtocolItem Item, string Section)> GridItems(ProtocolTemplate template) =>
        [.. template.Sections.SelectMany(s => s.Items.Select(i => (Item: i, Section: s.Title)))
            .Where(x => template.ScaleOf(x.Item.Id) is { } scale && ValuesOf(scale).Count > 0)];

    /// <summary>A published version's scale may come without its list of marks (a note-only scale): read as none.</summary>
    private static IReadOnlyList<ProtocolScaleValue> ValuesOf(ProtocolScale scale) => scale.Values ?? [];

    /// <summary>The marks of an item in these protocols, where the protocol's version puts it on the same scale as the main version.</summary>
    private static List<int> MarksOf(VisitProtocols data, string itemId, IEnumerable<ProtocolEntity> protocols)
    {
        var scale = data.Main.ScaleOf(itemId);
        var list = new List<int>();
        foreach (var p in protocols.OrderBy(p => p.ObserverId, StringComparer.Ordinal))
        {
            var template = data.Templates.GetValueOrDefault(p.TemplateVersion) ?? data.Main;
            if (template.ScaleOf(itemId)?.Id != scale?.Id)
            {
                continue;
            }

            if (ProtocolViews.ContentOf(p).Marks.TryGetValue(itemId, out var mark) && int.TryParse(mark, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                list.Add(n);
            }
        }

        return list;
    }

    private static GridCell Cell(List<int> marks, ProtocolScale scale)
    {
        var values = ValuesOf(scale).Select(v => int.Parse(v.Value, CultureInfo.InvariantCulture)).ToList();
        var middle = (values.Min() + values.Max()) / 2.0;
        return new GridCell(Mean(marks), [.. marks.Select(m => m.ToString(CultureInfo.InvariantCulture))], marks.Average() < middle);
    }

    private static int Max(ProtocolScale scale) => ValuesOf(scale).Max(v => int.Parse(v.Value, CultureInfo.InvariantCulture));

    private static string Mean(List<int> marks) => Math.Round(marks.Average(), 1, MidpointRounding.AwayFromZero).ToString("0.#", Ru);

    private static int Order(IReadOnlyList<Lesson> lessons, string lessonId)
    {
        for (var i = 0; i < lessons.Count; i++)
        {
            if (lessons[i].Id == lessonId)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
