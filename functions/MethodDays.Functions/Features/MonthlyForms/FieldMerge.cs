using System.Text.Json.Nodes;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.MonthlyForms;

/// <summary>
/// One field of a sheet changed by two people from the same starting point to different values: the answer the
/// writer sent (<c>yours</c>), the one stored now (<c>theirs</c>) and who stored it. A field's key is the top-level
/// name in the form's stored content: an indicator id on the self-assessment sheet, a section on the progress sheet.
/// </summary>
public sealed record FieldConflict(string Key, JsonNode? Yours, JsonNode? Theirs, Stamp? ChangedBy);

/// <summary>
/// The three-way merge of a form's content, field by field. A write names the fields it changed and the values it
/// started from (<c>base</c>); on a stale ETag, a field only the writer changed goes on top of what is stored, a
/// field the other person changed to the same value is already right, and a field both changed differently is a
/// conflict left to the writer. Fields the writer did not change keep what is stored: nobody's answers are lost.
/// </summary>
internal static class FieldMerge
{
    /// <summary>The fields of stored content: its top-level properties (absent and null are the same: no answer).</summary>
    public static JsonObject Fields(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    public static bool Same(JsonNode? a, JsonNode? b) =>
        (a is null || a.GetValueKind() == System.Text.Json.JsonValueKind.Null) && (b is null || b.GetValueKind() == System.Text.Json.JsonValueKind.Null)
        || JsonNode.DeepEquals(a, b);

    /// <summary>
    /// Merges <paramref name="mine"/> into <paramref name="current"/>. Without <paramref name="bases"/> the writer's
    /// starting point is unknown: every field that differs is a conflict.
    /// </summary>
    public static (JsonObject Merged, IReadOnlyList<(string Key, JsonNode? Yours, JsonNode? Theirs)> Conflicts) Merge(
        JsonObject current, JsonObject mine, IReadOnlyDictionary<string, JsonNode?>? bases)
    {
        var merged = (JsonObject)current.DeepClone();
        var conflicts = new List<(string, JsonNode?, JsonNode?)>();
        var keys = bases?.Keys ?? current.Select(p => p.Key).Union(mine.Select(p => p.Key), StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var yours = mine[key];
            var theirs = current[key];
            if (Same(yours, theirs))
            {
                continue;
            }

            if (bases is not null && Same(bases[key], theirs))
            {
                merged.Remove(key);
                if (yours is not null && yours.GetValueKind() != System.Text.Json.JsonValueKind.Null)
                {
                    merged[key] = yours.DeepClone();
                }

                continue;
            }

            conflicts.Add((key, yours?.DeepClone(), theirs?.DeepClone()));
        }

        return (merged, conflicts);
    }

    /// <summary>The keys whose value differs between two versions of the content.</summary>
    public static IEnumerable<string> Changed(JsonObject before, JsonObject after) =>
        before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal).Where(k => !Same(before[k], after[k]));
}

/// <summary>
/// Who last changed each field of a sheet and when, kept on the sheet row (<c>FieldStamps</c>) so a conflict can
/// name the person behind the other answer. Names are kept once per person.
/// </summary>
internal sealed class FieldStamps
{
    public Dictionary<string, string> Names { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, FieldStamp> Fields { get; set; } = new(StringComparer.Ordinal);

    public sealed record FieldStamp(string P, DateTimeOffset At);

    public static FieldStamps Read(string? json) => StoredJson.Read<FieldStamps>(json) ?? new();

    public string Write() => StoredJson.Write(this);

    public Stamp? Of(string key) =>
        Fields.TryGetValue(key, out var s) ? new Stamp(s.P, Names.GetValueOrDefault(s.P, ""), s.At) : null;

    public void Touch(IEnumerable<string> keys, string personId, string name, DateTimeOffset at)
    {
        var any = false;
        foreach (var key in keys)
        {
            Fields[key] = new FieldStamp(personId, at);
            any = true;
        }

        if (any)
        {
            Names[personId] = name;
        }

        // People no field points at any more are dropped.
        var used = Fields.Values.Select(f => f.P).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in Names.Keys.Where(p => !used.Contains(p)).ToList())
        {
            Names.Remove(gone);
        }
    }
}
