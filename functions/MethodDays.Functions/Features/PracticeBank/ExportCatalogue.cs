using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// What an export archive says about its practices besides their files: a catalogue.xlsx to sort and filter, and an
/// index.html that browses the archive offline with relative links to each file.
/// </summary>
internal static class ExportCatalogue
{
    /// <summary>catalogue.xlsx: one row per practice, its data and where its files are in the archive.</summary>
    public static void WriteWorkbook(Stream output, IReadOnlyList<ExportWriter.Entry> entries, string title)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var w = OpenXmlWriter.Create(part))
        {
            w.WriteStartElement(new Worksheet());
            w.WriteStartElement(new SheetData());
            Row(w, 1, [title]);
            Row(w, 2, ["№", "Тема ЕМД", "Название", "Вид", "Предмет", "Классы", "Авторы", "Школа", "Учебный год", "Описание", "Ссылки", "Файлы (папка в архиве)", "Показатели листа оценки"]);
            var row = 3u;
            foreach (var (e, i) in entries.Select((e, i) => (e, i)))
            {
                var p = e.Practice;
                Row(w, row++,
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture), p.TopicTitle ?? "", p.Title, KindTitle(PracticeViews.Kind(p)), p.Subject, p.Grades.Replace(",", ", ", StringComparison.Ordinal),
                    string.Join(", ", PracticeViews.Read<List<string>>(p.Authors)), e.SchoolName, p.SchoolYear, p.Description,
                    string.Join("\n", PracticeViews.Read<List<PracticeLink>>(p.Links).Select(l => $"{l.Title}: {l.Url}")),
                    string.Join("\n", e.Files.Select(f => f.Path)), p.Indicators.Replace(",", ", ", StringComparison.Ordinal),
                ]);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Каталог" }));
        workbook.Workbook.Save();
    }

    private static void Row(OpenXmlWriter w, uint index, IEnumerable<string> values)
    {
        w.WriteStartElement(new Row { RowIndex = index });
        var column = 0;
        foreach (var value in values)
        {
            column++;
            var reference = MethodDays.Features.SelfAssessment.SheetWorkbook.ColumnName(column) + index.ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement(new Cell { DataType = CellValues.InlineString, CellReference = reference });
            w.WriteElement(new InlineString(new Text(value.Length > 32_000 ? value[..32_000] : value)));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>A self-contained page: every practice's data and relative links to its files in the archive.</summary>
    public static string IndexHtml(IReadOnlyList<ExportWriter.Entry> entries, string title)
    {
        static string H(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string U(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(H(title)).Append("</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}")
            .Append("article{border-top:1px solid #ccc;padding:.5rem 0}h2{font-size:1.2rem;margin:.2rem 0}.meta{color:#555}</style></head><body>");
        html.Append("<h1>").Append(H(title)).Append("</h1><p>Практик: ").Append(entries.Count).Append(". Каталог в таблице: <a href=\"catalogue.xlsx\">catalogue.xlsx</a>.</p>");
        foreach (var topic in entries.GroupBy(e => e.Practice.TopicTitle ?? "Без темы ЕМД"))
        {
            html.Append("<section><h2>Тема: ").Append(H(topic.Key)).Append("</h2>");
            foreach (var e in topic)
            {
                var p = e.Practice;
                html.Append("<article><h3>").Append(H(p.Title)).Append("</h3><p class=\"meta\">")
                    .Append(H(KindTitle(PracticeViews.Kind(p)))).Append(" · ").Append(H(p.Subject)).Append(" · классы ").Append(H(p.Grades.Replace(",", ", ", StringComparison.Ordinal)))
                    .Append(" · ").Append(H(e.SchoolName)).Append(" · ").Append(H(p.SchoolYear)).Append("<br>Авторы: ")
                    .Append(H(string.Join(", ", PracticeViews.Read<List<string>>(p.Authors)))).Append("</p><p>")
                    .Append(H(p.Description).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p><ul>");
                foreach (var (file, path) in e.Files)
                {
                    html.Append("<li><a href=\"").Append(U(path)).Append("\">").Append(H(file.Name)).Append("</a></li>");
                }

                foreach (var link in PracticeViews.Read<List<PracticeLink>>(p.Links))
                {
                    html.Append("<li><a href=\"").Append(H(link.Url)).Append("\" rel=\"noopener\">").Append(H(link.Title)).Append("</a></li>");
                }

                html.Append("</ul></article>");
            }

            html.Append("</section>");
        }

        return html.Append("</body></html>").ToString();
    }

    public static string KindTitle(PracticeKind kind) => kind switch
    {
        PracticeKind.LessonScenario => "сценарий урока",
        PracticeKind.VideoLesson => "видеоурок",
        PracticeKind.PracticeDescription => "описание практики",
        PracticeKind.MasterClass => "мастер-класс",
        _ => "другое",
    };
}
