using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.People;

/// <summary>
/// One worksheet read forward-only: the Open XML SDK opens the package and finds the parts (the workbook's sheet list is
/// read with its <see cref="OpenXmlReader"/>), and the shared strings and that one sheet's cells and merges are read
/// element by element with the platform's <see cref="XmlReader"/>, without building any part's document model and
/// without reading the other sheets. Cells and merges come out as <see cref="ReadAll"/>
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
        using var reader = Xml(part);
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
            if (!SpreadsheetMl(reader))
            {
                continue;
            }

            var element = reader.LocalName;
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (element == "sheetData")
                {
                    inSheetData = false;
                }
                else if (element == "is")
                {
                    inInline = false;
                }
                else if (element == "c" && inSheetData)
                {
                    EndCell();
                }

                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var empty = reader.IsEmptyElement;
            if (element == "sheetData")
            {
                inSheetData = ++sheetData == 1 && !empty;
            }
            else if (!inSheetData)
            {
                if (element == "mergeCell")
                {
                    grid.Merges.Add(reader.GetAttribute("ref") ?? "?");
                }
            }
            else if (element == "row")
            {
                // Writers may leave out row and cell references; then they follow the previous one.
                lastRow = reader.GetAttribute("r") is { } index ? (int)Number(index) : lastRow + 1;
                lastColumn = 0;
            }
            else if (element == "c")
            {
                lastColumn = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : lastColumn + 1;
                type = reader.GetAttribute("t");
                (raw, inline, inInline) = (null, null, false);
                if (empty)
                {
                    EndCell();
                }
            }
            else if (element == "v" && !empty)
            {
                raw ??= reader.ReadElementContentAsString();
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "c")
                {
                    EndCell();
                }
            }
            else if (element == "is" && inline is null)
            {
                (inline, inInline) = (new StringBuilder(), !empty);
            }
            else if (element == "t" && inInline && !empty)
            {
                inline!.Append(reader.ReadElementContentAsString());
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "is")
                {
                    inInline = false;
                }
            }
        }

        return grid;

        void EndCell() => grid.Add(lastRow, lastColumn, Value(type, raw, inline?.ToString(), shared));
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
        using var reader = Xml(part);
        while (reader.Read())
        {
            if (!SpreadsheetMl(reader))
            {
                continue;
            }

            if (reader.LocalName == "si")
            {
                if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
                {
                    (inItem, item.Length) = (true, 0);
                }
                else if (reader.NodeType == XmlNodeType.EndElement || reader.IsEmptyElement)
                {
                    list.Add(inItem ? item.ToString() : "");
                    inItem = false;
                }
            }
            else if (inItem && reader.NodeType == XmlNodeType.Element && reader.LocalName == "t" && !reader.IsEmptyElement)
            {
                item.Append(reader.ReadElementContentAsString());
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "si")
                {
                    inItem = false;
                    list.Add(item.ToString());
                }
            }
        }

        return [.. list];
    }

    /// <summary>
    /// A part's XML through the platform's forward-only reader: the SDK has found and opened the part (package,
    /// relationships, content types); its own element reader makes a typed object for every element, several times
    /// slower on a sheet of cells. No DTDs, no external entities, the same cap per part as the package's.
    /// </summary>
    private static XmlReader Xml(OpenXmlPart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        MaxCharactersInDocument = MaxCharactersInPart,
        CloseInput = true,
    });

    /// <summary>An element of SpreadsheetML, transitional or strict (other namespaces — extensions — are skipped).</summary>
    private static bool SpreadsheetMl(XmlReader reader) =>
        reader.NamespaceURI is "http://schemas.openxmlformats.org/spreadsheetml/2006/main" or "http://purl.oclc.org/ooxml/spreadsheetml/main";

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
