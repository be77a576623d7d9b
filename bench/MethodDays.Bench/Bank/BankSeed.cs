using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MethodDays.Bench.Load;

namespace MethodDays.Bench.Bank;

/// <summary>One seeded practice file: where it is and how big.</summary>
public sealed record SeededFile(string BlobName, long Size);

/// <summary>
/// The bank for the export: <c>N</c> accepted practices of the seeded municipality, one file each of about 1 MiB
/// (0.75–1.25 MiB, a fixed mix of PDF, video, image and presentation — kinds the export stores without deflating,
/// as real media and office files are), written straight into storage: the file blobs at
/// <c>{municipality}/{practiceId}/{fileId}</c> and the practice rows in the app's entity shape, 100 to a transaction.
/// File bytes are random (incompressible) behind each kind's real magic numbers.
/// </summary>
public static class BankSeed
{
    private static readonly (string Extension, string Kind, string ContentType, byte[] Magic)[] Kinds =
    [
        (".pdf", "pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray()),
        (".mp4", "video", "video/mp4", [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2']),
        (".jpg", "image", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0]),
        (".pptx", "presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [0x50, 0x4B, 0x03, 0x04]),
    ];

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<SeededFile>> SeedAsync(TableClient practices, BlobContainerClient files, World world, int count, long meanBytes, Action<string> log)
    {
        var random = new Random(20261123);
        var pattern = new byte[(int)(meanBytes * 2)];
        random.NextBytes(pattern);
        var now = DateTimeOffset.UtcNow;
        var plan = Enumerable.Range(0, count).Select(i =>
        {
            var kind = Kinds[i % Kinds.Length];
            var size = (long)(meanBytes * (0.75 + (0.5 * random.NextDouble())));
            var id = "bench" + i.ToString("D7", CultureInfo.InvariantCulture);
            var fileId = "f" + i.ToString("D15", CultureInfo.InvariantCulture);
            var school = world.Schools[i % world.SchoolCount];
            var admin = world.Admins[i % world.SchoolCount];
            return (Index: i, Kind: kind, Size: size, Id: id, FileId: fileId, School: school, Admin: admin, Blob: $"{World.MunicipalityId}/{id}/{fileId}");
        }).ToList();

        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, ct) =>
        {
            var bytes = new byte[p.Size];
            var offset = (int)((p.Index * 7919L) % (pattern.Length - p.Size));
            Array.Copy(pattern, offset, bytes, 0, p.Size);
            p.Kind.Magic.CopyTo(bytes, 0);
            await files.GetBlobClient(p.Blob).UploadAsync(new BinaryData(bytes), overwrite: true, ct);
        });

        foreach (var chunk in plan.Chunk(100))
        {
            await practices.SubmitTransactionAsync(chunk.Select(p =>
            {
                var title = $"Практика № {p.Index + 1}: приёмы формирующего оценивания";
                var description = "Описание практики: цель, ход урока, приёмы обратной связи, результаты учеников и как применить практику в другой школе.";
                var authors = JsonSerializer.Serialize(new[] { $"Иванова Мария Петровна ({p.School.ShortName})" }, Web);
                var file = new { id = p.FileId, name = $"Материалы практики {p.Index + 1}{p.Kind.Extension}", size = p.Size, contentType = p.Kind.ContentType, kind = p.Kind.Kind, uploadedAt = now, blobName = p.Blob };
                return new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(World.MunicipalityId, "p|" + p.Id)
                {
                    ["SchoolId"] = p.School.Id,
                    ["Title"] = title,
                    ["Description"] = description,
                    ["Subject"] = "Математика",
                    ["Grades"] = "5,6,7",
                    ["Kind"] = p.Index % 2 == 0 ? "PracticeDescription" : "VideoLesson",
                    ["Authors"] = authors,
                    ["Links"] = "[]",
                    ["Indicators"] = "",
                    ["Files"] = JsonSerializer.Serialize(new[] { file }, Web),
                    ["State"] = "Accepted",
                    ["Version"] = 1,
                    ["SchoolYear"] = "2026/2027",
                    ["CreatedById"] = p.Admin.PersonId,
                    ["CreatedByName"] = p.Admin.DisplayName,
                    ["UpdatedAt"] = now,
                    ["SearchText"] = $"{title} {description}".ToLowerInvariant(),
                });
            }));
        }

        var total = plan.Sum(p => p.Size);
        log($"bank: seeded {count} accepted practices, {total / 1e9:F2} GB of files");
        return [.. plan.Select(p => new SeededFile(p.Blob, p.Size))];
    }
}
