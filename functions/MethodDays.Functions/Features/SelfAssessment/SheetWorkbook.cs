using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MethodDays.Features.MonthlyForms;
using MethodDays.Features.People;

namespace MethodDays.Features.SelfAssessment;

/// <summary>
/// The sheet as an Excel workbook laid out like seed 003's table: area, criterion and indicator in the first three
/// columns, one column per school, area subtotals with their maximum, the total out of 140, then the applicable
/// maximum, the percentage and the cluster, colour-coded. The package and the styles are built with the Open XML SDK;
/// the worksheets, some 47,000 cells for 500 schools, are written straight with an <see cref="XmlWriter"/>, which is
/// several times cheaper than an SDK element object per cell.
/// </summary>
internal static class SheetWorkbook
{
    private const string Ns = SheetXml.Namespace;

    // Cell style indices into the stylesheet below.
    private const uint Plain = 0, Bold = 1, Wrap = 2, Two = 3, One = 4, Zero = 5, NotApplicable = 6, Subtotal = 7,
        PercentStyle = 8, High = 9, Medium = 10, Low = 11, Title = 12, Header = 13, Muted = 14;

    // notSubmitted: the summary's schools that have not submitted, on a sheet «Не отправили»; null for a school's own
    // workbook, which has no such sheet.
    public static void Write(Stream output, SheetTemplate template, string title, IReadOnlyList<SummaryColumn> columns, IReadOnlyList<SchoolRef>? notSubmitted)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();

