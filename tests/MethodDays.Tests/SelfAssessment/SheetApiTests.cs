using System.Net;
using System.Text.Json.Nodes;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.SelfAssessment;

public sealed class SheetApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string S1 = "/api/municipalities/north/schools/s1/self-assessment";

    private SheetTemplate Template => app.Service<SheetTemplates>().Current;

    private Dictionary<string, object> Full(string value = "2") => Template.Indicators.ToDictionary(i => i.Id, _ => (object)value);

    [Fact]
    public async Task SchoolAdminSavesDraftThenSubmitsAndSeesScoreAndCluster()
    {
        var admin = app.ClientFor("admin-s1");
        var draft = await admin.PutJsonAsync($"{S1}/2026-10", new { values = new Dictionary<string, object> { ["1.1.1"] = 2, ["1.1.2"] = "1" } });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var saved = await draft.ReadJsonAsync();
        Assert.Equal("draft", (string?)saved["status"]);
        Assert.Equal(3, (int)saved["score"]!["total"]!);
        var etag = draft.Headers.ETag!.ToString();

        var values = Full();
        foreach (var id in Template.Indicators.Take(36).Select(i => i.Id))
        {
            values[id] = "0"; // 34 × 2 = 68 of 140: below 50 % → low
        }

        var submit = await admin.PostJsonAsync($"{S1}/2026-10/submit", new { templateVersion = "2021.1", values }, etag);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var sheet = await submit.ReadJsonAsync();
        Assert.Equal("submitted", (string?)sheet["status"]);
        Assert.Equal(1, (int)sheet["revision"]!);
        Assert.Equal(68, (int)sheet["score"]!["total"]!);
        Assert.Equal(140, (int)sheet["score"]!["applicableMax"]!);
        Assert.Equal("low", (string?)sheet["score"]!["cluster"]);
        Assert.Equal("2021.1", (string?)sheet["templateVersion"]);
    }
}
