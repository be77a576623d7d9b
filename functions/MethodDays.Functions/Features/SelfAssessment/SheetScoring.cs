namespace MethodDays.Features.SelfAssessment;

/// <summary>An indicator's answer: 2 = fully yes, 1 = partly, 0 = no (seed 003), or not applicable (our design).</summary>
public static class Answer
{
    public const string NotApplicable = "na";

    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal) { "2", "1", "0", NotApplicable };

    public static int? Points(string value) => value switch
    {
        "2" => 2,
        "1" => 1,
        "0" => 0,
        _ => null,
    };
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Cluster>))]
public enum Cluster
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("low")]
    Low,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("medium")]
    Medium,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("high")]
    High,
}

public sealed record AreaScore(string Id, int Score, int ApplicableMax, int Max, double? Percent);

/// <summary>
/// A sheet's score. Percentages are over the applicable maximum (not-applicable lines leave it), the raw score
/// out of 140 is kept beside it. Clusters by percentage, with the thresholds of the template
/// (<see cref="ClusterThresholds"/>).
/// </summary>
public sealed record SheetScore(
    int Total,
    int ApplicableMax,
    int MaxTotal,
    double? Percent,
    Cluster? Cluster,
    int Answered,
    int NotApplicable,
    int IndicatorCount,
    IReadOnlyList<AreaScore> Areas)
{
    public bool Complete => Answered == IndicatorCount;
}

public static class SheetScoring
{
    public static SheetScore Score(SheetTemplate template, IReadOnlyDictionary<string, string> values)
    {
        var areas = new List<AreaScore>();
        int total = 0, applicableMax = 0, answered = 0, notApplicable = 0;
        foreach (var area in template.Areas)
        {
            int score = 0, max = 0;
            foreach (var item in area.Criteria.SelectMany(c => c.Items).Where(i => i.Scored))
            {
                if (!values.TryGetValue(item.Id, out var v))
                {
                    // Unanswered lines still count in the maximum: a partial draft shows its true standing.
                    max += 2;
                    continue;
                }

                answered++;
                if (v == Answer.NotApplicable)
                {
                    notApplicable++;
                    continue;
                }

                score += Answer.Points(v) ?? 0;
                max += 2;
            }

            areas.Add(new AreaScore(area.Id, score, max, area.Max, PercentOf(score, max)));
            total += score;
            applicableMax += max;
        }

        var percent = PercentOf(total, applicableMax);
        return new SheetScore(total, applicableMax, template.MaxTotal, percent, ClusterThresholds.ClusterOf(template, total, applicableMax), answered, notApplicable, template.Indicators.Count, areas);
    }

    public static double? PercentOf(int score, int max) => max <= 0 ? null : Math.Round(score * 100.0 / max, 1);
}
