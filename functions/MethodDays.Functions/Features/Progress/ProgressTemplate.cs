using System.Text.Json;
using System.Text.Json.Serialization;

namespace MethodDays.Features.Progress;

/// <summary>
/// The progress sheet (Лист продвижения, seed 001 §2.16) as a versioned template. The seed names the sheet but not
/// its fields; the fields are our design (DOMAIN.md §2b), described in Russian for the page, with the limits the
/// server checks. Each submitted sheet keeps the version it was filled against.
/// </summary>
public sealed record ProgressTemplate
{
    public required string Kind { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public required string Source { get; init; }
    public required string Note { get; init; }
    public required IReadOnlyList<ProgressSection> Sections { get; init; }

    /// <summary>Forms of a methodical day; <c>other</c> asks for the form in words.</summary>
    public required IReadOnlyList<ProgressChoice> Forms { get; init; }

    /// <summary>Stages of a teacher's work on the practice, in order: studying → trying → using → sharing.</summary>
    public required IReadOnlyList<ProgressChoice> Stages { get; init; }

    /// <summary>The limits the checks apply, read from the field descriptions (so they change with the version).</summary>
    [JsonIgnore]
    public ProgressLimits Limits => _limits ??= ProgressLimits.From(this);

    /// <summary>Position of a stage (0 = studying), to tell a teacher's movement between months.</summary>
    public int StageOrder(string? stage)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i].Id == stage)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A field by its path in the sheet: <c>days.sharePercent</c>, <c>teachers.stage</c>.</summary>
    public ProgressField Field(string path)
    {
        IReadOnlyList<ProgressField> level = [.. Sections.SelectMany(s => s.Fields)];
        ProgressField? found = null;
        foreach (var part in path.Split('.'))
        {
            found = level.FirstOrDefault(f => f.Id == part)
                ?? throw new InvalidOperationException($"Progress template {Version} has no field '{path}'.");
            level = found.Fields ?? [];
        }

        return found!;
    }

    private ProgressLimits? _limits;
}

public sealed record ProgressSection(string Id, string Title, IReadOnlyList<ProgressField> Fields);

/// <summary>
/// A field of the sheet for the page to render: <c>type</c> is list, textList, text, date, choice (from
/// <c>choices</c>: forms or stages), percent, flag or member (a person of <c>role</c> at the school).
/// </summary>
public sealed record ProgressField
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required string Type { get; init; }
    public bool Required { get; init; }
    public string? Hint { get; init; }
    public int? MaxLength { get; init; }
    public int? MaxItems { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public string? Choices { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<ProgressField>? Fields { get; init; }
}

public sealed record ProgressChoice(string Id, string Label);

/// <summary>The template's limits as numbers the checks use; a template lacking one fails at start.</summary>
public sealed record ProgressLimits(
    int Days, int FormOther, int DayTopic, double ShareMin, double ShareMax, int NoDaysReason,
    int Decisions, int Decision, int Difficulties, int Requests, int RequestTopic, int RequestText,
    int Teachers, int TeacherName, int Practice, int Help)
{
    public static ProgressLimits From(ProgressTemplate t) => new(
        Items(t, "days"), Length(t, "days.formOther"), Length(t, "days.topic"),
        t.Field("days.sharePercent").Min ?? 0, t.Field("days.sharePercent").Max ?? 100, Length(t, "noDaysReason"),
        Items(t, "decisions"), Length(t, "decisions"), Length(t, "difficulties"),
        Items(t, "requests"), Length(t, "requests.topic"), Length(t, "requests.text"),
        Items(t, "teachers"), Length(t, "teachers.name"), Length(t, "teachers.practice"), Length(t, "teachers.help"));

    private static int Items(ProgressTemplate t, string path) =>
        t.Field(path).MaxItems ?? throw new InvalidOperationException($"Progress template {t.Version}: {path} needs maxItems.");

    private static int Length(ProgressTemplate t, string path) =>
        t.Field(path).MaxLength ?? throw new InvalidOperationException($"Progress template {t.Version}: {path} needs maxLength.");
}

/// <summary>The templates shipped in Templates/progress/*.json, loaded and checked once.</summary>
public sealed class ProgressTemplates
{
    /// <summary>The four stages the summary's chart and the comparison rely on (seed 001 §2.14: a practice for the year).</summary>
    private static readonly string[] KnownStages = ["studying", "trying", "using", "sharing"];

    private readonly Dictionary<string, ProgressTemplate> _byVersion;

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Templates", "progress");

    public ProgressTemplates(string folder)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        _byVersion = Directory.EnumerateFiles(folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<ProgressTemplate>(File.ReadAllText(f), options)!)
            .ToDictionary(t => t.Version, StringComparer.Ordinal);
        if (_byVersion.Count == 0)
        {
            throw new InvalidOperationException($"No progress templates in {folder}.");
        }

        foreach (var t in _byVersion.Values)
        {
            Check(t);
        }

        Current = _byVersion.Values.OrderBy(t => t.Version, StringComparer.Ordinal).Last();
    }

    /// <summary>The version new sheets are filled against.</summary>
    public ProgressTemplate Current { get; }

    public IReadOnlyCollection<ProgressTemplate> All => _byVersion.Values;

    public ProgressTemplate? Find(string? version) => version is null ? null : _byVersion.GetValueOrDefault(version);

    // The code reads these fields and choices by id: a template without them must not ship.
    private static void Check(ProgressTemplate t)
    {
        _ = t.Limits;
        if (!t.Stages.Select(s => s.Id).SequenceEqual(KnownStages))
        {
            throw new InvalidOperationException($"Progress template {t.Version}: stages must be {string.Join(", ", KnownStages)}.");
        }

        if (t.Forms.All(f => f.Id != ProgressRules.OtherForm) || t.Forms.Select(f => f.Id).Distinct().Count() != t.Forms.Count)
        {
            throw new InvalidOperationException($"Progress template {t.Version}: forms need unique ids and an '{ProgressRules.OtherForm}' choice.");
        }
    }
}
