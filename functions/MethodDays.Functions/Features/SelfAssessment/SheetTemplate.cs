using System.Text.Json;
using System.Text.Json.Serialization;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// The self-assessment sheet as a versioned template (seed 003, appendix 1): 4 areas, their criteria, 70 scored
/// indicators. Indicator texts carry school years, so each submitted sheet keeps the version it was filled against.
/// </summary>
public sealed record SheetTemplate
{
    public required string Kind { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public required string Source { get; init; }
    public required string ScaleCaption { get; init; }
    public required IReadOnlyList<ScaleValue> Scale { get; init; }
    public required IReadOnlyList<ClusterDefinition> Clusters { get; init; }
    public required int MaxTotal { get; init; }
    public required IReadOnlyList<TemplateArea> Areas { get; init; }

    [JsonIgnore]
    public IReadOnlyList<TemplateItem> Indicators => _indicators ??= [.. Areas.SelectMany(a => a.Criteria).SelectMany(c => c.Items).Where(i => i.Scored)];

    [JsonIgnore]
    public IReadOnlyDictionary<string, TemplateItem> ById => _byId ??= Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);

    /// <summary>Area of each scored indicator.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> AreaOf => _areaOf ??= Areas
        .SelectMany(a => a.Criteria.SelectMany(c => c.Items).Where(i => i.Scored).Select(i => (i.Id, a.Id)))
        .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    private IReadOnlyList<TemplateItem>? _indicators;
    private IReadOnlyDictionary<string, TemplateItem>? _byId;
    private IReadOnlyDictionary<string, string>? _areaOf;
}

public sealed record ScaleValue(string Value, string Label);

public sealed record ClusterDefinition(string Id, string Title, int MinPercent, string SeedText);

public sealed record TemplateArea(string Id, string Title, int Max, IReadOnlyList<TemplateCriterion> Criteria);

public sealed record TemplateCriterion(string Id, string Title, IReadOnlyList<TemplateItem> Items);

/// <summary>A line of the sheet. Unscored lines are headings (the ВПР line); <c>Parent</c> ties subject lines to it.</summary>
public sealed record TemplateItem
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public bool Scored { get; init; } = true;
    public string? Parent { get; init; }

    /// <summary>Concerns grades 10–11 (not applicable to an ООШ by default).</summary>
    public bool SeniorGradesOnly { get; init; }
}

/// <summary>The templates shipped in Templates/self-assessment/*.json, loaded once.</summary>
public sealed class SheetTemplates
{
    private readonly Dictionary<string, SheetTemplate> _byVersion;

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Templates", "self-assessment");

    public SheetTemplates(string folder)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        _byVersion = Directory.EnumerateFiles(folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<SheetTemplate>(File.ReadAllText(f), options)!)
            .ToDictionary(t => t.Version, StringComparer.Ordinal);
        if (_byVersion.Count == 0)
        {
            throw new InvalidOperationException($"No self-assessment templates in {folder}.");
        }

        foreach (var t in _byVersion.Values)
        {
            Check(t);
        }

        Current = _byVersion.Values.OrderBy(t => t.Version, StringComparer.Ordinal).Last();
    }

    /// <summary>The version new sheets are filled against.</summary>
    public SheetTemplate Current { get; }

    public IReadOnlyCollection<SheetTemplate> All => _byVersion.Values;

    public SheetTemplate? Find(string? version) => version is null ? null : _byVersion.GetValueOrDefault(version);

    // A template must add up as the seed's sheet does: each area's max is twice its indicators, the total their sum.
    private static void Check(SheetTemplate t)
    {
        foreach (var area in t.Areas)
        {
            var count = area.Criteria.SelectMany(c => c.Items).Count(i => i.Scored);
            if (count * 2 != area.Max)
            {
                throw new InvalidOperationException($"Template {t.Version}: area {area.Id} has {count} indicators but max {area.Max}.");
            }
        }

        if (t.Areas.Sum(a => a.Max) != t.MaxTotal || t.Indicators.Select(i => i.Id).Distinct().Count() != t.Indicators.Count)
        {
            throw new InvalidOperationException($"Template {t.Version}: totals or indicator ids are inconsistent.");
        }
    }
}
