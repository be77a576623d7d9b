using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;

namespace MethodDays.Features.People;

/// <summary>
/// One worksheet read forward-only: .NET's packaging library (<see cref="Package"/>, which the Open XML SDK itself is
/// built on) opens the package and resolves the relationships from the package to the workbook and from the workbook
/// to its sheets and shared strings, and the workbook's sheet list, the shared strings and that one sheet's cells and
/// merges are read element by element with the platform's <see cref="XmlReader"/>. Neither the SDK's typed part tree
/// (built for every part of the package when it opens one) nor any part's document model is built, and the other
/// sheets are not read. Cells and merges come out as <see cref="ReadAll"/> gives them.
/// </summary>
internal sealed partial class ImportGrid
{
    private const string RelationshipsTransitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string RelationshipsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>The source of the package's own relationships, as <see cref="PackUriHelper.ResolvePartUri"/> takes it.</summary>
    private static readonly Uri PackageRoot = new("/", UriKind.Relative);

    /// <summary>The content types of a workbook's main part the SDK opens as a spreadsheet (.xlsx, .xltx, .xlsm, .xltm, .xlam).</summary>
    private static readonly HashSet<string> WorkbookTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    };

    /// <summary>
    /// The worksheet named <paramref name="name"/> (trimmed, any case), else the workbook's only worksheet, else null.
    /// Throws the packaging library's and the XML reader's exceptions (<see cref="InvalidDataException"/>,
    /// <see cref="FileFormatException"/>, <see cref="XmlException"/>, <see cref="InvalidOperationException"/>…) when the
    /// file is not a readable workbook; a malformed package (the library's <see cref="ArgumentException"/>) or one whose
    /// main part is not a workbook is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static ImportGrid? ReadSheet(Stream xlsx, string name)
    {
        try
        {
            return ReadSheetOf(xlsx, name);
        }
        catch (ArgumentException ex)
        {
            // The packaging library refuses a malformed content type or part name with an ArgumentException.
            throw new InvalidDataException("Not a readable package.", ex);
        }
    }

    private static ImportGrid? ReadSheetOf(Stream xlsx, string name)
    {
        using var package = Package.Open(xlsx, FileMode.Open, FileAccess.Read);
        var main = package.GetRelationshipsByType($"{RelationshipsTransitional}/officeDocument")
            .Concat(package.GetRelationshipsByType($"{RelationshipsStrict}/officeDocument"))
            .Select(r => Target(package, PackageRoot, r, "/officeDocument"))
            .FirstOrDefault(p => p is not null);
        if (main is null || !WorkbookTypes.Contains(main.ContentType))
        {
            throw new InvalidDataException("No workbook part.");
        }

        var sheets = new List<(string Name, PackagePart Part)>();
        using (var reader = Xml(main))
        {
            var inSheets = false;
            while (reader.Read())
            {
                if (!SpreadsheetMl(reader))
                {
                    continue;
                }

                if (reader.LocalName == "sheets")
                {
                    inSheets = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
                }
                else if (inSheets && reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet"
                    && reader.GetAttribute("name")?.Trim() is { Length: > 0 } sheetName
                    && RelationshipId(reader) is { } id
                    && main.RelationshipExists(id)
                    && Target(package, main.Uri, main.GetRelationship(id), "/worksheet") is { } worksheet
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

        var sharedPart = main.GetRelationships().Select(r => Target(package, main.Uri, r, "/sharedStrings")).FirstOrDefault(p => p is not null);
        return ReadWorksheet(chosen, sharedPart is null ? [] : SharedStrings(sharedPart));
    }

    /// <summary>The part a relationship of the given kind points at inside the package; null for another kind, an external target or a missing part.</summary>
    private static PackagePart? Target(Package package, Uri source, PackageRelationship relationship, string kind)
    {
        if (relationship.TargetMode != TargetMode.Internal || !relationship.RelationshipType.EndsWith(kind, StringComparison.Ordinal))
        {
            return null;
        }

        Uri target;
        try
        {
            target = PackUriHelper.ResolvePartUri(source, relationship.TargetUri);
        }
        catch (ArgumentException)
        {
            return null; // not a part name (the SDK skips such a relationship too)
        }

        return package.PartExists(target) ? package.GetPart(target) : null;
    }

    private static ImportGrid ReadWorksheet(PackagePart part, string[] shared)
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
    private static string[] SharedStrings(PackagePart part)
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
    /// A part's XML through the platform's forward-only reader: no DTDs, no external entities, the same cap per part
    /// as the whole-workbook read's (<see cref="MaxCharactersInPart"/>), so a part that inflates to gigabytes stops there.
    /// </summary>
    private static XmlReader Xml(PackagePart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
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

    /// <summary>The <c>r:id</c> of the element the reader is on (transitional or strict relationships namespace).</summary>
    private static string? RelationshipId(XmlReader reader)
    {
        string? id = null;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.LocalName == "id" && reader.NamespaceURI is RelationshipsTransitional or RelationshipsStrict)
                {
                    id = reader.Value;
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return id;
    }

    private static uint Number(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"Not a row number: {text}");
}
