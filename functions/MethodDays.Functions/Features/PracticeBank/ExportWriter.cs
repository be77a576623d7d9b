using System.Globalization;
using System.IO.Compression;
using System.Text;

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
            // Folders read as the page does («Неделя 7–13 декабря 2026 — тема»); the week code only orders them.
            var topicFolder = DownloadNames.TopicFolder(topic.Key, topic.First().TopicTitle);
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
            ExportCatalogue.WriteWorkbook(buffer, entries, title);
            buffer.Position = 0;
            await buffer.CopyToAsync(stream, ct);
        }

        var index = zip.CreateEntry("index.html", CompressionLevel.Optimal);
        await using (var stream = await index.OpenAsync(ct))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            await writer.WriteAsync(ExportCatalogue.IndexHtml(entries, title));
        }
    }

    /// <summary>A folder or file name safe on Windows, macOS and Linux.</summary>
    internal static string SafeName(string text, int max)
    {
        var clean = new string(text.Select(ch => char.IsControl(ch) || "<>:\"/\\|?*".Contains(ch, StringComparison.Ordinal) ? ' ' : ch).ToArray());
        clean = string.Join(' ', clean.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        return clean.Length > max ? clean[..max].TrimEnd('.', ' ') : clean.Length == 0 ? "без названия" : clean;
    }
}
