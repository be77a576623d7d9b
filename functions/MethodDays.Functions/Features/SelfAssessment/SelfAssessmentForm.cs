using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// The self-assessment sheet on the monthly-forms core: its content is the answers (indicator id → 2, 1, 0, na);
/// a submission keeps them with their score, computed from the template version they were filled against.
/// </summary>
internal sealed class SelfAssessmentForm(SheetTemplates templates) : MonthlyForm<IReadOnlyDictionary<string, string>, SheetEntity, RevisionEntity>
{
    public const string SheetsTable = "selfassessment";

    public static readonly FormNames FormNames = new("лист", "листа", "листу самооценки", "sheet");

    public override string Table => SheetsTable;

    public override FormNames Names => FormNames;

    public override IReadOnlyList<string> FigureColumns { get; } =
    [
        "PartitionKey", "RowKey", "Revision", "DraftDiffers", "SubmittedTemplateVersion", "SubmittedValues", "SubmittedByName",
        "SubmittedAt", "Total", "ApplicableMax", "Percent", "Cluster", "Areas", "UpdatedAt", "UpdatedByName", "TemplateVersion",
    ];

    public override string Write(IReadOnlyDictionary<string, string> content) => SheetJson.Write(content);

    public override IReadOnlyDictionary<string, string> Read(string json) => SheetJson.ReadValues(json);

    public override string? DraftJson(SheetEntity sheet) => sheet.Values;

    public override void PutDraft(SheetEntity sheet, string json) => sheet.Values = json;

    public override bool SubmittedHolds(SheetEntity sheet, string json) => sheet.SubmittedValues == json;

    public override void PutSubmission(SheetEntity sheet, RevisionEntity revision, string templateVersion, IReadOnlyDictionary<string, string> content, string json)
    {
        var template = templates.Find(templateVersion) ?? templates.Current;
        var score = SheetScoring.Score(template, content);
        sheet.Values = sheet.SubmittedValues = revision.Values = json;
        sheet.Total = revision.Total = score.Total;
        sheet.ApplicableMax = revision.ApplicableMax = score.ApplicableMax;
        sheet.Percent = revision.Percent = score.Percent;
        sheet.Cluster = revision.Cluster = score.Cluster?.ToString();
        sheet.Areas = revision.Areas = SheetJson.Write(score.Areas);
    }
}
