using System.Globalization;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// The clusters of a template, read from its <c>clusters[].minPercent</c> — the one source of the thresholds for the
/// score, the score card, the Excel file and every text that states them. Seed 003 appendix 1 prints point ranges
/// that overlap ("105–140 (выше 75 %)", "70–97 (50–74 %)"); the percentages do not, and MethodDays follows them
/// over the applicable maximum.
/// </summary>
public static class ClusterThresholds
{
    /// <summary>The cluster of a score, comparing exact fractions: 105 of 140 is exactly 75 % and in the cluster from 75 %.</summary>
    public static Cluster? ClusterOf(SheetTemplate template, int score, int max)
    {
        if (max <= 0)
        {
            return null;
        }

        foreach (var definition in Descending(template))
        {
            if ((long)score * 100 >= (long)definition.MinPercent * max && Parse(definition.Id) is { } cluster)
            {
                return cluster;
            }
        }

        return null;
    }

    /// <summary>
    /// The thresholds in words, highest cluster first, e.g. «высокий — 75 % и выше», «средний — от 50 % до 75 %
    /// (не включая 75 %)», «низкий — ниже 50 %».
    /// </summary>
    public static IReadOnlyList<string> Lines(SheetTemplate template)
    {
        var clusters = Descending(template);
        var lines = new List<string>(clusters.Count);
        for (var i = 0; i < clusters.Count; i++)
        {
            var label = Label(clusters[i].Id);
            var from = Percent(clusters[i].MinPercent);
            var below = i == 0 ? null : Percent(clusters[i - 1].MinPercent);
            lines.Add((i, clusters[i].MinPercent) switch
            {
                (0, _) => $"{label} — {from} % и выше",
                (_, <= 0) => $"{label} — ниже {below} %",
                _ => $"{label} — от {from} % до {below} % (не включая {below} %)",
            });
        }

        return lines;
    }

    /// <summary>The short name of a cluster as the sheet, the summary and the Excel file show it.</summary>
    public static string Label(string clusterId) => clusterId switch
    {
        "high" => "высокий",
        "medium" => "средний",
        "low" => "низкий",
        _ => clusterId,
    };

    public static string Label(Cluster cluster) => Label(Id(cluster));

    public static string Id(Cluster cluster) => cluster.ToString().ToLowerInvariant();

    private static Cluster? Parse(string id) => Enum.TryParse<Cluster>(id, ignoreCase: true, out var c) ? c : null;

    private static IReadOnlyList<ClusterDefinition> Descending(SheetTemplate template) =>
        [.. template.Clusters.OrderByDescending(c => c.MinPercent)];

    private static string Percent(int value) => value.ToString(CultureInfo.InvariantCulture);
}
