using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.People;

/// <summary>
/// One worksheet read forward-only with the Open XML SDK's reader (<see cref="OpenXmlReader"/>): the workbook's sheet
/// list, the shared strings and that sheet's cells and merges are read element by element, without building any
/// part's document model and without reading the other sheets. Cells and merges come out as <see cref="ReadAll"/>
/// gives them.
/// </summary>
internal sealed partial class ImportGrid
{
    /// <summary>
    /// The worksheet named <paramref name="name"/> (trimmed, any case), else the workbook's only worksheet, else null.
    /// Throws the SDK's and the XML reader's exceptions (<see cref="OpenXmlPackageException"/>, <see cref="InvalidDataException"/>,
    /// <see cref="System.Xml.XmlException"/>, <see cref="FormatException"/>…) when the file is not a readable workbook.
    /// </summary>
    public static ImportGrid? ReadSheet(Stream xlsx, string name)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false, new OpenSettings { AutoSave = false, MaxCharactersInPart = MaxCharactersInPart });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var sheets = new List<(string Name, WorksheetPart Part)>();
        using (var reader = OpenXmlReader.Create(workbook))
        {
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Sheet) && reader.IsStartElement
                    && Attribute(reader, "name")?.Trim() is { Length: > 0 } sheetName
                    && RelationshipId(reader) is { } id
                    && workbook.TryGetPartById(id, out var part) && part is WorksheetPart worksheet
                    && !sheets.Exists(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase)))
                {
                    sheets.Add((sheetName, worksheet));
                }
            }
        }

        var chosen = sheets.Find(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Part
            ?? (sheets.Count == 1 ? sheets[0].Part : null);
        if (chosen is null)
        {
            return null;
        }

        var shared = workbook.SharedStringTablePart is { } sharedPart ? SharedStrings(sharedPart) : [];
        return ReadWorksheet(chosen, shared);
    }

    private static ImportGrid ReadWorksheet(WorksheetPart part, string[] shared)
    {
        var grid = new ImportGrid();
        using var reader = OpenXmlReader.Create(part);
        var sheetData = 0;
        var inSheetData = false;
        var lastRow = 0;
        var lastColumn = 0;
        string? type = null;
        string? raw = null;
        StringBuilder? inline = null;
        var inInline = false;
        while (reader.Read())
        {
            var element = reader.ElementType;
            if (!reader.IsStartElement)
            {
                if (element == typeof(SheetData))
                {
                    inSheetData = false;
                }
                else if (element == typeof(InlineString))
                {
                    inInline = false;
                }
                else if (element == typeof(Cell) && inSheetData)
                {
                    grid.Add(lastRow, lastColumn, type switch
                    {
                        "s" => new RawCell(int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? Clean(shared[i]) : "", null),
                        "inlineStr" => new RawCell(Clean(inline?.ToString() ?? raw ?? ""), null),
                        "b" => (raw ?? "").Trim() == "1" ? new RawCell("да", true) : new RawCell("нет", false),
                        _ => new RawCell(Clean(raw ?? ""), null),
                    });
                }
            }
            else if (element == typeof(SheetData))
            {
                inSheetData = ++sheetData == 1;
            }
            else if (!inSheetData)
            {
                if (element == typeof(MergeCell))
                {
                    grid.Merges.Add(Attribute(reader, "ref") ?? "?");
                }
            }
            else if (element == typeof(Row))
            {
                // Writers may leave out row and cell references; then they follow the previous one.
                lastRow = Attribute(reader, "r") is { } index ? (int)Number(index) : lastRow + 1;
                lastColumn = 0;
            }
            else if (element == typeof(Cell))
            {
                lastColumn = Attribute(reader, "r") is { } reference ? ColumnIndex(reference) : lastColumn + 1;
                type = Attribute(reader, "t");
                (raw, inline, inInline) = (null, null, false);
            }
            else if (element == typeof(CellValue))
            {
                raw ??= reader.GetText();
            }
            else if (element == typeof(InlineString) && inline is null)
            {
                (inline, inInline) = (new StringBuilder(), true);
            }
            else if (element == typeof(Text) && inInline)
            {
                inline!.Append(reader.GetText());
            }
        }

        return grid;
    }

    private void Add(int row, int column, RawCell value)
    {
        if (value.Text.Length > 0 || value.Boolean is not null)
        {
            if (!_rows.TryGetValue(row, out var cells))
            {
                _rows[row] = cells = [];
            }

            cells[column] = value;
        }
    }

    /// <summary>Each string item's text as Excel shows it: every text run (<c>t</c>) in order.</summary>
    private static string[] SharedStrings(SharedStringTablePart part)
    {
        var list = new List<string>();
        var item = new StringBuilder();
        var inItem = false;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    (inItem, item.Length) = (true, 0);
                }
                else
                {
                    inItem = false;
                    list.Add(item.ToString());
                }
            }
            else if (inItem && reader.IsStartElement && reader.ElementType == typeof(Text))
            {
                item.Append(reader.GetText());
            }
        }

        return [.. list];
    }

    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == localName && string.IsNullOrEmpty(attribute.NamespaceUri))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    private static string? RelationshipId(OpenXmlReader reader)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == "id" && attribute.NamespaceUri.EndsWith("/relationships", StringComparison.Ordinal))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    private static uint Number(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"Not a row number: {text}");
}
