using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MethodDays.Features.Visits;

/// <summary>
/// The report as a Word document: a title, headings (Word's «Заголовок 1/2» styles, so the navigation pane lists them),
/// the lessons and the marks as tables, the lists as bulleted lists. The same parts as the page, in the same order.
/// </summary>
internal static class VisitReportDocx
{
    private const int BulletList = 1;
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    public static byte[] Build(VisitReportView v)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Numbering();
            var body = new Body();
            Fill(body, v);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1418, Right = 850, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return buffer.ToArray();
    }

    public static string Day(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMMM yyyy г.", Ru) : iso;

    private static void Fill(Body body, VisitReportView v)
    {
        body.Append(Para("Справка по итогам «Методического дня»", "Title"));
        body.Append(Para(v.SchoolName, "Subtitle"));
        body.Append(Labelled("Дата посещения: ", Day(v.Date)));
        body.Append(Labelled("Цель: ", v.Purpose));
        body.Append(Labelled("Направления: ", string.Join("; ", v.Directions)));
        if (v.RepeatOf is { } first)
        {
            body.Append(Labelled("Повторное посещение: ", $"по итогам «Методического дня» {Day(first.Date)}"));
        }

        body.Append(Heading("Состав муниципальной команды", 1));
        Bullets(body, v.Team.Select(t => $"{t.Name}{(t.SchoolName is null ? "" : $" ({t.SchoolName})")} — {t.RoleLabel}"), "Команда не указана.");

        if (v.Text.Summary.Length > 0)
        {
            body.Append(Heading("Общие итоги", 1));
            Paragraphs(body, v.Text.Summary);
        }

        body.Append(Heading("Посещённые уроки", 1));
        if (v.Lessons.Count == 0)
        {
            body.Append(Para("Уроки не посещались."));
        }
        else
        {
            body.Append(Table(["№", "Педагог", "Предмет", "Класс", "Время", "Наблюдатели"],
                v.Lessons.Select(l => new[] { l.Number.ToString(CultureInfo.InvariantCulture), l.TeacherName, l.Subject, l.Grade, $"{l.Start}–{l.End}", string.Join(", ", l.Observers) })));
        }

        body.Append(Heading("Отметки по протоколам наблюдения", 1));
        body.Append(Para($"Протокол: {v.Grid.TemplateTitle} (версия {v.Grid.TemplateVersion}). {v.Grid.Note}"));
        if (v.Grid.Lessons.Count > 0 && v.Grid.Items.Count > 0)
        {
            string[] head = ["Пункт протокола", .. v.Grid.Lessons.Select(l => $"{l.TeacherName}, {l.Subject}, {l.Grade}")];
            var rows = v.Grid.Items.Select(i => new[] { $"{i.Text} (из {i.Max})" }.Concat(v.Grid.Lessons.Select(l => CellText(v.Grid.Cells.GetValueOrDefault(i.Id)?.GetValueOrDefault(l.LessonId)))).ToArray());
            body.Append(Table(head, rows));
        }

        body.Append(Heading("Сильные стороны", 1));
        Bullets(body, v.Strengths.Select(Line), "Не отмечены.");
        body.Append(Heading("Проблемы", 1));
        Bullets(body, v.Problems.Select(Line), "Не отмечены.");
        body.Append(Heading("Рекомендации", 1));
        body.Append(Heading("По протоколам наблюдения", 2));
        Bullets(body, v.Recommendations.Select(Line), "Нет.");
        body.Append(Heading("По итогам посещения", 2));
        Bullets(body, v.Text.Recommendations.Select(l => l.Text), "Нет.");

        if (v.Text.Conclusions.Length > 0)
        {
            body.Append(Heading("Выводы", 1));
            Paragraphs(body, v.Text.Conclusions);
        }

        // The review's parts (documents, directions, experience, interview): see VisitReviewReportSections.
        foreach (var s in v.Sections)
        {
            body.Append(Heading(s.Title, 1));
            foreach (var p in s.Paragraphs)
            {
                Paragraphs(body, p);
            }

            Bullets(body, s.Items, null);
        }

        body.Append(Heading("Договорённости", 1));
        Bullets(body, v.Text.Agreements.Select(l => l.Text), "Нет.");

        var help = v.Findings.Where(f => f.HelpItem is not null).Select(f => f.HelpItem!).ToList();
        body.Append(Heading("Адресная помощь", 1));
        Bullets(body, help.Select(h => $"{h.Action} — срок {Day(h.DueDate)}, {h.StatusLabel.ToLower(Ru)}"), "Пункты плана адресной помощи по итогам посещения пока не добавлены.");

        if (v.Comparison is { } c)
        {
            body.Append(Heading($"Сравнение с посещением {Day(c.FirstDate)}", 1));
            if (c.Rows.Count > 0)
            {
                body.Append(Table(["Педагог", "Пункт протокола", "Тогда", "Сейчас", "Изменение"],
                    c.Rows.Select(r => new[] { r.TeacherName, r.ItemText, r.Before ?? "—", r.Now ?? "—", r.ChangeLabel })));
            }
            else
            {
                body.Append(Para("Отметок для сравнения нет."));
            }

            body.Append(Heading("Адресная помощь по итогам первого посещения", 2));
            Bullets(body, c.HelpItems.Select(h => $"{h.Action} — срок {Day(h.DueDate)}, {h.StatusLabel.ToLower(Ru)}"), "Пунктов не было.");
        }
    }

    private static string Line(ProtocolLine l) => $"{l.TeacherName}: {l.Text} ({l.ObserverName})";

    public static string CellText(GridCell? cell) => cell is null ? "—" : cell.Marks.Count > 1 ? $"{cell.Value} ({string.Join(" и ", cell.Marks)})" : cell.Value;

    private static void Paragraphs(Body body, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            body.Append(Para(line.TrimEnd()));
        }
    }

    private static void Bullets(Body body, IEnumerable<string> lines, string? empty)
    {
        var any = false;
        foreach (var line in lines)
        {
            any = true;
            var p = Para(line, "ListParagraph");
            p.ParagraphProperties!.Append(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletList }));
            body.Append(p);
        }

        if (!any && empty is not null)
        {
            body.Append(Para(empty));
        }
    }

    private static Paragraph Heading(string text, int level) => Para(text, $"Heading{level}");

    private static Paragraph Para(string text, string? style = null)
    {
        var p = new Paragraph(new ParagraphProperties());
        if (style is not null)
        {
            p.ParagraphProperties!.Append(new ParagraphStyleId { Val = style });
        }

        p.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    private static Paragraph Labelled(string label, string text) => new(
        new Run(new RunProperties(new Bold()), new Text(label) { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table Table(IReadOnlyList<string> head, IEnumerable<string[]> rows)
    {
        static BorderType Border<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Color = "808080" };
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(Border<TopBorder>(), Border<LeftBorder>(), Border<BottomBorder>(), Border<RightBorder>(), Border<InsideHorizontalBorder>(), Border<InsideVerticalBorder>()),
            new TableLayout { Type = TableLayoutValues.Autofit }));
        table.Append(new TableGrid(head.Select(_ => new DocumentFormat.OpenXml.Wordprocessing.GridColumn())));
        table.Append(Row(head, header: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, header: false));
        }

        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var text in cells)
        {
            var props = new RunProperties();
            if (header)
            {
                props.Append(new Bold());
            }

            props.Append(new FontSize { Val = "20" });
            var run = new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto }), new Paragraph(run)));
        }

        return row;
    }

    private static Styles Styles()
    {
        static Style Para(string id, string name, int size, bool bold, JustificationValues? align = null, int? outline = null, int after = 120)
        {
            var paragraph = new StyleParagraphProperties(new SpacingBetweenLines { After = after.ToString(CultureInfo.InvariantCulture), Before = outline is null ? "0" : "240" });
            if (align is { } a)
            {
                paragraph.Append(new Justification { Val = a });
            }

            if (outline is { } o)
            {
                paragraph.Append(new KeepNext(), new OutlineLevel { Val = o });
            }

            var run = new StyleRunProperties(new FontSize { Val = (size * 2).ToString(CultureInfo.InvariantCulture) });
            if (bold)
            {
                run.PrependChild(new Bold());
            }

            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new PrimaryStyle(), paragraph, run) { Type = StyleValues.Paragraph, StyleId = id };
        }

        var normal = new Style(
            new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "120" }),
            new StyleRunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman" }, new FontSize { Val = "24" }, new Languages { Val = "ru-RU" }))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };
        var list = new Style(new StyleName { Val = "List Paragraph" }, new BasedOn { Val = "Normal" },
            new StyleParagraphProperties(new SpacingBetweenLines { After = "60" }, new Indentation { Left = "720" }))
        { Type = StyleValues.Paragraph, StyleId = "ListParagraph" };
        return new Styles(normal,
            Para("Title", "Title", 16, bold: true, JustificationValues.Center),
            Para("Subtitle", "Subtitle", 13, bold: false, JustificationValues.Center, after: 240),
            Para("Heading1", "heading 1", 14, bold: true, outline: 0),
            Para("Heading2", "heading 2", 12, bold: true, outline: 1),
            list);
    }

    private static Numbering Numbering() => new(
        new AbstractNum(
            new Level(
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletList });
}
