using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MethodDays.Features.PracticeBank;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.PracticeBank;

/// <summary>
/// What a practice looks like in its table: authors, links and file names in Russian stay letters (escaped, each
/// letter would take six of a property's 32K characters), and rows written escaped before still read the same.
/// </summary>
public sealed class StoredPracticeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = Practices.Base;

    [Fact]
    public async Task PracticeKeepsRussianAuthorsLinksAndFileNamesAsLettersInStorage()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, "сценарий урока.pdf", Practices.Pdf(10_000))).StatusCode);
        await Practices.SubmitAsync(teacher, id);

        var row = (await Table().GetEntityAsync<TableEntity>("north", $"p|{id}")).Value;
        Assert.Contains("Орлова Юлия Владимировна", row.GetString("Authors"), StringComparison.Ordinal);
        Assert.Contains("Видео урока", row.GetString("Links"), StringComparison.Ordinal);
        Assert.Contains("сценарий урока.pdf", row.GetString("Files"), StringComparison.Ordinal);

        // The submitted version's snapshot, too.
        var version = (await Table().GetEntityAsync<TableEntity>("north", $"v|{id}|0001")).Value;
        var snapshot = version.GetString("Snapshot");
        Assert.Contains("Орлова Юлия Владимировна", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u04", snapshot, StringComparison.Ordinal);
        foreach (var property in new[] { "Authors", "Links", "Files" })
        {
            Assert.DoesNotContain("\\u04", row.GetString(property), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CompetencesGoIntoTheSubmittedVersionAndARowWrittenBeforeThemReadsAsNone()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher, Practices.Input(competences: ["communicative"]));
        await Practices.SubmitAsync(teacher, id);
        var snapshot = (await Table().GetEntityAsync<TableEntity>("north", $"v|{id}|0001")).Value.GetString("Snapshot");
        Assert.Contains("communicative", snapshot, StringComparison.Ordinal);

        // A row from before competences were kept has no such property at all.
        var row = (await Table().GetEntityAsync<TableEntity>("north", $"p|{id}")).Value;
        Assert.Equal("communicative", row.GetString("Competences"));
        row.Remove("Competences");
        await Table().UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        var view = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Empty(view["competences"]!.AsArray());
    }

    [Fact]
    public async Task PracticeWrittenWithEscapedCyrillicStillReadsInRussian()
    {
        var teacher = app.ClientFor("teacher-s1");
        var id = await Practices.CreateAsync(teacher);
        Assert.Equal(HttpStatusCode.OK, (await Practices.UploadAsync(teacher, id, "сценарий урока.pdf", Practices.Pdf(10_000))).StatusCode);

        // Rewrite the stored JSON as rows were written before: every Cyrillic letter escaped.
        var row = (await Table().GetEntityAsync<TableEntity>("north", $"p|{id}")).Value;
        foreach (var property in new[] { "Authors", "Links", "Files" })
        {
            using var json = JsonDocument.Parse(row.GetString(property));
            row[property] = JsonSerializer.Serialize(json.RootElement);
            Assert.Contains("\\u04", (string)row[property], StringComparison.Ordinal);
        }

        await Table().UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var practice = await (await teacher.GetAsync($"{Base}/{id}")).ReadJsonAsync();
        Assert.Equal("Орлова Юлия Владимировна", (string?)practice["authors"]![0]);
        Assert.Equal("Видео урока", (string?)practice["links"]![0]!["title"]);
        Assert.Equal("сценарий урока.pdf", (string?)practice["files"]![0]!["name"]);
    }

    private TableClient Table() =>
        app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(PracticeStore.PracticesTable));
}
