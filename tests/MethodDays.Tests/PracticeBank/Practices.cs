using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.PracticeBank;

/// <summary>Building blocks: practices through the API, uploads in blocks, sample files of every sort.</summary>
internal static class Practices
{
    public const string Base = "/api/municipalities/north/practices";
    public const int Block = 4 * 1024 * 1024;

    public static object Input(string title = "Лист самооценки на уроке математики", string subject = "Математика", int[]? grades = null,
        string kind = "LessonScenario", string[]? indicators = null, string? topicWeek = null, string[]? competences = null) => new
        {
            title,
            description = "Ученики оценивают свою работу по критериям, которые вырабатывают вместе с учителем.",
            subject,
            grades = grades ?? [5, 6],
            kind,
            authors = new[] { "Орлова Юлия Владимировна" },
            links = new[] { new { title = "Видео урока", url = "https://video.example/lesson/1" } },
            indicators = indicators ?? Array.Empty<string>(),
            topicWeek,
            competences = competences ?? Array.Empty<string>(),
        };

    public static async Task<string> CreateAsync(HttpClient client, object? input = null)
    {
        var response = await client.PostJsonAsync(Base, input ?? Input());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (string)(await response.ReadJsonAsync())["id"]!;
    }

    /// <summary>Uploads a whole file in 4 MiB blocks and completes it; returns the completion answer.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string practiceId, string fileName, byte[] content)
    {
        var start = await client.PostJsonAsync($"{Base}/{practiceId}/uploads", new { fileName, size = content.Length });
        if (!start.IsSuccessStatusCode)
        {
            return start;
        }

        var uploadId = (string)(await start.ReadJsonAsync())["id"]!;
        for (var i = 0; i * Block < content.Length; i++)
        {
            var block = await SendBlockAsync(client, practiceId, uploadId, i, content);
            if (!block.IsSuccessStatusCode)
            {
                return block;
            }
        }

        return await client.PostAsync($"{Base}/{practiceId}/uploads/{uploadId}/complete", null);
    }

    public static async Task<HttpResponseMessage> SendBlockAsync(HttpClient client, string practiceId, string uploadId, int index, byte[] content)
    {
        var length = Math.Min(Block, content.Length - (index * Block));
        var body = new ByteArrayContent(content, index * Block, length);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PutAsync($"{Base}/{practiceId}/uploads/{uploadId}/blocks/{index}", body);
    }

    public static async Task SubmitAsync(HttpClient author, string practiceId) =>
        Assert.Equal(HttpStatusCode.OK, (await author.PostAsync($"{Base}/{practiceId}/submit", null)).StatusCode);

    public static async Task ReviewAsync(HttpClient reviewer, string practiceId, string action, string? comment = null)
    {
        var response = await reviewer.PostJsonAsync($"{Base}/{practiceId}/review", new { action, comment });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A practice taken all the way into the bank, with one PDF.</summary>
    public static async Task<string> AcceptedAsync(AppFactory app, object? input = null, string author = "teacher-s1")
    {
        var client = app.ClientFor(author);
        var id = await CreateAsync(client, input);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(client, id, "сценарий урока.pdf", Pdf(20_000))).StatusCode);
        await SubmitAsync(client, id);
        await ReviewAsync(app.ClientFor("methodist-n"), id, "accept");
        return id;
    }

    public static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n").CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Png(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Mp4(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m' }.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Exe()
    {
        var bytes = new byte[4096];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        return bytes;
    }

    /// <summary>A real Word document made with the Open XML SDK.</summary>
    public static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }

        return stream.ToArray();
    }

    /// <summary>A zip archive with the given entries (to fake documents that are really archives).</summary>
    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }
}
