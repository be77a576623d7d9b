using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Tests.People;

/// <summary>Fills the downloaded template the way a coordinator would in Excel, and reads cells back.</summary>
internal static class PeopleImportWorkbook
{
    public const string SchoolsSheet = "Школы";
    public const string PeopleSheet = "Люди";

    /// <summary>The template with rows appended under the headers of «Школы» and «Люди»; optional damage after.</summary>
    public static byte[] Fill(byte[] template, IEnumerable<string[]> schools, IEnumerable<string[]> people, Action<SpreadsheetDocument>? change = null)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            Append(document, SchoolsSheet, schools);
            Append(document, PeopleSheet, people);
            change?.Invoke(document);
        }

        return stream.ToArray();
    }

    public static void RemoveSheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        workbook.DeletePart(workbook.GetPartById(sheet.Id!));
        sheet.Remove();
    }

    public static void Merge(SpreadsheetDocument document, string sheetName, string range)
    {
        var worksheet = Part(document, sheetName).Worksheet!;
        var merges = new MergeCells(new MergeCell { Reference = range });

        // mergeCells comes right after sheetData in the schema's order.
        worksheet.InsertAfter(merges, worksheet.GetFirstChild<SheetData>());
    }

    public static WorksheetPart Part(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)workbook.GetPartById(sheet.Id!);
    }

    /// <summary>The text of a cell ("A1"), whichever way it is stored.</summary>
    public static string Text(SpreadsheetDocument document, string sheet, string reference)
    {
        var cell = Part(document, sheet).Worksheet!.Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            return "";
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable!.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        }

        return cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
    }

    private static void Append(SpreadsheetDocument document, string sheet, IEnumerable<string[]> rows)
    {
        var data = Part(document, sheet).Worksheet!.GetFirstChild<SheetData>()!;
        var index = (uint)data.Elements<Row>().Count();
        foreach (var values in rows)
        {
            index++;
            var row = new Row { RowIndex = index };
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i].Length > 0)
                {
                    row.Append(new Cell(new InlineString(new Text(values[i])))
                    {
                        CellReference = $"{(char)('A' + i)}{index}",
                        DataType = CellValues.InlineString,
                    });
                }
            }

            data.Append(row);
        }
    }
}
