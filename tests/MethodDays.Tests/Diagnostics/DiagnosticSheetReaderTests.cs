using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.People;

namespace MethodDays.Tests.Diagnostics;

/// <summary>
/// The diagnostics import reads only its sheet, forward-only (<see cref="ImportGrid.ReadSheet"/>): every kind of cell
/// comes out as the whole-workbook read (<see cref="ImportGrid.ReadAll"/>) gives it, so a file reads the same either way;
/// a package that is not a workbook is refused as the SDK refuses it.
/// </summary>
public sealed class DiagnosticSheetReaderTests
{
    [Fact]
    public void TheSheetReadsCellForCellAsTheWholeWorkbookRead()
    {
        var bytes = Workbook(("Прочее", [new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue(0) })], null),
            (" диагностика ", Rows(), new MergeCells(new MergeCell { Reference = "A5:B5" }, new MergeCell { Reference = "C6:C7" })));

        var sheet = ImportGrid.ReadSheet(new MemoryStream(bytes), "Диагностика")!;
        var all = ImportGrid.ReadAll(new MemoryStream(bytes))["диагностика"];

        Assert.Equal(Dump(all), Dump(sheet));
        Assert.Equal(["A5:B5", "C6:C7"], sheet.Merges);
        Assert.Equal("ФИО", sheet.Text(1, 1));
        Assert.Equal("Иванов", sheet.Text(1, 2));
        Assert.Equal("Петров", sheet.Text(1, 3));
        Assert.Equal(new RawCell("да", true), sheet.Cell(1, 4));
        Assert.Equal(new RawCell("нет", false), sheet.Cell(1, 5));
        Assert.Equal("85", sheet.Text(2, 1));
        Assert.Equal("итого", sheet.Text(2, 2));
        Assert.Equal("70", sheet.Text(3, 2));
        Assert.Equal("", sheet.Text(2, 3));
    }

    [Fact]
    public void AnotherNameIsTheOnlySheetOrNone()
    {
        var one = Workbook(("Лист1", Rows(), null));
        Assert.Equal("ФИО", ImportGrid.ReadSheet(new MemoryStream(one), "Диагностика")!.Text(1, 1));

        var two = Workbook(("Лист1", Rows(), null), ("Лист2", Rows(), null));
        Assert.Null(ImportGrid.ReadSheet(new MemoryStream(two), "Диагностика"));
    }

    [Fact]
    public void APackageThatIsNotAWorkbookIsRefusedAsUnreadable()
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }

        Assert.Throws<InvalidDataException>(() => ImportGrid.ReadSheet(new MemoryStream(stream.ToArray()), "Диагностика"));
    }

    private static Row[] Rows() =>
    [
        new(
            new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue(1) },
            new Cell { CellReference = "B1", DataType = CellValues.SharedString, CellValue = new CellValue(2) },
            new Cell { CellReference = "C1", DataType = CellValues.InlineString, InlineString = new InlineString(new Run(new Text("Пет")), new Run(new Text("ров"))) },
            new Cell { CellReference = "D1", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
            new Cell { CellReference = "E1", DataType = CellValues.Boolean, CellValue = new CellValue("0") },
            new Cell { CellReference = "F1", DataType = CellValues.SharedString, CellValue = new CellValue(3) })
        { RowIndex = 1 },
        new(
            new Cell { CellReference = "A2", CellValue = new CellValue("85") },
            new Cell { DataType = CellValues.String, CellFormula = new CellFormula("\"итого\""), CellValue = new CellValue("итого") },
            new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(99) }),

        // No row or cell references: they follow the previous ones.
        new(new Cell(), new Cell { CellValue = new CellValue(" 70\u00A0") }),
        new(new Cell { CellReference = "A5", CellValue = new CellValue("1") }) { RowIndex = 5 },
    ];

    private static byte[] Workbook(params (string Name, Row[] Rows, MergeCells? Merges)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("Прочее")),
                new SharedStringItem(new Text(" ФИО\u00A0")),
                new SharedStringItem(new Run(new Text("Ива")), new Run(new Text("нов"))),
                new SharedStringItem());
            uint id = 1;
            foreach (var (name, rows, merges) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = merges is null ? new Worksheet(new SheetData(rows)) : new Worksheet(new SheetData(rows), merges);
                workbook.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) });
            }
        }

        return stream.ToArray();
    }

    private static List<string> Dump(ImportGrid grid) =>
        [.. Enumerable.Range(1, 10).SelectMany(r => grid.Row(r).OrderBy(c => c.Column).Select(c => $"{r}:{c.Column}={c.Cell.Text}|{c.Cell.Boolean}")), .. grid.Merges];
}
