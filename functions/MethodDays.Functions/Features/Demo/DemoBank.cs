using System.Text;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.People;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Demo;

/// <summary>
/// The demo bank of best practices: a handful of practices on the demo topics, most accepted, one waiting for review
/// and one returned with a comment, each with a small PDF, some tagged with indicators schools are weak on.
/// </summary>
internal static class DemoBank
{
    private static readonly (string School, string Author, string Title, string Subject, int[] Grades, PracticeKind Kind, PracticeState State, string[] Indicators, int Topic)[] Practices =
    [
        ("berezovka-1", "fedorov", "Лист самооценки ученика на уроке математики", "Математика", [5, 6], PracticeKind.LessonScenario, PracticeState.Accepted, ["3.1.2"], 0),
        ("ryabinovka", "popov", "Критерии оценивания, выработанные вместе с классом", "Русский язык", [7, 8], PracticeKind.PracticeDescription, PracticeState.Accepted, ["3.1.2", "1.3.2"], 0),
        ("berezovka-2", "volkova", "Индивидуальный маршрут слабоуспевающего ученика", "Управление школой", [5, 6, 7, 8, 9], PracticeKind.PracticeDescription, PracticeState.Accepted, ["2.7.1", "2.11.3", "3.1.6"], 1),
        ("kedrovka", "orlova", "Памятка «Как составить план ответа» для 5–7 классов", "История", [5, 6, 7], PracticeKind.MasterClass, PracticeState.Accepted, ["1.3.2", "3.1.4"], 2),
        ("lugovaya", "pavlova", "Урок-исследование по технологии Lesson Study: дроби", "Математика", [6], PracticeKind.VideoLesson, PracticeState.Submitted, ["1.2.2"], 3),
        ("ozernaya", "semenov", "Приёмы формирования положительной мотивации на уроках биологии", "Биология", [7, 8, 9], PracticeKind.LessonScenario, PracticeState.Returned, ["3.1.3"], 2),
    ];

    /// <summary>The competences each demo practice develops (same order as <see cref="Practices"/>), so a demo route's draft offers some.</summary>
    private static readonly string[][] CompetencesOf =
    [
        ["methodical"], ["methodical", "communicative"], ["psychological"], ["methodical"], ["subject", "methodical"], ["psychological"],
    ];

    public static async Task SeedAsync(PracticeStore store, PracticeFileStore files, CycleStore cycle, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = LocalTime.Zone(DemoData.Municipality.TimeZone);
        var topics = (await cycle.ListTopicsAsync(DemoData.MunicipalityId, ct)).Where(t => t.PublishedAt is not null).OrderBy(t => t.RowKey, StringComparer.Ordinal).ToList();
        foreach (var (p, i) in Practices.Select((p, i) => (p, i)))
        {
            var author = DemoData.Members.First(m => m.PersonId == p.Author);
            var id = $"demo{i + 1:D8}";
            var created = now.AddDays(-20 + (i * 2));
            var fileId = $"demofile{i + 1:D8}";
            var pdf = Pdf(p.Title);
            var blobName = await files.SaveAsync(DemoData.MunicipalityId, id, fileId, new BinaryData(pdf), "application/pdf", ct);
            var topic = topics.Count > 0 ? topics[Math.Min(p.Topic, topics.Count - 1)] : null;
            var practice = new PracticeEntity
            {
                PartitionKey = DemoData.MunicipalityId,
                RowKey = PracticeStore.PracticeKey(id),
                SchoolId = p.School,
                Title = p.Title,
                Description = $"{p.Title}. Как мы применяем это на уроках и что изменилось: ученики лучше понимают, что от них ждут, а учитель видит, где нужна помощь. Материалы — в приложенном файле.",
                TopicWeek = topic?.RowKey,
                TopicTitle = topic?.Title,
                Subject = p.Subject,
                Grades = string.Join(',', p.Grades),
                Kind = p.Kind.ToString(),
                Authors = StoredJson.Write(new[] { author.DisplayName }),
                Links = "[]",
                Indicators = string.Join(',', p.Indicators),
                Competences = string.Join(',', CompetencesOf[i]),
                State = p.State.ToString(),
                Version = 1,
                SchoolYear = PracticeViews.SchoolYear(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(created, zone).DateTime)),
                CreatedById = author.PersonId,
                CreatedByName = author.DisplayName,
                UpdatedAt = created.AddDays(3),
                SearchText = PracticeViews.Normalize($"{p.Title} {author.DisplayName}"),
            };
            practice.StoredFiles = [new StoredFile(fileId, $"{p.Title[..Math.Min(40, p.Title.Length)]}.pdf", pdf.Length, "application/pdf", "pdf", created, blobName)];
            await store.AddAsync(practice, PracticeStore.Event(DemoData.MunicipalityId, id, created, author.DisplayName, "created", null, 0), ct);
            var review = p.State switch
            {
                PracticeState.Accepted => ("accepted", (string?)null),
                PracticeState.Returned => ("returned", "Добавьте, пожалуйста, пример листа наблюдения и результаты опроса учеников."),
                _ => ((string?)null, (string?)null),
            };
            await store.UpdateAsync(practice, practice.ETag, PracticeStore.Event(DemoData.MunicipalityId, id, created.AddDays(1), author.DisplayName, "submitted", null, 1), snapshot: true, ct);
            if (review.Item1 is { } action)
            {
                await store.UpdateAsync(practice, practice.ETag, PracticeStore.Event(DemoData.MunicipalityId, id, created.AddDays(3), "Лебедев Андрей Викторович", action, review.Item2, 1), snapshot: false, ct);
            }
        }
    }

    /// <summary>A one-page PDF with the practice's title in Latin letters (the standard fonts have no Cyrillic).</summary>
    private static byte[] Pdf(string title)
    {
        var text = $"MethodDays demo: practice {Math.Abs(title.GetHashCode(StringComparison.Ordinal)) % 1000}";
        var content = $"BT /F1 20 Tf 72 760 Td ({text}) Tj ET";
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        void Obj(string s)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(body.ToString()));
            body.Append(s).Append('\n');
        }

        Obj("1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj");
        Obj("2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj");
        Obj("3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj");
        Obj($"4 0 obj<</Length {content.Length}>>stream\n{content}\nendstream endobj");
        Obj("5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj");
        var xref = Encoding.ASCII.GetByteCount(body.ToString());
        body.Append("xref\n0 6\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            body.Append($"{o:D10} 00000 n \n");
        }

        body.Append($"trailer<</Size 6/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }
}
