using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>Building blocks for sheet tests.</summary>
internal static class Sheets
{
    public static string Url(string school, string? month = null, string municipality = TestWorld.North) =>
        $"/api/municipalities/{municipality}/schools/{school}/self-assessment" + (month is null ? "" : "/" + month);

    /// <summary>Every indicator answered with <paramref name="value"/>.</summary>
    public static Dictionary<string, object> Full(SheetTemplate template, string value = "2") =>
        template.Indicators.ToDictionary(i => i.Id, _ => (object)value);

    /// <summary>A complete sheet scoring exactly <paramref name="points"/> of 140 (all lines applicable).</summary>
    public static Dictionary<string, object> Scoring(SheetTemplate template, int points)
    {
        var values = Full(template, "0");
        foreach (var item in template.Indicators)
        {
            if (points >= 2)
            {
                values[item.Id] = "2";
                points -= 2;
            }
            else if (points == 1)
            {
                values[item.Id] = "1";
                points = 0;
            }
        }

        return values;
    }
}
