using MethodDays.Features.MonthlyForms;

namespace MethodDays.Features.Progress;

/// <summary>
/// The progress sheet on the monthly-forms core: its content is the normalised sheet (<see cref="ProgressContent"/>),
/// kept as JSON in chunks; the sheet row carries the figures of the last submission the month's summary reads and a
/// hash of what was submitted, the revision the submitted text.
/// </summary>
internal sealed class ProgressForm : MonthlyForm<ProgressContent, ProgressSheetEntity, ProgressRevisionEntity>
{
    public const string SheetsTable = "progress";

    public static readonly FormNames FormNames = new("лист продвижения", "листа продвижения", "листу продвижения", "progress");

    public override string Table => SheetsTable;

    public override FormNames Names => FormNames;

    public override IReadOnlyList<string> FigureColumns { get; } =
    [
        "PartitionKey", "RowKey", "Revision", "DraftDiffers", "SubmittedTemplateVersion", "SubmittedById", "SubmittedByName", "SubmittedAt",
        "Days", "NoDays", "NoDaysReason", "AverageShare", "Teachers", "Stages", "Requests", "UpdatedAt", "UpdatedByName", "TemplateVersion",
    ];

    public override IReadOnlyList<string>? RevisionListColumns { get; } =
        ["PartitionKey", "RowKey", "Revision", "TemplateVersion", "SubmittedById", "SubmittedByName", "SubmittedAt", "Days", "Teachers"];

    public override string Write(ProgressContent content) => ProgressJson.Write(content);

    public override ProgressContent Read(string json) => ProgressJson.ReadContent(json);

    public override string? DraftJson(ProgressSheetEntity sheet) => sheet.Draft;

    public override void PutDraft(ProgressSheetEntity sheet, string json) => sheet.Draft = json;

    public override bool SubmittedHolds(ProgressSheetEntity sheet, string json) => sheet.SubmittedHash == ProgressJson.Hash(json);

    public override void PutSubmission(ProgressSheetEntity sheet, ProgressRevisionEntity revision, string templateVersion, ProgressContent content, string json)
    {
        sheet.Draft = revision.Body = json;
        sheet.SubmittedHash = ProgressJson.Hash(json);
        ProgressFigures.Apply(content, sheet);
        revision.Days = sheet.Days;
        revision.Teachers = sheet.Teachers;
    }
}
