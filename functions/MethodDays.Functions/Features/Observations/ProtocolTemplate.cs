using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Observations;

/// <summary>
/// The lesson observation protocol as a versioned template. Seed 000 names lessons observed «с дальнейшим анализом и
/// самоанализом» but gives no protocol, scale or form (DOMAIN.md §4): the shipped version is MethodDays' default, and
/// a municipality publishes its own versions (old ones kept: every protocol keeps the version it was filled against).
/// </summary>
public sealed partial record ProtocolTemplate
{
    public string Kind { get; init; } = "observation";
    public string Version { get; init; } = "";
    public string Title { get; init; } = "";

    /// <summary>True for a version MethodDays ships: the page labels it as a default the municipality adapts.</summary>
    public bool IsDefault { get; init; }

    public string? Note { get; init; }
    public IReadOnlyList<ProtocolScale> Scales { get; init; } = [];
    public IReadOnlyList<ProtocolSection> Sections { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyDictionary<string, ProtocolItem> Items => _items ??= Sections.SelectMany(s => s.Items)
        .GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    [JsonIgnore]
    public IReadOnlyDictionary<string, ProtocolScale> ScaleById => _scales ??= Scales
        .GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private IReadOnlyDictionary<string, ProtocolItem>? _items;
    private IReadOnlyDictionary<string, ProtocolScale>? _scales;

    /// <summary>The scale of an item, or null when the item or its scale is unknown.</summary>
    public ProtocolScale? ScaleOf(string itemId) =>
        Items.TryGetValue(itemId, out var item) ? ScaleById.GetValueOrDefault(item.Scale) : null;

    /// <summary>
    /// Checks a template as the page and the agreement figure need it: ids unique, every item on a known scale,
    /// scale values whole numbers (the agreement counts marks within ±1), at least one section with items.
    /// Errors are keyed by the field's JSON path, so a coordinator publishing a version sees where it is wrong.
    /// </summary>
    public FieldErrors Check(FieldErrors? into = null)
    {
        var errors = into ?? new FieldErrors();
        if (Kind is not "observation")
        {
            errors.Add("kind", "Вид шаблона — только observation (протокол наблюдения урока).");
        }

        if (!VersionPattern().IsMatch(Version ?? ""))
        {
            errors.Add("version", "Версия: от 1 до 20 символов — цифры, латинские буквы, точка или дефис (например, 2026.2).");
        }

        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            errors.Add("title", "Укажите название протокола (до 200 символов).");
        }

        if (Note is { Length: > 2000 })
        {
            errors.Add("note", "Пояснение: не больше 2000 символов.");
        }

        // A body sent to the API may hold nulls anywhere: every list and element is read defensively.
        var scales = Scales ?? [];
        var scaleIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scales.Count; i++)
        {
            var scale = scales[i] ?? new ProtocolScale("", "", []);
            var scaleValues = scale.Values ?? [];
            if (!IdPattern().IsMatch(scale.Id ?? "") || !scaleIds.Add(scale.Id!))
            {
                errors.Add($"scales[{i}].id", "Код шкалы: латинские буквы, цифры, точка или дефис; коды шкал не повторяются.");
            }

            if (string.IsNullOrWhiteSpace(scale.Caption) || scale.Caption.Length > 200)
            {
                errors.Add($"scales[{i}].caption", "Подпишите шкалу (до 200 символов).");
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            for (var v = 0; v < scaleValues.Count; v++)
            {
                var value = scaleValues[v] ?? new ProtocolScaleValue("", "");
                if (!int.TryParse(value.Value, out var n) || n is < 0 or > 10 || n.ToString(System.Globalization.CultureInfo.InvariantCulture) != value.Value || !values.Add(value.Value))
                {
                    errors.Add($"scales[{i}].values[{v}].value", "Отметка шкалы — целое число от 0 до 10, без повторов.");
                }

                if (string.IsNullOrWhiteSpace(value.Label) || value.Label.Length > 100)
                {
                    errors.Add($"scales[{i}].values[{v}].label", "Подпишите отметку (до 100 символов).");
                }
            }

            if (scaleValues.Count == 1 || scaleValues.Count > 11)
            {
                errors.Add($"scales[{i}].values", "В шкале от 2 до 11 отметок (или ни одной — тогда пункт только для записи).");
            }
        }

        var sections = Sections ?? [];
        if (sections.Count == 0 || sections.Count > 30)
        {
            errors.Add("sections", "В протоколе от 1 до 30 разделов.");
        }

        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        var itemIds = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s] ?? new ProtocolSection("", "", []);
            var items = section.Items ?? [];
            if (!IdPattern().IsMatch(section.Id ?? "") || !sectionIds.Add(section.Id!))
            {
                errors.Add($"sections[{s}].id", "Код раздела: латинские буквы, цифры, точка или дефис; коды разделов не повторяются.");
            }

