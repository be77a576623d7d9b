using MethodDays.Features.SelfAssessment;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>Checks a practice's data; error keys are the form's fields.</summary>
internal static class PracticeRules
{
    public static readonly IReadOnlyList<string> Subjects =
    [
        "Русский язык", "Литература", "Математика", "Алгебра", "Геометрия", "Информатика", "История", "Обществознание", "География",
        "Биология", "Химия", "Физика", "Иностранный язык", "Окружающий мир", "Литературное чтение", "Музыка", "Изобразительное искусство",
        "Технология", "Физическая культура", "ОБЖ", "Начальные классы", "Внеурочная деятельность", "Воспитательная работа",
        "Управление школой", "Другое",
    ];

    /// <summary>The checked values, ready to store.</summary>
    public sealed record Checked(string Title, string Description, string? TopicWeek, string? TopicTitle, string Subject, string Grades, PracticeKind Kind,
        string Authors, string Links, string Indicators, string SearchText, string Competences = "");

    public static async Task<Checked?> CheckAsync(PracticeInput input, string municipalityId, CycleStore cycle, SheetTemplates templates, FieldErrors errors, CancellationToken ct)
    {
        var title = Clean(input.Title);
        if (title.Length is < 3 or > 300)
        {
            errors.Add("title", "Название практики: от 3 до 300 символов.");
        }

        var description = Clean(input.Description, keepLines: true);
        if (description.Length is < 10 or > 10_000)
        {
            errors.Add("description", "Описание: от 10 до 10 000 символов — кратко, в чём практика и как её применить.");
        }

        string? topicWeek = null, topicTitle = null;
        if (!string.IsNullOrWhiteSpace(input.TopicWeek))
        {
            if (!WeekId.TryParse(input.TopicWeek.Trim(), out var week))
            {
                errors.Add("topicWeek", "Тема ЕМД указывается неделей, например 2026-W47.");
            }
            else
            {
                var topic = await cycle.GetTopicAsync(municipalityId, week, ct);
                if (topic?.PublishedAt is null)
                {
                    errors.Add("topicWeek", $"Темы ЕМД на неделю {week.RussianRange} нет: выберите тему из списка.");
                }
                else
                {
                    topicWeek = week.ToString();
                    topicTitle = topic.Title;
                }
            }
        }

        var subject = Clean(input.Subject);
        if (!Subjects.Contains(subject))
        {
            errors.Add("subject", "Выберите предмет из списка.");
        }

        var grades = (input.Grades ?? []).Distinct().Order().ToList();
        if (grades.Count == 0 || grades.Any(g => g is < 1 or > 11))
        {
            errors.Add("grades", "Укажите классы от 1 до 11 (хотя бы один).");
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "Выберите вид: сценарий урока, видеоурок, описание практики, мастер-класс или другое.");
            kind = PracticeKind.Other;
        }

        var authors = (input.Authors ?? []).Select(a => Clean(a)).Where(a => a.Length > 0).Distinct().ToList();
        if (authors.Count is 0 or > 10 || authors.Any(a => a.Length > 150))
        {
            errors.Add("authors", "Укажите от 1 до 10 авторов (ФИО, до 150 символов каждое).");
        }

        var links = input.Links ?? [];
        if (links.Count > 10)
        {
            errors.Add("links", "Не больше 10 ссылок.");
        }

        for (var i = 0; i < links.Count && i < 10; i++)
        {
            if (links[i] is null)
            {
                errors.Add($"links[{i}]", "Пустая ссылка: заполните её или уберите.");
                continue;
            }

            if (!Uri.TryCreate(links[i].Url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            {
                errors.Add($"links[{i}].url", "Нужна полная ссылка, начинающаяся с https:// (например, на видеохостинг).");
            }

            if (Clean(links[i].Title).Length is < 1 or > 200)
            {
                errors.Add($"links[{i}].title", "Подпись ссылки: от 1 до 200 символов.");
            }
        }

        var indicators = (input.Indicators ?? []).Select(i => i ?? "").Distinct().ToList();
        if (indicators.Count > 70)
        {
            errors.Add("indicators", "Показателей не может быть больше, чем в листе (70).");
        }

        foreach (var id in indicators.Where(i => !templates.Current.ById.ContainsKey(i)).Take(5))
        {
            errors.Add("indicators", $"Показателя «{(id.Length > 20 ? id[..20] : id)}» нет в листе оценки результативности.");
        }

        var competences = input.Competences ?? [];
        if (competences.Count > Diagnostics.Competences.All.Count * 2)
        {
            errors.Add("competences", "Компетенций всего пять: отметьте те, что развивает практика.");
        }

        for (var i = 0; i < competences.Count && i < 10; i++)
        {
            if (Diagnostics.Competences.ByCode(competences[i]) is null)
            {
                var code = competences[i] ?? "";
                errors.Add($"competences.{i}", $"Компетенции «{(code.Length > 30 ? code[..30] : code)}» нет: выберите из списка — {string.Join(", ", Diagnostics.Competences.All.Select(c => c.Label))}.");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        return new Checked(
            title, description, topicWeek, topicTitle, subject, string.Join(',', grades), kind,
            StoredJson.Write(authors),
            StoredJson.Write(links.Select(l => new PracticeLink(Clean(l!.Title), l.Url!.Trim()))),
            string.Join(',', indicators),
            PracticeViews.Normalize($"{title} {description} {string.Join(' ', authors)}"),
            string.Join(',', Diagnostics.Competences.All.Select(c => c.Code).Where(competences.Contains)));
    }

    public static void Apply(Checked c, PracticeEntity p)
    {
        p.Title = c.Title;
        p.Description = c.Description;
        p.TopicWeek = c.TopicWeek;
        p.TopicTitle = c.TopicTitle;
        p.Subject = c.Subject;
        p.Grades = c.Grades;
        p.Kind = c.Kind.ToString();
        p.Authors = c.Authors;
        p.Links = c.Links;
        p.Indicators = c.Indicators;
        p.SearchText = c.SearchText;
        p.Competences = c.Competences;
    }

    /// <summary>Text as typed, minus control characters (HTML is kept as text and shown as text, never run).</summary>
    private static string Clean(string? text, bool keepLines = false) =>
        new string((text ?? "").Where(ch => !char.IsControl(ch) || (keepLines && ch is '\n' or '\t')).ToArray()).Trim();
}
