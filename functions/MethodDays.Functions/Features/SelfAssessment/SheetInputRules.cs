using System.Text.Json;
using System.Text.Json.Nodes;
using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.SelfAssessment;

/// <summary>Checks a sheet from the page; error keys are the fields a form highlights (<c>values.1.1.1</c>).</summary>
public static class SheetInputRules
{
    private const int MaxEntries = 200;

    public static (SheetTemplate? Template, Dictionary<string, string> Values) Check(
        SheetTemplates templates, SheetInput input, bool requireComplete, FieldErrors errors)
    {
        var template = input.TemplateVersion is null ? templates.Current : templates.Find(input.TemplateVersion);
        if (template is null)
        {
            var known = string.Join(", ", templates.All.Select(t => t.Version));
            errors.Add("templateVersion", $"Версии листа «{input.TemplateVersion}» нет. Доступные версии: {known}.");
            return (null, []);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = input.Values ?? [];
        if (raw.Count > MaxEntries)
        {
            errors.Add("values", $"Слишком много показателей ({raw.Count}); в листе их {template.Indicators.Count}.");
            return (template, values);
        }

        foreach (var (id, element) in raw)
        {
            var field = $"values.{id}";
            if (!template.ById.ContainsKey(id))
            {
                errors.Add(field, $"В листе версии {template.Version} нет показателя «{Shorten(id)}».");
                continue;
            }

            var value = Normalise(element);
            if (value is null)
            {
                // null clears an answer in a draft.
                continue;
            }

            if (!Answer.Allowed.Contains(value))
            {
                errors.Add(field, "Допустимые значения: 2 (полностью да), 1 (частично да), 0 (нет) или «na» (не применимо).");
                continue;
            }

            values[id] = value;
        }

        if (requireComplete && !errors.Any)
        {
            var missing = template.Indicators.Where(i => !values.ContainsKey(i.Id)).ToList();
            foreach (var item in missing)
            {
                errors.Add($"values.{item.Id}", "Поставьте оценку: 2, 1, 0 или «не применимо».");
            }
        }

        return (template, values);
    }

    /// <summary>
    /// The answers the page started from for the indicators it changed (<c>base.1.1.1</c>), or null when the page
    /// sent none. An indicator with no answer at the start is null.
    /// </summary>
    public static Dictionary<string, JsonNode?>? CheckBase(SheetTemplate? template, SheetInput input, FieldErrors errors)
    {
        if (input.Base is null || template is null)
        {
            return null;
        }

        if (input.Base.Count > MaxEntries)
        {
            errors.Add("base", $"Слишком много показателей ({input.Base.Count}); в листе их {template.Indicators.Count}.");
            return null;
        }

        var bases = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (id, element) in input.Base)
        {
            var value = Normalise(element);
            if (!template.ById.ContainsKey(id))
            {
                errors.Add($"base.{id}", $"В листе версии {template.Version} нет показателя «{Shorten(id)}».");
            }
            else if (value is not null && !Answer.Allowed.Contains(value))
            {
                errors.Add($"base.{id}", "Исходный ответ: 2, 1, 0, «na» или null (не было ответа).");
            }
            else
            {
                bases[id] = value is null ? null : JsonValue.Create(value);
            }
        }

        return bases;
    }

    private static string? Normalise(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt32(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => element.GetString()!.Trim().ToLowerInvariant(),
        JsonValueKind.Null => null,
        _ => "?",
    };

    private static string Shorten(string id) => id.Length > 40 ? id[..40] + "…" : id;
}
