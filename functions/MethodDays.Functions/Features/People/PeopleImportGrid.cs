using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.People;

/// <summary>A cell's value as text (trimmed), and as a boolean when Excel stored it as one (TRUE/FALSE).</summary>
internal readonly record struct RawCell(string Text, bool? Boolean);

/// <summary>
/// One worksheet as non-empty cells by row and column number, read with the Open XML SDK: shared, inline and
/// formula strings, numbers as written, booleans; plus the sheet's merged ranges, which the import refuses.
/// </summary>
internal sealed partial class ImportGrid
{
    /// <summary>An .xlsx is a zip: a 5 MB upload could unpack to gigabytes. No part of a real template comes near this.</summary>
    private const long MaxCharactersInPart = 64L * 1024 * 1024;

    private readonly SortedDictionary<int, Dictionary<int, RawCell>> _rows = [];

    public List<string> Merges { get; } = [];

    public int RowCount => _rows.Count;

    /// <summary>
    /// Every worksheet by its (trimmed) name; chart sheets are skipped. A file that is not a readable workbook throws
    /// the SDK's, the zip's and the XML reader's exceptions; a malformed package (which the packaging library refuses
    /// with an <see cref="ArgumentException"/>) is an <see cref="InvalidDataException"/>, as in <see cref="ReadSheet"/>.
    /// </summary>
    public static Dictionary<string, ImportGrid> ReadAll(Stream xlsx)
    {
        try
        {
            return ReadAllOf(xlsx);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("Not a readable package.", ex);
        }
    }

    /// <summary>
    /// Whether an exception from <see cref="ReadAll"/> or <see cref="ReadSheet"/> means the upload is not a readable
    /// workbook (the caller answers 400 with its own words), as against a fault of ours.
    /// </summary>
    public static bool Unreadable(Exception e) =>
        e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FormatException or InvalidOperationException;

    private static Dictionary<string, ImportGrid> ReadAllOf(Stream xlsx)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var grids = new Dictionary<string, ImportGrid>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Name?.Value?.Trim() is { Length: > 0 } name && sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
            {
                grids.TryAdd(name, Read(part, shared));
            }
        }

        return grids;
    }

    public IEnumerable<(int Column, RawCell Cell)> Row(int row) =>
        _rows.TryGetValue(row, out var cells) ? cells.Select(kv => (kv.Key, kv.Value)) : [];

    /// <summary>Rows after the header with something in at least one of <paramref name="columns"/>.</summary>
    public IEnumerable<int> DataRows(IEnumerable<int> columns)
    {
        var wanted = columns.ToHashSet();
        return _rows.Where(r => r.Key > 1 && r.Value.Keys.Any(wanted.Contains)).Select(r => r.Key);
    }

    public RawCell Cell(int row, int column) =>
        _rows.TryGetValue(row, out var cells) && cells.TryGetValue(column, out var cell) ? cell : new RawCell("", null);

    public string Text(int row, int column) => Cell(row, column).Text;

    /// <summary>1 → "A", 27 → "AA".</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private static ImportGrid Read(WorksheetPart part, string[] shared)
    {
        var grid = new ImportGrid();
        var worksheet = part.Worksheet;
        var lastRow = 0;
        foreach (var row in worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            // Writers may leave out row and cell references; then they follow the previous one.
            lastRow = row.RowIndex?.Value is { } index ? (int)index : lastRow + 1;
            var lastColumn = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                lastColumn = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : lastColumn + 1;
                grid.Add(lastRow, lastColumn, Value(cell.DataType?.InnerText, cell.CellValue?.Text, cell.InlineString?.InnerText, shared));
            }
        }

        foreach (var merge in worksheet?.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()) ?? [])
        {
            grid.Merges.Add(merge.Reference?.Value ?? "?");
        }

        return grid;
    }

    /// <summary>
    /// A cell's value as the import reads it, from the cell's type attribute (<c>t</c>: <c>s</c>, <c>inlineStr</c>,
    /// <c>b</c>, else a number or text), its value (<c>v</c>) and an inline string's text: both readers give cells this way.
    /// </summary>
    private static RawCell Value(string? type, string? raw, string? inline, string[] shared)
    {
        raw ??= "";
        switch (type)
        {
            case "s":
                return new RawCell(int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? Clean(shared[i]) : "", null);
            case "inlineStr":
                return new RawCell(Clean(inline ?? raw), null);
            case "b":
                var value = raw.Trim() == "1";
                return new RawCell(value ? "да" : "нет", value);
            default:
                return new RawCell(Clean(raw), null);
        }
    }

    private static string Clean(string text) => text.Replace('\u00A0', ' ').Trim();

    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
            {
                column = (column * 26) + (c - 'a' + 1);
            }
            else
            {
                break;
            }
        }

        return column;
    }
}
