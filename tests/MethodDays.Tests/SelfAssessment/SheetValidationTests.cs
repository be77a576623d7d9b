using System.Net;
using System.Text;
using Azure.Data.Tables;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

/// <summary>Bad input gets problem+json with a Russian message and the field names — and nothing is written.</summary>
public sealed class SheetValidationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private SheetTemplate Template => app.Service<SheetTemplates>().Current;

    [Fact]
    public async Task UnknownIndicatorAndValueOutsideTheScaleAreNamedField()
    {
        var admin = app.ClientFor("admin-s1");
        var response = await admin.PutJsonAsync(Sheets.Url("s1", "2026-10"), new { values = new Dictionary<string, object> { ["9.9.9"] = "2", ["1.1.1"] = 3, ["1.1.2"] = "да" } });
        var problem = await response.AssertProblemAsync(400, "values.1.1.1", "values.1.1.2", "values.9.9.9");
        Assert.Contains("9.9.9", (string?)problem["errors"]!["values.9.9.9"]![0]);
        await AssertNothingStoredAsync("s1", "2026-10");
    }

    [Fact]
    public async Task IncompleteSubmissionListsEveryMissingIndicator()
    {
        var admin = app.ClientFor("admin-s1");
        var values = Sheets.Full(Template);
        values.Remove("2.2.3");
        values.Remove("4.1.4.7");
        var response = await admin.PostJsonAsync(Sheets.Url("s1", "2026-09") + "/submit", new { values });
        var problem = await response.AssertProblemAsync(400, "values.2.2.3", "values.4.1.4.7");
        Assert.Contains("2 из 70", (string?)problem["detail"]);
        await AssertNothingStoredAsync("s1", "2026-09");
    }

    [Fact]
    public async Task TheVprHeadingIsNotAnIndicator()
    {
        var admin = app.ClientFor("admin-s1");
        var values = Sheets.Full(Template);
        values["4.1.4"] = "2";
        await (await admin.PostJsonAsync(Sheets.Url("s1", "2026-08") + "/submit", new { values })).AssertProblemAsync(400, "values.4.1.4");
    }

    [Theory]
    [InlineData("2026-12", "будущий месяц")] // the fake clock says November 2026
    [InlineData("2026-13", "ГГГГ-ММ")]
    [InlineData("2025-08", "раньше начала программы")] // the programme starts in September 2025
    [InlineData("november", "ГГГГ-ММ")]
    public async Task MonthMustBeWellFormedNotInTheFutureAndNotBeforeTheProgramme(string month, string hint)
    {
        var admin = app.ClientFor("admin-s1");
        var problem = await (await admin.PutJsonAsync(Sheets.Url("s1", month), new { values = new { } })).AssertProblemAsync(400, "month");
        Assert.Contains(hint, (string?)problem["errors"]!["month"]![0]);
    }

    [Fact]
    public async Task MonthFollowsTheMunicipalitysLocalTime()
    {
        // 2026-11-30 20:00 UTC is already 1 December in Omsk (UTC+6) but still November in Moscow (UTC+3).
        await using var clockApp = new AppFactory();
        await clockApp.InitializeAsync();
        clockApp.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));
        var north = await clockApp.ClientFor("admin-s1").PutJsonAsync(Sheets.Url("s1", "2026-12"), new { values = new { } });
        Assert.Equal(HttpStatusCode.OK, north.StatusCode);
        var south = await clockApp.ClientFor("admin-t1").PutJsonAsync(Sheets.Url("t1", "2026-12", TestWorld.South), new { values = new { } });
        await south.AssertProblemAsync(400, "month");
    }

    [Fact]
    public async Task UnknownTemplateVersionIsRefused()
    {
        var admin = app.ClientFor("admin-s1");
        var problem = await (await admin.PutJsonAsync(Sheets.Url("s1", "2026-07"), new { templateVersion = "1999.1", values = new { } })).AssertProblemAsync(400, "templateVersion");
        Assert.Contains("2021.1", (string?)problem["errors"]!["templateVersion"]![0]);
        await AssertNothingStoredAsync("s1", "2026-07");
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestNotAServerError()
    {
        var admin = app.ClientFor("admin-s1");
        var response = await admin.PutAsync(Sheets.Url("s1", "2026-06"), new StringContent("{\"values\": {\"1.1.1\": ", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("JSON", (string?)problem["detail"]);
        await AssertNothingStoredAsync("s1", "2026-06");
    }

    [Fact]
    public async Task WrongJsonShapeIsABadRequest()
    {
        var admin = app.ClientFor("admin-s1");
        var response = await admin.PutAsync(Sheets.Url("s1", "2026-06"), new StringContent("{\"values\": [1,2,3]}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400);
        await AssertNothingStoredAsync("s1", "2026-06");
    }

    [Fact]
    public async Task OversizedBodyIsRefusedBeforeItIsRead()
    {
        var admin = app.ClientFor("admin-s1");
        var huge = "{\"values\":{\"1.1.1\":\"" + new string('2', 200_000) + "\"}}";
        var response = await admin.PutAsync(Sheets.Url("s1", "2026-05"), new StringContent(huge, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(413);
        Assert.Contains("КБ", (string?)problem["detail"]);
        await AssertNothingStoredAsync("s1", "2026-05");
    }

    [Fact]
    public async Task AnotherSchoolsSheetCannotBeWrittenAndNothingIsStored()
    {
        var admin = app.ClientFor("admin-s2");
        await (await admin.PostJsonAsync(Sheets.Url("s1", "2026-04") + "/submit", new { values = Sheets.Full(Template) })).AssertProblemAsync(403);
        await (await admin.PutJsonAsync(Sheets.Url("s1", "2026-04"), new { values = new { } })).AssertProblemAsync(403);
        await AssertNothingStoredAsync("s1", "2026-04");
    }

    [Fact]
    public async Task UnknownSchoolIsNotFound()
    {
        var coordinator = app.ClientFor("coord-n");
        await (await coordinator.GetAsync(Sheets.Url("nope", "2026-04"))).AssertProblemAsync(404);
    }

    private async Task AssertNothingStoredAsync(string school, string month)
    {
        var table = app.Service<TableServiceClient>().GetTableClient(app.Service<StorageNames>().Table(SheetStore.SheetsTable));
        var pk = $"{TestWorld.North}|{month}";
        var rows = table.QueryAsync<TableEntity>($"PartitionKey eq '{pk}'");
        await foreach (var row in rows)
        {
            Assert.DoesNotContain(school, row.RowKey.Split('|'));
        }
    }
}
