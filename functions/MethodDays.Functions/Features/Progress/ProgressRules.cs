using System.Globalization;
using System.Text.RegularExpressions;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Progress;

/// <summary>
/// Checks a progress sheet from the page and normalises it (trimmed text, canonical dates, request ids). Error keys
/// are the fields a form highlights: <c>days[0].date</c>, <c>teachers[2].stage</c>, <c>requests[1].text</c>.
/// </summary>
public static partial class ProgressRules
{
    public const string OtherForm = "other";

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>
    /// What the checks need besides the input: the month, today in the municipality, the school's teachers; the bank's
    /// accepted practices (id → title) and the published topics of the month's weeks (week → title), read only when
    /// the input links to one.
    /// </summary>
    public sealed record Context(
        YearMonth Month, DateOnly Today, IReadOnlyList<Member> SchoolTeachers,
        IReadOnlyDictionary<string, string>? Practices = null, IReadOnlyDictionary<string, string>? Topics = null);

    public static (ProgressTemplate? Template, ProgressContent Content) Check(
        ProgressTemplates templates, ProgressInput input, Context context, bool requireComplete, FieldErrors errors)
    {
        var template = input.TemplateVersion is null ? templates.Current : templates.Find(input.TemplateVersion);
        if (template is null)
        {
            var known = string.Join(", ", templates.All.Select(t => t.Version));
            errors.Add("templateVersion", $"Версии листа продвижения «{Shorten(input.TemplateVersion!)}» нет. Доступные версии: {known}.");
            return (null, ProgressContent.Empty);
        }

        var limits = template.Limits;
        var days = CheckDays(template, input.Days, context, requireComplete, errors);
        var noDays = input.NoDays ?? false;
        var reason = Text(input.NoDaysReason, "noDaysReason", limits.NoDaysReason, "Причина", errors);
        if (noDays && days.Count > 0)
        {
            errors.Add("noDays", "Отмечено, что ЕМД в этом месяце не проводился, но указаны проведённые ЕМД. Снимите отметку или удалите даты.");
        }

        if (requireComplete && days.Count == 0 && !noDays)
        {
            errors.Add("days", "Укажите хотя бы один проведённый ЕМД или отметьте, что в этом месяце ЕМД не проводился, и назовите причину.");
        }

        if (requireComplete && noDays && reason is null)
        {
            errors.Add("noDaysReason", "Укажите, почему ЕМД в этом месяце не проводился.");
        }

        var decisions = new List<string>();
        if (Over(input.Decisions, "decisions", limits.Decisions, "управленческих решений", errors))
        {
            for (var i = 0; i < input.Decisions!.Count; i++)
            {
                var text = Text(input.Decisions[i], $"decisions[{i}]", limits.Decision, "Решение", errors);
                if (text is null && requireComplete)
                {
                    errors.Add($"decisions[{i}]", "Пустое решение: впишите текст или удалите строку.");
                }

                decisions.Add(text ?? "");
            }
        }

        var difficulties = Text(input.Difficulties, "difficulties", limits.Difficulties, "Затруднения", errors);
        var requests = CheckRequests(template, input.Requests, requireComplete, errors);
        var teachers = CheckTeachers(template, input.Teachers, context, requireComplete, errors);
        return (template, new ProgressContent(days, noDays, reason, decisions, difficulties, requests, teachers));
    }

    /// <summary>A typed-in teacher's name compared across rows and months: case, spaces and ё ignored.</summary>
    public static string NameKey(string name) =>
        "name:" + string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLower(Russian).Replace('ё', 'е');

    public static string TeacherKey(TeacherProgress t) => t.PersonId ?? NameKey(t.Name ?? "");

    /// <summary>A list within its limit; over it, one error on the list and no item-by-item checks.</summary>
    private static bool Over<T>(IReadOnlyList<T>? list, string field, int max, string what, FieldErrors errors)
    {
        if (list is null || list.Count == 0)
        {
            return false;
        }

        if (list.Count > max)
        {
            errors.Add(field, $"Слишком много {what}: {list.Count}, допускается не больше {max}.");
            return false;
        }

        return true;
    }

    /// <summary>Trimmed text within its length, or null when empty.</summary>
    private static string? Text(string? value, string field, int max, string label, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(field, $"{label}: не больше {max} символов (сейчас {text.Length}).");
            return text[..max];
        }

        return text;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex RequestId();
}
