using System.Text.Json.Nodes;
using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.Observations;

/// <summary>
/// The three-way merge of two saves of one protocol (the observer's phone offline and their laptop), on the shared
/// form core's <see cref="FieldMerge"/>: a field is a mark (<c>marks.{item}</c>) or an analysis text; notes are a
/// set, joined by their ids, so a note written on either device is never lost.
/// </summary>
internal static class ProtocolMerge
{
    private static readonly string[] AnalysisFields = ["strengths", "problems", "recommendations"];

    public static JsonObject Fields(ProtocolContent c)
    {
        var o = new JsonObject();
        foreach (var (k, v) in c.Marks)
        {
            o[$"marks.{k}"] = v;
        }

        o["strengths"] = c.Strengths;
        o["problems"] = c.Problems;
        o["recommendations"] = c.Recommendations;
        return o;
    }

    /// <summary>
    /// Merges <paramref name="mine"/> (started from <paramref name="bases"/>; null when unknown: every difference is
    /// a conflict) into <paramref name="current"/>.
    /// </summary>
    public static (ProtocolContent Merged, IReadOnlyList<FieldConflict> Conflicts) Merge(ProtocolContent current, ProtocolContent mine, ProtocolBase? bases)
    {
        var theirs = Fields(current);
        var yours = Fields(mine);
        Dictionary<string, JsonNode?>? start = null;
        if (bases is not null)
        {
            var b = Fields(new ProtocolContent(
                (bases.Marks ?? []).Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal),
                [], bases.Strengths?.Trim() ?? "", bases.Problems?.Trim() ?? "", bases.Recommendations?.Trim() ?? ""));
            // The fields the writer changed from where they started (FieldMerge's bases): the rest keep what is stored.
            start = theirs.Select(p => p.Key).Union(yours.Select(p => p.Key)).Union(b.Select(p => p.Key))
                .Distinct(StringComparer.Ordinal).Where(k => !FieldMerge.Same(yours[k], b[k]))
                .ToDictionary(k => k, k => b[k]?.DeepClone(), StringComparer.Ordinal);
        }

        var (merged, conflicts) = FieldMerge.Merge(theirs, yours, start);
        var marks = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in merged)
        {
            if (k.StartsWith("marks.", StringComparison.Ordinal) && v?.GetValue<string>() is { Length: > 0 } value)
            {
                marks[k["marks.".Length..]] = value;
            }
        }

        var notes = mine.Notes.Concat(current.Notes.Where(n => mine.Notes.All(m => m.Id != n.Id)))
            .OrderBy(n => n.At).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        string Text(string key) => merged[key]?.GetValue<string>() ?? "";
        var result = new ProtocolContent(marks, notes, Text(AnalysisFields[0]), Text(AnalysisFields[1]), Text(AnalysisFields[2]));
        return (result, [.. conflicts.Select(c => new FieldConflict(c.Key, c.Yours, c.Theirs, null))]);
    }

    public static bool Same(ProtocolContent a, ProtocolContent b) =>
        JsonNode.DeepEquals(Fields(a), Fields(b))
        && a.Notes.Count == b.Notes.Count && a.Notes.Zip(b.Notes).All(p => p.First == p.Second);
}

/// <summary>How far observers of one lesson agree, pair by pair (see <see cref="AgreementView"/>).</summary>
internal static class Agreement
{
    public static IReadOnlyList<AgreementView> Pairs(IReadOnlyList<(ProtocolEntity Protocol, ProtocolContent Content, ProtocolTemplate? Template)> protocols)
    {
        var pairs = new List<AgreementView>();
        for (var i = 0; i < protocols.Count; i++)
        {
            for (var j = i + 1; j < protocols.Count; j++)
            {
                pairs.Add(Of(protocols[i], protocols[j]));
            }
        }

        return pairs;
    }

    private static AgreementView Of(
        (ProtocolEntity Protocol, ProtocolContent Content, ProtocolTemplate? Template) a,
        (ProtocolEntity Protocol, ProtocolContent Content, ProtocolTemplate? Template) b)
    {
        int compared = 0, equal = 0, within = 0;
        foreach (var (item, markA) in a.Content.Marks)
        {
            // Only items both marked on the same scale: a changed item between versions is not compared.
            if (!b.Content.Marks.TryGetValue(item, out var markB)
                || a.Template?.ScaleOf(item) is not { NoteOnly: false } scaleA
                || b.Template?.ScaleOf(item) is not { } scaleB || scaleA.Id != scaleB.Id
                || !int.TryParse(markA, out var x) || !int.TryParse(markB, out var y))
            {
                continue;
            }

            compared++;
            equal += x == y ? 1 : 0;
            within += Math.Abs(x - y) <= 1 ? 1 : 0;
        }

        return new AgreementView(a.Protocol.ObserverId, a.Protocol.ObserverName, b.Protocol.ObserverId, b.Protocol.ObserverName,
            compared, equal, within, compared == 0 ? 0 : equal * 100 / compared, compared == 0 ? 0 : within * 100 / compared);
    }
}
