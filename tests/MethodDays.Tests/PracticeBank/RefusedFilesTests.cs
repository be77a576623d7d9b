using System.IO.Compression;
using System.Net;
using Azure.Storage.Blobs;
using MethodDays.Features.PracticeBank;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.PracticeBank;

/// <summary>Files are checked by what they contain: executables, archives and mismatched types are refused, clearly.</summary>
public sealed class RefusedFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = Practices.Base;

    public static TheoryData<string, string, string> Refused => new()
    {
        { "программа.pdf", "exe", "исполняемый" },
        { "скрипт.txt", "script", "исполняемый" },
        { "отчёт.docx", "zip", "архив" },
        { "отчёт.docx", "docx-with-exe", "макросы" },
        { "фото.png", "pdf", "не соответствует" },
        { "видео.mp4", "text", "не соответствует" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task FileWhoseContentIsNotWhatItSaysIsRefusedAndLeavesNothingBehind(string name, string content, string reason)
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var bytes = content switch
        {
            "exe" => Practices.Exe(),
            "script" => "#!/bin/sh\nrm -rf /\n"u8.ToArray(),
            "zip" => Practices.Zip(("урок.txt", "текст"), ("setup.exe", "MZ")),
            "docx-with-exe" => Practices.Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/embeddings/payload.exe", "MZ")),
            "pdf" => Practices.Pdf(2000),
            _ => "обычный текст, а не видео"u8.ToArray(),
        };

        var response = await Practices.UploadAsync(teacher, id, name, bytes);
        var problem = await response.AssertProblemAsync(415);
        Assert.Contains(reason, (string?)problem["detail"]);

        var practice = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Empty(practice["files"]!.AsArray());
        var container = app.Service<BlobServiceClient>().GetBlobContainerClient(app.Service<StorageNames>().Container("practices"));
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"north/{id}/", TestContext.Current.CancellationToken))
        {
            Assert.Fail($"A refused file left a blob behind: {blob.Name}");
        }
    }

    [Fact]
    public async Task RealDocumentsOfEveryAllowedSortAreAccepted()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, "сценарий.docx", Practices.Docx("Сценарий урока"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, "схема.png", Practices.Png(5000))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, "критерии.csv", "критерий;балл\nточность;2\n"u8.ToArray())).StatusCode);
        var files = (await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync())["files"]!.AsArray();
        Assert.Equal(["document", "image", "spreadsheet"], files.Select(f => (string)f!["kind"]!).Order().ToArray());
    }

    [Fact]
    public async Task ForbiddenExtensionsAndOversizeFilesAreRefusedBeforeUpload()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var exe = await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "setup.exe", size = 1000 })).AssertProblemAsync(400, "fileName");
        Assert.Contains(".pdf", (string?)exe["errors"]!["fileName"]![0]);
        await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "архив.zip", size = 1000 })).AssertProblemAsync(400, "fileName");
        var big = await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "фото.jpg", size = 21L * 1024 * 1024 })).AssertProblemAsync(400, "size");
        Assert.Contains("до 20 МБ", (string?)big["errors"]!["size"]![0]);
        await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "видео.mp4", size = 1025L * 1024 * 1024 })).AssertProblemAsync(400, "size");
        await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "пусто.pdf", size = 0 })).AssertProblemAsync(400, "size");
    }

    [Fact]
    public async Task BlockOfTheWrongSizeOrAnotherPersonsUploadIsRefused()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        var start = await (await teacher.PostJsonAsync($"{Base}/{id}/uploads", new { fileName = "урок.pdf", size = 10_000 })).ReadJsonAsync();
        var uploadId = (string)start["id"]!;
        var shortBlock = new ByteArrayContent(Practices.Pdf(9_000));
        shortBlock.Headers.ContentType = new("application/octet-stream");
        await (await teacher.PutAsync($"{Base}/{id}/uploads/{uploadId}/blocks/0", shortBlock)).AssertProblemAsync(400, "body");
        await (await teacher.PutAsync($"{Base}/{id}/uploads/{uploadId}/blocks/5", new ByteArrayContent([1]))).AssertProblemAsync(400, "index");
        await (await app.ClientFor("admin-s1").GetAsync($"{Base}/{id}/uploads/{uploadId}")).AssertProblemAsync(403);
    }

    [Fact]
    public void OpenDocumentWhoseMimetypeInflatesToMegabytesIsRefusedAfterReadingOnlyItsStart()
    {
        // A zip bomb in the probe's shape: the right mimetype, then 64 MB of spaces that deflate to a few dozen KB.
        var bomb = OpenDocument("application/vnd.oasis.opendocument.text", padding: 64 * 1024 * 1024);
        using var counting = new CountingStream(bomb);

        var refusal = FileRules.CheckPackage(".odt", counting);

        Assert.NotNull(refusal);
        Assert.Contains("OpenDocument", refusal);
        Assert.True(counting.BytesRead < bomb.Length / 4, $"The check read {counting.BytesRead} of {bomb.Length} bytes");
    }

    [Fact]
    public void RealOpenDocumentAndOfficeFilesPassTheBoundedCheck()
    {
        Assert.Null(FileRules.CheckPackage(".odt", new MemoryStream(OpenDocument("application/vnd.oasis.opendocument.text", padding: 0))));
        Assert.Null(FileRules.CheckPackage(".docx", new MemoryStream(Practices.Docx("Сценарий урока"))));
        Assert.Contains("OpenDocument", FileRules.CheckPackage(".ods", new MemoryStream(OpenDocument("application/vnd.oasis.opendocument.text", padding: 0))));
        Assert.Contains("повреждён", FileRules.CheckPackage(".odt", new MemoryStream([0x50, 0x4B, 0x03, 0x04, .. new byte[100]])));
    }

    [Fact]
    public async Task ZipBombUploadedAsATextDocumentIsRefusedWithAClearMessage()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);

        var response = await Practices.UploadAsync(teacher, id, "конспект.odt", OpenDocument("application/vnd.oasis.opendocument.text", padding: 64 * 1024 * 1024));

        var problem = await response.AssertProblemAsync(415);
        Assert.Contains("OpenDocument", (string?)problem["detail"]);
        Assert.Empty((await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync())["files"]!.AsArray());
    }

    /// <summary>An OpenDocument file: its mimetype part (deflated, followed by <paramref name="padding"/> spaces) and a content part.</summary>
    private static byte[] OpenDocument(string mimetype, int padding)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var part = zip.CreateEntry("mimetype", CompressionLevel.Optimal).Open())
            {
                part.Write(System.Text.Encoding.ASCII.GetBytes(mimetype));
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (var left = padding; left > 0; left -= spaces.Length)
                {
                    part.Write(spaces, 0, Math.Min(left, spaces.Length));
                }
            }

            using var writer = new StreamWriter(zip.CreateEntry("content.xml").Open());
            writer.Write("<office:document-content/>");
        }

        return stream.ToArray();
    }

    /// <summary>Counts what a reader takes from a file.</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

        public override int ReadByte()
        {
            var b = base.ReadByte();
            BytesRead += b < 0 ? 0 : 1;
            return b;
        }

        private int Count(int n)
        {
            BytesRead += n;
            return n;
        }
    }
}
