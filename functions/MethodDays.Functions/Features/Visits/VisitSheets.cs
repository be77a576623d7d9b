using MethodDays.Platform.Files;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.People;

namespace MethodDays.Features.Visits;

/// <summary>A sheet of a visits workbook: its name, column widths and rows (the first row bold).</summary>
internal sealed record VisitSheet(string Name, IEnumerable<double> Widths, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Writes the visits feature's Excel files (the results template, the year's figures): sheets in order, the first
/// row of each bold, an <c>int</c> or <c>double</c> as a number cell and anything else as text.
/// </summary>
internal static class VisitSheets
{
    public static byte[] Write(params VisitSheet[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            ExcelStyles.AddPlainAndBold(workbook);
            var list = workbook.Workbook.AppendChild(new Sheets());
            for (var k = 0; k < sheets.Length; k++)
            {
                AddSheet(workbook, list, (uint)k + 1, sheets[k]);
            }

            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, VisitSheet sheet)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(sheet.Widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        var data = new SheetData(sheet.Rows.Select((values, r) => new Row(values.Select((v, i) => Cell(ImportGrid.ColumnName(i + 1) + (r + 1).ToString(CultureInfo.InvariantCulture), v, r < 1)))
        { RowIndex = (uint)r + 1 }));
        part.Worksheet = new Worksheet(columns, data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = sheet.Name });
    }

    private static Cell Cell(string reference, object? value, bool bold) => value switch
    {
        int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n), StyleIndex = bold ? 1u : 0u },
        double d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d), StyleIndex = bold ? 1u : 0u },
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(value as string ?? "") { Space = SpaceProcessingModeValues.Preserve }),
            StyleIndex = bold ? 1u : 0u,
        },
    };
}
