using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Platform.Files;

/// <summary>The styles of the simple workbooks (templates and lists): style 0 plain, style 1 bold, nothing else.</summary>
public static class ExcelStyles
{
    public const uint Bold = 1;

    /// <summary>Adds the plain-and-bold stylesheet to a new workbook.</summary>
    public static void AddPlainAndBold(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
    }
}
