using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace MethodDays.Features.People;

/// <summary>
/// One worksheet read forward-only straight from the .xlsx zip (its relationships, the workbook's sheet list, the
/// shared strings and that sheet's XML), without the Open XML SDK's package and document model: an import that needs
/// one sheet reads only that one, in a fraction of the time. Cells and merges come out as <see cref="ReadAll"/> gives
/// them.
/// </summary>
internal sealed partial class ImportGrid
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    private static readonly XmlReaderSettings PartSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        CloseInput = true,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxCharactersInPart,
    };

    /// <summary>
    /// The worksheet named <paramref name="name"/> (trimmed, any case), else the workbook's only worksheet, else null.
    /// Throws <see cref="InvalidDataException"/> or <see cref="XmlException"/> when the file is not a readable workbook.
    /// </summary>
    public static ImportGrid? ReadSheet(Stream xlsx, string name)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            entries.TryAdd(entry.FullName.TrimStart('/'), entry);
        }

        var workbookPath = Relationships(entries, "").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
            ?? throw new InvalidDataException("No workbook part.");
        var workbookRels = Relationships(entries, workbookPath);
        var sheets = new List<(string Name, string Path)>();
        using (var reader = Open(entries, workbookPath) ?? throw new InvalidDataException("No workbook part."))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && IsMain(reader.NamespaceURI)
                    && reader.GetAttribute("name")?.Trim() is { Length: > 0 } sheetName
                    && RelationshipId(reader) is { } id
                    && workbookRels.FirstOrDefault(r => r.Id == id) is { Target: { } target } rel
                    && rel.Type.EndsWith("/worksheet", StringComparison.Ordinal)
                    && !sheets.Exists(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase)))
                {
                    sheets.Add((sheetName, target));
                }
            }
        }

        var chosen = sheets.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen.Path is null)
        {
            if (sheets.Count != 1)
            {
                return null;
            }

            chosen = sheets[0];
        }

        var shared = workbookRels.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } sharedPath
            ? SharedStrings(entries, sharedPath)
            : [];
        using var sheet = Open(entries, chosen.Path) ?? throw new InvalidDataException("No worksheet part.");
        return ReadWorksheet(sheet, shared);
    }

    private static ImportGrid ReadWorksheet(XmlReader reader, string[] shared)
    {
        var grid = new ImportGrid();
        var lastRow = 0;
        var inSheetData = false;
        var sheetDataDone = false;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && IsMain(reader.NamespaceURI))
            {
                switch (reader.LocalName)
                {
                    case "sheetData" when !sheetDataDone:
                        inSheetData = !reader.IsEmptyElement;
                        sheetDataDone = true;
                        break;
                    case "row" when inSheetData:
                        var row = (XElement)XNode.ReadFrom(reader);
                        lastRow = row.Attribute("r")?.Value is { } index ? (int)Number(index) : lastRow + 1;
                        grid.AddRow(lastRow, row, shared);
                        continue;
                    case "mergeCell":
                        grid.Merges.Add(reader.GetAttribute("ref") ?? "?");
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "sheetData" && IsMain(reader.NamespaceURI))
            {
                inSheetData = false;
            }

            reader.Read();
        }

        return grid;
    }

    private void AddRow(int rowIndex, XElement row, string[] shared)
    {
        var lastColumn = 0;
        foreach (var cell in row.Elements().Where(e => e.Name.LocalName == "c" && IsMain(e.Name.NamespaceName)))
        {
            lastColumn = cell.Attribute("r")?.Value is { } reference ? ColumnIndex(reference) : lastColumn + 1;
            var raw = cell.Elements().FirstOrDefault(e => e.Name.LocalName == "v" && IsMain(e.Name.NamespaceName))?.Value ?? "";
            var inline = cell.Elements().FirstOrDefault(e => e.Name.LocalName == "is" && IsMain(e.Name.NamespaceName));
            var value = cell.Attribute("t")?.Value switch
            {
                "s" => new RawCell(int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? Clean(shared[i]) : "", null),
                "inlineStr" => new RawCell(Clean(inline is null ? raw : Texts(inline)), null),
                "b" => raw.Trim() == "1" ? new RawCell("да", true) : new RawCell("нет", false),
                _ => new RawCell(Clean(raw), null),
            };
            if (value.Text.Length > 0 || value.Boolean is not null)
            {
                if (!_rows.TryGetValue(rowIndex, out var cells))
                {
                    _rows[rowIndex] = cells = [];
                }

                cells[lastColumn] = value;
            }
        }
    }

    /// <summary>A string item's text as Excel shows it: every text run (<c>t</c>) in order.</summary>
    private static string Texts(XElement item) =>
        string.Concat(item.Descendants().Where(e => e.Name.LocalName == "t" && IsMain(e.Name.NamespaceName)).Select(e => e.Value));

    private static string[] SharedStrings(Dictionary<string, ZipArchiveEntry> entries, string path)
    {
        using var reader = Open(entries, path);
        if (reader is null)
        {
            return [];
        }

        var list = new List<string>();
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && IsMain(reader.NamespaceURI))
            {
                list.Add(Texts((XElement)XNode.ReadFrom(reader)));
                continue;
            }

            reader.Read();
        }

        return [.. list];
    }

    /// <summary>A part's relationships (<c>_rels/x.rels</c> beside it), targets resolved to zip entry names.</summary>
    private static List<(string Id, string Type, string? Target)> Relationships(Dictionary<string, ZipArchiveEntry> entries, string partPath)
    {
        var folder = partPath.Contains('/', StringComparison.Ordinal) ? partPath[..(partPath.LastIndexOf('/') + 1)] : "";
        var file = partPath[folder.Length..];
        var list = new List<(string, string, string?)>();
        using var reader = Open(entries, $"{folder}_rels/{file}.rels");
        while (reader?.Read() == true)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Type") is { } type)
            {
                var target = reader.GetAttribute("TargetMode") == "External" ? null : reader.GetAttribute("Target");
                list.Add((id, type, target is null ? null : Resolve(folder, target)));
            }
        }

        return list;
    }

    private static string Resolve(string folder, string target)
    {
        var path = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var segments = new List<string>();
        foreach (var segment in (path.StartsWith('/') ? path : folder + path).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    private static XmlReader? Open(Dictionary<string, ZipArchiveEntry> entries, string path) =>
        entries.TryGetValue(path, out var entry) ? XmlReader.Create(entry.Open(), PartSettings) : null;

    private static string? RelationshipId(XmlReader reader)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal))
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static bool IsMain(string ns) => ns is Main or StrictMain;

    private static uint Number(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"Not a row number: {text}");
}
