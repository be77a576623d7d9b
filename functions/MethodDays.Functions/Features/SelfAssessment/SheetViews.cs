using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.SelfAssessment;

/// <summary>Builds API views from stored rows.</summary>
internal static class SheetViews
{
    public static SheetView Build(
        SheetTemplates templates, School school, YearMonth month, FormMonthRows<SheetEntity, RevisionEntity> rows, SheetEntity? previous, CurrentUser user)
    {
        var sheet = rows.Sheet;
        var template = templates.Find(sheet?.TemplateVersion) ?? templates.Current;
        var values = SheetJson.ReadValues(sheet?.Values);
        var status = FormSheetRow.StatusOf(sheet);
        SheetScore? submittedScore = null;
        Dictionary<string, string>? submitted = null;
        if (sheet is { Revision: > 0 })
        {
            submitted = SheetJson.ReadValues(sheet.SubmittedValues);
            submittedScore = SheetScoring.Score(templates.Find(sheet.SubmittedTemplateVersion) ?? template, submitted);
        }

        var changes = new List<IndicatorChange>();
        string? previousMonth = null;
        if (previous is { Revision: > 0 })
        {
            previousMonth = month.Previous.ToString();
            var before = SheetJson.ReadValues(previous.SubmittedValues);
            var after = submitted ?? values;
            foreach (var item in template.Indicators)
            {
                before.TryGetValue(item.Id, out var b);
                after.TryGetValue(item.Id, out var a);
                if (b != a)
                {
                    changes.Add(new IndicatorChange(item.Id, item.Text, b, a));
                }
            }
        }

        return new SheetView(
            school.MunicipalityId,
            school.Id,
            school.Name,
            school.Kind,
            month.ToString(),
            template.Version,
            status,
            values,
            SheetScoring.Score(template, values),
            sheet?.Revision ?? 0,
            sheet?.ETag.ToString(),
            sheet?.UpdatedStamp(),
            sheet?.SubmittedStamp(),
            submittedScore,
            [.. rows.Revisions.OrderByDescending(r => r.Revision).Select(ToSummary)],
            [.. rows.Comments.OrderBy(c => c.CreatedAt).Select(c => c.ToView())],
            previousMonth,
            changes,
            new SheetPermissions(
                user.CanWriteSchoolSheets(school.MunicipalityId, school.Id),
                user.CanReviewSchool(school.MunicipalityId, school.Id) && sheet is { Revision: > 0 }));
    }

    public static RevisionSummary ToSummary(RevisionEntity r) =>
        new(r.Revision, r.TemplateVersion, r.SubmittedAt, r.SubmittedByName, r.Total, r.ApplicableMax, r.Percent, ParseCluster(r.Cluster));

    public static Cluster? ParseCluster(string? text) => Enum.TryParse<Cluster>(text, out var c) ? c : null;

    /// <summary>The summary column of a school for the month; "missing" when nothing was submitted.</summary>
    public static SummaryColumn Column(School school, SheetEntity? sheet)
    {
        if (sheet is not { Revision: > 0 })
        {
            return new SummaryColumn(school.Id, school.ShortName, school.Name, school.Kind, school.LowResults,
                sheet is null ? "empty" : "draft", 0, null, new Dictionary<string, string>(), 0, 0, null, null, [], null, null);
        }

        return new SummaryColumn(
            school.Id, school.ShortName, school.Name, school.Kind, school.LowResults,
            sheet.DraftDiffers ? "changed" : "submitted",
            sheet.Revision,
            sheet.SubmittedTemplateVersion,
            SheetJson.ReadValues(sheet.SubmittedValues),
            sheet.Total,
            sheet.ApplicableMax,
            sheet.Percent,
            ParseCluster(sheet.Cluster),
            SheetJson.ReadAreas(sheet.Areas),
            sheet.SubmittedAt,
            sheet.SubmittedByName);
    }
}
