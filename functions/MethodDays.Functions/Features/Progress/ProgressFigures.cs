namespace MethodDays.Features.Progress;

/// <summary>The figures of a submitted sheet the summary shows.</summary>
internal static class ProgressFigures
{
    public static void Apply(ProgressContent content, ProgressSheetEntity sheet)
    {
        sheet.Days = content.Days.Count;
        sheet.NoDays = content.NoDays;
        sheet.NoDaysReason = content.NoDays ? content.NoDaysReason : null;
        var shares = content.Days.Where(d => d.SharePercent is not null).Select(d => d.SharePercent!.Value).ToList();
        sheet.AverageShare = shares.Count == 0 ? null : Math.Round(shares.Average(), 1);
        sheet.Teachers = content.Teachers.Count;
        sheet.Stages = ProgressJson.Write(content.Teachers.Where(t => t.Stage is not null).GroupBy(t => t.Stage!).ToDictionary(g => g.Key, g => g.Count()));
        sheet.Requests = ProgressJson.Write(content.Requests);
    }
}
