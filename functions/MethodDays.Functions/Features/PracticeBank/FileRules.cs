using System.Text;
using System.Text.RegularExpressions;
using MethodDays.Platform.Files;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// What may go into the bank: documents, presentations, spreadsheets, PDFs, images, audio and video — checked by
/// content (magic numbers), not only by extension. Executables, archives (and documents hiding executables or
/// macros) and files whose content does not match their extension are refused with a clear message.
/// </summary>
public static partial class FileRules
{
    public const int BlockSize = MethodDays.Platform.Storage.StagedBlocks.BlockSize;
    public const int MaxFilesPerPractice = 10;
    public const long MaxBytesPerPractice = 2L * 1024 * 1024 * 1024;

    private const long Mb = 1024 * 1024;

    /// <summary>The longest OpenDocument mimetype is 46 characters; read no more than this of the part.</summary>
    private const int MaxMimetypeBytes = 128;

    public static readonly IReadOnlyList<UploadRule> Kinds =
    [
        new("document", "Документы", [".doc", ".docx", ".odt", ".rtf", ".txt"], 50 * Mb),
        new("presentation", "Презентации", [".ppt", ".pptx", ".odp"], 200 * Mb),
        new("spreadsheet", "Таблицы", [".xls", ".xlsx", ".ods", ".csv"], 50 * Mb),
        new("pdf", "PDF", [".pdf"], 100 * Mb),
        new("image", "Изображения", [".jpg", ".jpeg", ".png", ".gif", ".webp"], 20 * Mb),
        new("audio", "Аудио", [".mp3", ".m4a", ".ogg", ".wav"], 200 * Mb),
        new("video", "Видео", [".mp4", ".m4v", ".mov", ".webm"], 1024 * Mb),
    ];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".rtf"] = "application/rtf",
        [".txt"] = "text/plain; charset=utf-8",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".csv"] = "text/csv; charset=utf-8",
        [".pdf"] = "application/pdf",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".ogg"] = "audio/ogg",
        [".wav"] = "audio/wav",
        [".mp4"] = "video/mp4",
        [".m4v"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".webm"] = "video/webm",
    };

    private static readonly string[] Dangerous =
        [".exe", ".dll", ".com", ".bat", ".cmd", ".scr", ".msi", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".ps1", ".sh", ".jar", ".lnk", ".hta", ".apk", ".zip", ".rar", ".7z"];

    public static UploadRule? RuleFor(string extension) => Kinds.FirstOrDefault(k => k.Extensions.Contains(extension));

    public static string ContentTypeOf(string extension) => ContentTypes.GetValueOrDefault(extension, "application/octet-stream");

    /// <summary>A safe file name: no path, no control or reserved characters, at most 120 characters, its extension kept.</summary>
    public static string Sanitize(string name)
    {
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var cleaned = new StringBuilder();
        foreach (var ch in last.Normalize(NormalizationForm.FormC))
        {
            cleaned.Append(char.IsControl(ch) || "<>:\"|?*".Contains(ch, StringComparison.Ordinal) ? '_' : ch);
        }

        var text = Spaces().Replace(cleaned.ToString(), " ").Trim(' ', '.');
        var extension = Path.GetExtension(text).ToLowerInvariant();
        var stem = Path.GetFileNameWithoutExtension(text).Trim(' ', '.');
        if (stem.Length == 0)
        {
            stem = "файл";
        }

        if (Reserved().IsMatch(stem))
        {
            stem = "_" + stem;
        }

        if (stem.Length > 110)
        {
            stem = stem[..110].TrimEnd();
        }

        return stem + extension;
    }

    /// <summary>Checks a file's first bytes against its extension. Null when fine, else a Russian reason.</summary>
    public static string? CheckSignature(string extension, ReadOnlySpan<byte> head)
    {
        if (Starts(head, "MZ"u8) || Starts(head, [0x7F, 0x45, 0x4C, 0x46]) || Starts(head, [0xCF, 0xFA, 0xED, 0xFE])
            || Starts(head, [0xFE, 0xED, 0xFA, 0xCE]) || Starts(head, [0xCA, 0xFE, 0xBA, 0xBE]) || Starts(head, "#!"u8))
        {
            return "Это исполняемый файл или скрипт: такие файлы в банк практик не принимаются.";
        }

        if (Starts(head, "Rar!"u8) || Starts(head, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) || Starts(head, [0x1F, 0x8B]))
        {
            return "Архивы не принимаются: загрузите файлы по отдельности.";
        }

        var ok = extension switch
        {
            ".doc" or ".xls" or ".ppt" => Starts(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" or ".odp" => Starts(head, [0x50, 0x4B, 0x03, 0x04]),
            ".rtf" => Starts(head, @"{\rtf"u8),
            ".pdf" => Starts(head, "%PDF-"u8),
            ".jpg" or ".jpeg" => Starts(head, [0xFF, 0xD8, 0xFF]),
            ".png" => Starts(head, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ".gif" => Starts(head, "GIF87a"u8) || Starts(head, "GIF89a"u8),
            ".webp" => Starts(head, "RIFF"u8) && At(head, 8, "WEBP"u8),
            ".wav" => Starts(head, "RIFF"u8) && At(head, 8, "WAVE"u8),
            ".mp3" => Starts(head, "ID3"u8) || (head.Length > 1 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0),
            ".ogg" => Starts(head, "OggS"u8),
            ".m4a" => At(head, 4, "ftyp"u8) && At(head, 8, "M4A "u8),
            ".mp4" or ".m4v" => At(head, 4, "ftyp"u8) && !At(head, 8, "M4A "u8),
            ".mov" => At(head, 4, "ftyp"u8) || At(head, 4, "moov"u8) || At(head, 4, "mdat"u8) || At(head, 4, "wide"u8) || At(head, 4, "free"u8),
            ".webm" => Starts(head, [0x1A, 0x45, 0xDF, 0xA3]),
            ".txt" or ".csv" => LooksLikeText(head),
            _ => false,
        };
        if (ok)
        {
            return null;
        }

        if (Starts(head, [0x50, 0x4B, 0x03, 0x04]))
        {
            return $"Содержимое файла — архив, а не «{extension}». Архивы не принимаются.";
        }

        return $"Содержимое файла не соответствует расширению «{extension}». Проверьте, что файл не переименован, и сохраните его в нужном формате.";
    }

    /// <summary>
    /// Office Open XML and OpenDocument files are zip packages: they must be real documents of their kind, with no
    /// executables, scripts, nested archives or macros inside. Only the zip's directory and the first bytes of the
    /// OpenDocument <c>mimetype</c> part are read, each within a fixed bound: a small file that inflates to gigabytes
    /// costs a few kilobytes here.
    /// </summary>
    public static string? CheckPackage(string extension, Stream seekable)
    {
        if (extension is not (".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" or ".odp"))
        {
            return null;
        }

        try
        {
            var entries = BoundedZip.ReadDirectory(seekable);
            foreach (var entry in entries)
            {
                var name = entry.Name.ToLowerInvariant();
                if (Dangerous.Any(d => name.EndsWith(d, StringComparison.Ordinal)) || name.EndsWith("vbaproject.bin", StringComparison.Ordinal))
                {
                    return "Внутри документа спрятаны исполняемые файлы, архивы или макросы: такой файл не принимается. Сохраните документ без макросов.";
                }
            }

            if (extension.StartsWith(".o", StringComparison.Ordinal))
            {
                var expected = "application/vnd.oasis.opendocument." + extension switch { ".odt" => "text", ".ods" => "spreadsheet", _ => "presentation" };
                var mimetype = entries.FirstOrDefault(e => e.Name == "mimetype");
                if (mimetype is null)
                {
                    return $"Это не документ OpenDocument «{extension}».";
                }

                // The part holds one short line; anything longer is not a document's mimetype, whatever it starts with.
                var head = BoundedZip.ReadPrefix(seekable, mimetype, MaxMimetypeBytes);
                return head.Length <= MaxMimetypeBytes && Encoding.ASCII.GetString(head).Trim() == expected
                    ? null
                    : $"Это не документ OpenDocument «{extension}».";
            }

            var main = extension switch { ".docx" => "word/", ".xlsx" => "xl/", _ => "ppt/" };
            return entries.Any(e => e.Name == "[Content_Types].xml") && entries.Any(e => e.Name.StartsWith(main, StringComparison.Ordinal))
                ? null
                : $"Это не документ Office «{extension}», а обычный архив. Архивы не принимаются.";
        }
        catch (ZipTooLargeException)
        {
            return "В документе слишком много частей: похоже на архив, а не на документ.";
        }
        catch (InvalidDataException)
        {
            return $"Файл «{extension}» повреждён: его не удалось открыть как документ.";
        }
    }

    private static bool Starts(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    private static bool At(ReadOnlySpan<byte> head, int offset, ReadOnlySpan<byte> magic) => head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic);

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 64 * 1024)];
        foreach (var b in sample)
        {
            if (b == 0 || (b < 0x09) || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}
