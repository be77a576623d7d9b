using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// Writes the bank (or a filtered part) as a zip: a folder per topic and practice with the original files, a
/// catalogue.xlsx and an index.html that browses offline. Streams each file from Blob Storage into the zip and the
/// zip straight into Blob Storage, so memory stays flat whatever the bank's size.
/// </summary>
internal sealed class ExportWriter(PracticeFileStore files)
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>One practice as exported: its data, its folder and files in the zip.</summary>
    public sealed record Entry(PracticeEntity Practice, string SchoolName, string Folder, IReadOnlyList<(StoredFile File, string Path)> Files);

    public static IReadOnlyList<Entry> Plan(IReadOnlyList<PracticeEntity> practices, IReadOnlyDictionary<string, string> schools)
    {
        var entries = new List<Entry>();
        var number = 0;
        foreach (var topic in practices.GroupBy(p => p.TopicWeek ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = topic.First();
            var topicFolder = topic.Key.Length == 0 ? "Без темы ЕМД" : SafeName($"{topic.Key} {first.TopicTitle}", 80);
            foreach (var p in topic.OrderBy(p => p.Title, StringComparer.Create(Russian, false)))
            {
                number++;
                var folder = $"{topicFolder}/{number:D4} {SafeName(p.Title, 60)}";
                var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var files = p.StoredFiles.Select(f =>
                {
                    var name = f.Name;
                    for (var i = 2; !used.Add(name); i++)
                    {
                        name = $"{Path.GetFileNameWithoutExtension(f.Name)} ({i}){Path.GetExtension(f.Name)}";
                    }

                    return (f, $"{folder}/{name}");
                }).ToList();
                entries.Add(new Entry(p, schools.GetValueOrDefault(p.SchoolId, p.SchoolId), folder, files));
            }
        }

        return entries;
    }

    /// <summary>Writes the zip; <paramref name="progress"/> is called after each practice with the bytes so far.</summary>
    public async Task WriteAsync(Stream output, IReadOnlyList<Entry> entries, string title, Func<int, long, Task> progress, CancellationToken ct)
    {
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8, ct);
        var inOrder = entries.SelectMany(e => e.Files).Select(f => f.File).ToList();
        long bytes = 0;
        var done = 0;
        var started = 0;

        // The next file's download starts while the current one is copied: storage and the zip work side by side.
        Task<Stream>? next = inOrder.Count > 0 ? files.DownloadAsync(inOrder[started++], ct) : null;
        try
        {
            foreach (var entry in entries)
            {
                foreach (var (file, path) in entry.Files)
                {
                    var source = await next!;
                    next = started < inOrder.Count ? files.DownloadAsync(inOrder[started++], ct) : null;

                    // Media and office files are compressed already; storing them keeps the export fast.
                    var level = file.Kind is "video" or "audio" or "image" or "pdf" || Path.GetExtension(file.Name) is ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" or ".odp" ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
                    var zipEntry = zip.CreateEntry(path, level);
                    zipEntry.LastWriteTime = file.UploadedAt;
                    await using (var target = await zipEntry.OpenAsync(ct))
                    await using (var content = source)
                    {
                        await content.CopyToAsync(target, 1024 * 1024, ct);
                    }

                    bytes += file.Size;
                }

                done++;
                await progress(done, bytes);
            }
        }
        finally
        {
            if (next is not null)
            {
                try
                {
                    await (await next).DisposeAsync();
                }
                catch (Exception)
                {
                    // The export failed already; an unfinished prefetch has nothing to keep.
                }
            }
        }

        var catalogue = zip.CreateEntry("catalogue.xlsx", CompressionLevel.Fastest);
        await using (var stream = await catalogue.OpenAsync(ct))
        {
            using var buffer = new MemoryStream();
            WriteCatalogue(buffer, entries, title);
            buffer.Position = 0;
            await buffer.CopyToAsync(stream, ct);
        }

        var index = zip.CreateEntry("index.html", CompressionLevel.Optimal);
        await using (var stream = await index.OpenAsync(ct))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            await writer.WriteAsync(IndexHtml(entries, title));
        }
    }

    private static void WriteCatalogue(Stream output, IReadOnlyList<Entry> entries, string title)
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
    private static string IndexHtml(IReadOnlyList<Entry> entries, string title)
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

    /// <summary>A folder or file name safe on Windows, macOS and Linux.</summary>
    internal static string SafeName(string text, int max)
    {
        var clean = new string(text.Select(ch => char.IsControl(ch) || "<>:\"/\\|?*".Contains(ch, StringComparison.Ordinal) ? ' ' : ch).ToArray());
        clean = string.Join(' ', clean.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        return clean.Length > max ? clean[..max].TrimEnd('.', ' ') : clean.Length == 0 ? "без названия" : clean;
    }
}