        var sheets = new Sheets();
        var main = workbook.AddNewPart<WorksheetPart>();
        WriteMain(main, template, title, columns);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(main), SheetId = 1, Name = "Лист оценки" });
        if (notSubmitted is not null)
        {
            var missing = workbook.AddNewPart<WorksheetPart>();
            WriteMissing(missing, notSubmitted);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(missing), SheetId = 2, Name = "Не отправили" });
        }

        workbook.Workbook.Append(sheets);
        workbook.Workbook.Save();
    }

    private static void WriteMain(WorksheetPart part, SheetTemplate template, string title, IReadOnlyList<SummaryColumn> columns)
    {
        var merges = new List<string>();
        using var w = SheetXml.Open(part);
        w.WriteStartElement("sheetViews", Ns);
        w.WriteStartElement("sheetView", Ns);
        w.WriteAttributeString("workbookViewId", "0");
        w.WriteStartElement("pane", Ns);
        w.WriteAttributeString("xSplit", "3");
        w.WriteAttributeString("ySplit", "4");
        w.WriteAttributeString("topLeftCell", "D5");
        w.WriteAttributeString("activePane", "bottomRight");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("cols", Ns);
        SheetXml.Column(w, 1, 1, 22);
        SheetXml.Column(w, 2, 2, 30);
        SheetXml.Column(w, 3, 3, 60);
        if (columns.Count > 0)
        {
            SheetXml.Column(w, 4, 3 + columns.Count, 14);
        }

        w.WriteEndElement();
        w.WriteStartElement("sheetData", Ns);

        var row = 1u;
        Row(w, row++, [(title, Title)]);
        Row(w, row++, [("Шкала: " + template.ScaleCaption + "; «н/п» — не применимо. Версия листа " + template.Version + ".", Muted)]);
        Row(w, row++, [("Область происходящих изменений", Header), ("Критерии происходящих изменений", Header),
            ("Показатели происходящих изменений  (" + template.ScaleCaption + ")", Header), .. columns.Select(c => (c.ShortName, Header))]);
        Row(w, row++, [("", Header), ("", Header), ("", Header), .. columns.Select(c => (KindLabel(c), Header))]);

        foreach (var area in template.Areas)
        {
            var areaStart = row;
            foreach (var criterion in area.Criteria)
            {
                var criterionStart = row;
                foreach (var item in criterion.Items)
                {
                    var cells = new List<(object, uint)>
                    {
                        (row == areaStart ? $"{area.Id}. {area.Title}" : "", Wrap),
                        (row == criterionStart ? $"{criterion.Id}. {criterion.Title}" : "", Wrap),
                        (item.Parent is null ? item.Text : "- " + item.Text, Wrap),
                    };
                    foreach (var c in columns)
                    {
                        cells.Add(item.Scored ? ValueCell(c, item.Id) : ("", Plain));
                    }

                    Row(w, row++, cells);
                }

                if (row - criterionStart > 1)
                {
                    merges.Add($"B{criterionStart}:B{row - 1}");
                }
            }

            if (row - areaStart > 1)
            {
                merges.Add($"A{areaStart}:A{row - 1}");
            }

            Row(w, row++, [($"Итого баллов за п.{area.Id}.", Subtotal), ($"Максимум баллов: {area.Max}", Subtotal), ("", Subtotal),
                .. columns.Select(c => Submitted(c) ? ((object)(c.Areas.FirstOrDefault(a => a.Id == area.Id)?.Score ?? 0), Subtotal) : ("", Subtotal))]);
        }

        Row(w, row++, [("Всего баллов за пп.1-4", Subtotal), ($"Максимум баллов: {template.MaxTotal}", Subtotal), ("", Subtotal),
            .. columns.Select(c => Submitted(c) ? ((object)c.Total, Subtotal) : ("не отправлен", Subtotal))]);
        Row(w, row++, [("Применимый максимум", Bold), ("без строк «не применимо»", Muted), ("", Plain),
            .. columns.Select(c => Submitted(c) ? ((object)c.ApplicableMax, Bold) : ("", Plain))]);
        Row(w, row++, [("Процент", Bold), ("от применимого максимума", Muted), ("", Plain),
            .. columns.Select(c => c.Percent is { } p ? ((object)(p / 100.0), PercentStyle) : ("", Plain))]);
        Row(w, row++, [("Кластер", Bold), ("", Plain), ("", Plain), .. columns.Select(ClusterCell)]);
        Row(w, row++, [("Отправлен", Bold), ("", Plain), ("", Plain),
            .. columns.Select(c => c.SubmittedAt is { } at ? ((object)$"{at:dd.MM.yyyy}, ред. {c.Revision}", Muted) : ("не отправлен", Low))]);
        row++;
        Row(w, row++, [("Отнесение ОО к кластерам (прочтение MethodDays), от применимого максимума:", Bold)]);
        var lines = ClusterThresholds.Lines(template);
        var clusters = template.Clusters.OrderByDescending(c => c.MinPercent).ToList();
        for (var i = 0; i < clusters.Count; i++)
        {
            Row(w, row++, [(clusters[i].Title, Plain), (lines[i], Plain),
                ("в тексте рекомендаций: " + clusters[i].SeedText + "; диапазоны баллов там пересекаются, проценты — нет", Muted)]);
        }

        w.WriteEndElement(); // sheetData
        if (merges.Count > 0)
        {
            w.WriteStartElement("mergeCells", Ns);
            w.WriteAttributeString("count", merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var m in merges)
            {
                w.WriteStartElement("mergeCell", Ns);
                w.WriteAttributeString("ref", m);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement(); // worksheet
    }

    private static void WriteMissing(WorksheetPart part, IReadOnlyList<SchoolRef> notSubmitted)
    {
        using var w = SheetXml.Open(part);
        w.WriteStartElement("cols", Ns);
        SheetXml.Column(w, 1, 1, 24);
        SheetXml.Column(w, 2, 2, 70);
        w.WriteEndElement();
        w.WriteStartElement("sheetData", Ns);
        Row(w, 1, [("Школа", Header), ("Полное название", Header)]);
        var row = 2u;
        foreach (var s in notSubmitted)
        {
            Row(w, row++, [(s.ShortName, Plain), (s.Name, Wrap)]);
        }

        if (notSubmitted.Count == 0)
        {
            Row(w, row, [("Все школы отправили лист.", Muted)]);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static bool Submitted(SummaryColumn c) => c.Revision > 0;

    private static string KindLabel(SummaryColumn c) =>
        (c.Kind == SchoolKind.Basic ? "ООШ" : "СОШ") + (c.LowResults ? ", ШНОР" : "");

    private static (object, uint) ValueCell(SummaryColumn c, string id)
    {
        if (!Submitted(c) || !c.Values.TryGetValue(id, out var v))
        {
            return ("", Plain);
        }

        return v switch
        {
            "2" => (2, Two),
            "1" => (1, One),
            "0" => (0, Zero),
            _ => ("н/п", NotApplicable),
        };
    }

    private static (object, uint) ClusterCell(SummaryColumn c) => c.Cluster switch
    {
        { } cluster => (ClusterThresholds.Label(cluster), cluster switch { Cluster.High => High, Cluster.Medium => Medium, _ => Low }),
        _ => ("", Plain),
    };

    private static void Row(XmlWriter w, uint index, IEnumerable<(object Value, uint Style)> cells)
    {
        var r = index.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement("row", Ns);
        w.WriteAttributeString("r", r);
        var col = 0;
        foreach (var (value, style) in cells)
        {
            col++;
            if (value is string s && s.Length == 0 && style == Plain)
            {
                continue;
            }

            w.WriteStartElement("c", Ns);
            w.WriteAttributeString("r", ColumnName(col) + r);
            if (style != Plain)
            {
                w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            }

            if (value is string text)
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Ns);
                w.WriteStartElement("t", Ns);
                text = SheetXml.Clean(text);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                {
                    w.WriteAttributeString("xml", "space", null, "preserve");
                }

                w.WriteString(text);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            else
            {
                w.WriteElementString("v", Ns, Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        while (index > 0)
        {
            var rem = (index - 1) % 26;
            name = (char)('A' + rem) + name;
            index = (index - 1) / 26;
        }

        return name;
    }

    private static Stylesheet Stylesheet()
    {
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = "FF" + rgb }) { PatternType = PatternValues.Solid });
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Calibri" }),
            new Font(new Italic(), new FontSize { Val = 10 }, new Color { Rgb = "FF595959" }, new FontName { Val = "Calibri" })); // the schema's order: i, sz, color, name
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("C6EFCE"), // 2: green
            Solid("FFEB9C"), // 3: yellow
            Solid("FFC7CE"), // 4: red
            Solid("E7E6E6"), // 5: grey
            Solid("DDEBF7"), // 6: subtotal blue
            Solid("F2F2F2")); // 7: header
        var thin = new Border(
            new LeftBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var borders = new Borders(new Border(), thin);
        var numberFormats = new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 };

        static CellFormat Format(uint font, uint fill, uint border, bool wrap = false, bool center = false, uint numFmt = 0) => new(
            new Alignment
            {
                WrapText = wrap,
                Vertical = VerticalAlignmentValues.Top,
                Horizontal = center ? HorizontalAlignmentValues.Center : HorizontalAlignmentValues.General,
            })
        {
            FontId = font,
            FillId = fill,
            BorderId = border,
            NumberFormatId = numFmt,
            ApplyFont = true,
            ApplyFill = fill > 0,
            ApplyBorder = border > 0,
            ApplyAlignment = true,
            ApplyNumberFormat = numFmt > 0,
        };

        var formats = new CellFormats(
            Format(0, 0, 0),                     // Plain
            Format(1, 0, 0),                     // Bold
            Format(0, 0, 1, wrap: true),         // Wrap
            Format(0, 2, 1, center: true),       // Two
            Format(0, 3, 1, center: true),       // One
            Format(0, 4, 1, center: true),       // Zero
            Format(0, 5, 1, center: true),       // NotApplicable
            Format(1, 6, 1, wrap: true, center: false), // Subtotal
            Format(1, 0, 1, center: true, numFmt: 164), // Percent
            Format(1, 2, 1, center: true),       // High
            Format(1, 3, 1, center: true),       // Medium
            Format(1, 4, 1, center: true),       // Low
            Format(2, 0, 0),                     // Title
            Format(1, 7, 1, wrap: true, center: true), // Header
            Format(3, 0, 0, wrap: false));       // Muted
        return new Stylesheet(numberFormats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), formats);
    }
}