            if (string.IsNullOrWhiteSpace(section.Title) || section.Title.Length > 200)
            {
                errors.Add($"sections[{s}].title", "Укажите название раздела (до 200 символов).");
            }

            if (items.Count == 0 || items.Count > 40)
            {
                errors.Add($"sections[{s}].items", "В разделе от 1 до 40 пунктов.");
            }

            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i] ?? new ProtocolItem("", "", "");
                if (!IdPattern().IsMatch(item.Id ?? "") || !itemIds.Add(item.Id!))
                {
                    errors.Add($"sections[{s}].items[{i}].id", "Код пункта: латинские буквы, цифры, точка или дефис; коды пунктов не повторяются во всём протоколе.");
                }

                if (string.IsNullOrWhiteSpace(item.Text) || item.Text.Length > 500)
                {
                    errors.Add($"sections[{s}].items[{i}].text", "Укажите текст пункта (до 500 символов).");
                }

                if (item.Scale is null || !scaleIds.Contains(item.Scale))
                {
                    errors.Add($"sections[{s}].items[{i}].scale", "Пункт ссылается на шкалу, которой нет в протоколе.");
                }
            }
        }

        return errors;
    }

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.\\-]{0,19}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.\\-]{0,39}$")]
    private static partial Regex IdPattern();
}

/// <summary>A scale: its marks (whole numbers, best first), or none for an item that takes only a note.</summary>
public sealed record ProtocolScale(string Id, string Caption, IReadOnlyList<ProtocolScaleValue> Values)
{
    [JsonIgnore]
    public bool NoteOnly => Values.Count == 0;

    public bool Allows(string value) => Values.Any(v => v.Value == value);
}

public sealed record ProtocolScaleValue(string Value, string Label);

public sealed record ProtocolSection(string Id, string Title, IReadOnlyList<ProtocolItem> Items);

public sealed record ProtocolItem(string Id, string Text, string Scale);

/// <summary>The versions MethodDays ships in Templates/observation/*.json, loaded and checked once at start.</summary>
public sealed class ShippedProtocolTemplates
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Templates", "observation");

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ShippedProtocolTemplates(string folder)
    {
        var all = Directory.EnumerateFiles(folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<ProtocolTemplate>(File.ReadAllText(f), Json)! with { IsDefault = true })
            .ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"No observation protocol templates in {folder}.");
        }

        foreach (var t in all)
        {
            var errors = t.Check();
            if (errors.Any)
            {
                throw new InvalidOperationException($"Observation protocol template {t.Version} is invalid: {string.Join("; ", errors.ToProblem().ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}.");
            }
        }

        ByVersion = all.ToDictionary(t => t.Version, StringComparer.Ordinal);
        Current = all.OrderBy(t => t.Version, StringComparer.Ordinal).Last();
    }

    public IReadOnlyDictionary<string, ProtocolTemplate> ByVersion { get; }

    /// <summary>The default a municipality's protocols use until it publishes its own version.</summary>
    public ProtocolTemplate Current { get; }
}
