using System.Net;
using DocumentFormat.OpenXml.Packaging;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>The Excel files are written from stored text, whatever it holds.</summary>
public sealed class WorkbookTextTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Month = "2026-10";

    [Fact]
    public async Task ASchoolNamedWithControlCharactersStillDownloadsAsAFileExcelOpens()
    {
        var template = app.Service<SheetTemplates>().Current;
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s3").PostJsonAsync(Sheets.Url("s3", Month) + "/submit", new { values = Sheets.Full(template) })).StatusCode);
        var s3 = TestWorld.Schools.Single(s => s.Id == "s3");
        await app.Service<DirectoryStore>().UpsertSchoolAsync(s3 with { Name = "МБОУ «Третья\u0001 СОШ»", ShortName = "Третья\u000BСОШ" }, CancellationToken.None);

        foreach (var (client, url, title) in new[]
        {
            (app.ClientFor("coord-n"), $"/api/municipalities/{TestWorld.North}/self-assessment/{Month}/summary/xlsx", "Северный муниципальный район"),
            (app.ClientFor("admin-s3"), Sheets.Url("s3", Month) + "/xlsx", "МБОУ «Третья  СОШ»"),
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var invalid = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Description).ToList();
            Assert.True(invalid.Count == 0, string.Join("\n", invalid));
            var cells = Workbook.ReadCells(new MemoryStream(bytes), "Лист оценки");
            Assert.Contains("Третья СОШ", cells.Values);
            Assert.EndsWith("— " + title, cells["A1"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheFileStatesTheClusterThresholdsInTheTemplatesWords()
    {
        var template = app.Service<SheetTemplates>().Current;
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin-s1").PostJsonAsync(Sheets.Url("s1", "2026-09") + "/submit", new { values = Sheets.Full(template) })).StatusCode);
        var response = await app.ClientFor("admin-s1").GetAsync(Sheets.Url("s1", "2026-09") + "/xlsx");
        var cells = Workbook.ReadCells(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "Лист оценки");
        foreach (var line in ClusterThresholds.Lines(template))
        {
            Assert.Contains(line, cells.Values);
        }

        Assert.Contains("высокий — 75 % и выше", cells.Values);
    }
}
