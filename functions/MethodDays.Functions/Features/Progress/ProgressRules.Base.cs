using System.Text.Json;
using System.Text.Json.Nodes;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Progress;

public static partial class ProgressRules
{
    /// <summary>The parts of a progress sheet a merge keeps apart: each is one field of the stored content.</summary>
    private static readonly Dictionary<string, Type> Parts = new(StringComparer.Ordinal)
    {
        ["days"] = typeof(List<MethodicalDay>),
        ["noDays"] = typeof(bool),
        ["noDaysReason"] = typeof(string),
        ["decisions"] = typeof(List<string>),
        ["difficulties"] = typeof(string),
        ["requests"] = typeof(List<HelpRequest>),
        ["teachers"] = typeof(List<TeacherProgress>),
    };

    /// <summary>
    /// The parts the page changed as it loaded them (<c>base.teachers</c>), written the way the sheet stores them so
    /// they compare with what is stored; null when the page sent none.
    /// </summary>
    public static Dictionary<string, JsonNode?>? CheckBase(ProgressInput input, FieldErrors errors)
    {
        if (input.Base is null)
        {
            return null;
        }

        var bases = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, element) in input.Base)
        {
            if (!Parts.TryGetValue(key, out var type))
            {
                errors.Add($"base.{(key.Length > 40 ? key[..40] + "…" : key)}", $"В листе продвижения нет части «{(key.Length > 40 ? key[..40] + "…" : key)}». Части: {string.Join(", ", Parts.Keys)}.");
                continue;
            }

            try
            {
                var value = element.ValueKind == JsonValueKind.Null ? null : JsonSerializer.Deserialize(element, type, ProgressJson.Options);
                bases[key] = value is null ? null : JsonNode.Parse(ProgressJson.Write(value));
            }
            catch (JsonException)
            {
                errors.Add($"base.{key}", "Исходное значение этой части листа записано не так, как лист его отдаёт.");
            }
        }

        return bases;
    }
}
