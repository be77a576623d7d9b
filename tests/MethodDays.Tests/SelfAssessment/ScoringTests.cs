using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>The sheet's arithmetic: seed 003, appendix 1, and our reading of its cluster ranges.</summary>
public sealed class ScoringTests
{
    private static readonly SheetTemplate Template = new SheetTemplates(RepoPaths.Combine("functions", "MethodDays.Functions", "Templates", "self-assessment")).Current;

    [Fact]
    public void TemplateHasSeventyIndicatorsInFourAreasWithTheSeedsMaxima()
    {
        Assert.Equal(70, Template.Indicators.Count);
        Assert.Equal([13, 34, 6, 17], Template.Areas.Select(a => a.Criteria.SelectMany(c => c.Items).Count(i => i.Scored)).ToArray());
        Assert.Equal([26, 68, 12, 34], Template.Areas.Select(a => a.Max).ToArray());
        Assert.Equal(140, Template.MaxTotal);
        Assert.Equal([5, 13, 1, 1], Template.Areas.Select(a => a.Criteria.Count).ToArray());
    }

    [Fact]
    public void VprHeadingIsUnscoredWithTenSubjectsUnderIt()
    {
        var items = Template.Areas[3].Criteria[0].Items;
        var heading = items.Single(i => !i.Scored);
        Assert.Equal("Снижение доли обучающихся с неудовлетворительными результатами при выполнении ВПР в сравнении с результатами прошлого года", heading.Text);
        Assert.Equal(
            ["по окружающему миру", "по математике", "по русскому языку", "по истории", "по биологии", "по географии", "по обществознанию", "по физике", "по химии", "по иностранному языку"],
            items.Where(i => i.Parent == heading.Id).Select(i => i.Text).ToArray());
    }

    [Theory]
    // Texts the seed splits across page breaks, kept whole and exact.
    [InlineData("2.1.1", "На основе контекстных данных, результатов мониторинга стартовой ситуации ПРШ с применением модели оценки/самооценки ОО, работающей в сложных социальных условиях, сформирована аналитическая справка, содержащая проблемный анализ стартовой ситуации")]
    [InlineData("2.10.3", "Утвержден перечень краткосрочных курсов внеурочной деятельности на 2021-2022 уч.гг.")]
    [InlineData("1.5.1", "Доля педагогов, принимающих активное участие в единых методических днях, составляет более 80 % педагогов")]
    [InlineData("2.2.6", "План действий разработан с учетом/с учетом мнения представителей педагогического коллектива, родительской общественности, обучающихся")]
    [InlineData("4.1.8", "Снижение доли обучающихся систематически не посещающих или пропускающих занятия")]
    public void IndicatorTextsAreTheSeedsExactly(string id, string text) => Assert.Equal(text, Template.ById[id].Text);

    [Theory]
    [InlineData(140, 140, Cluster.High)]
    [InlineData(105, 140, Cluster.High)] // exactly 75 %
    [InlineData(104, 140, Cluster.Medium)] // the seed prints "70-97" for medium; 98–104 would fall in no printed range
    [InlineData(97, 140, Cluster.Medium)]
    [InlineData(70, 140, Cluster.Medium)] // exactly 50 %
    [InlineData(69, 140, Cluster.Low)] // the seed's low range says "0-96", overlapping medium; the percentage decides
    [InlineData(0, 140, Cluster.Low)]
    [InlineData(99, 132, Cluster.High)] // two lines not applicable: 75 % of the applicable maximum
    public void ClusterFollowsThePercentageOfTheApplicableMaximum(int score, int max, Cluster expected) =>
        Assert.Equal(expected, ClusterThresholds.ClusterOf(Template, score, max));

    [Fact]
    public void ThresholdsAreTheTemplatesAndReadTheSameEverywhere()
    {
        Assert.Equal(
            ["высокий — 75 % и выше", "средний — от 50 % до 75 % (не включая 75 %)", "низкий — ниже 50 %"],
            ClusterThresholds.Lines(Template));

        // A template with other thresholds scores and speaks by them: nothing reads a constant.
        var stricter = Template with
        {
            Clusters = [.. Template.Clusters.Select(c => c.Id == "high" ? c with { MinPercent = 80 } : c.Id == "medium" ? c with { MinPercent = 60 } : c)],
        };
        Assert.Equal(Cluster.Medium, ClusterThresholds.ClusterOf(stricter, 105, 140));
        Assert.Equal(Cluster.Low, ClusterThresholds.ClusterOf(stricter, 70, 140));
        var exactly75 = Template.Indicators.Select((item, i) => (item.Id, Value: i < 52 ? "2" : i == 52 ? "1" : "0")).ToDictionary(x => x.Id, x => x.Value);
        Assert.Equal(Cluster.High, SheetScoring.Score(Template, exactly75).Cluster);
        Assert.Equal(Cluster.Medium, SheetScoring.Score(stricter, exactly75).Cluster);
        Assert.Equal(
            ["высокий — 80 % и выше", "средний — от 60 % до 80 % (не включая 80 %)", "низкий — ниже 60 %"],
            ClusterThresholds.Lines(stricter));
    }

    [Fact]
    public void PartialDraftCountsUnansweredLinesInTheMaximum()
    {
        var score = SheetScoring.Score(Template, new Dictionary<string, string> { ["1.1.1"] = "2", ["1.1.2"] = "na" });
        Assert.Equal(2, score.Total);
        Assert.Equal(138, score.ApplicableMax);
        Assert.Equal(2, score.Answered);
        Assert.False(score.Complete);
    }
}
