using System.Net;
using System.Text;
using MethodDays.Features.SelfAssessment;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Host;

/// <summary>The Functions host POSTs timer and queue invocations to /{FunctionName} and reads our JSON answer.</summary>
public sealed class InvocationContractTests(HostFactory app) : IClassFixture<HostFactory>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task TimerInvocationAnswersInTheHostsShape()
    {
        var payload = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-14T01:00:00+00:00","Next":"2026-11-15T01:00:00+00:00","LastUpdated":"2026-11-14T01:00:00+00:00"},"IsPastDue":false}},
             "Metadata":{"sys":{"MethodName":"RecomputeMonthlyStats","UtcNow":"2026-11-15T01:00:00Z","RandGuid":"6a1f0c3c-1111-4c1e-9a57-2a0a7c9e8e11"}}}
            """;
        var response = await app.CreateClient().PostAsync("/" + MonthlyStatsTimer.Name, Json(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["Logs", "Outputs", "ReturnValue"], body.Select(kv => kv.Key).Order().ToArray());
        Assert.Empty(body["Outputs"]!.AsObject());
        Assert.Contains("completed", (string?)body["Logs"]![0]);
    }

    [Fact]
    public async Task QueueMessageEncodedTwiceArrivesAsTheOriginalText()
    {
        // What the host sends for a queue message whose text is JSON: a JSON string holding a JSON string.
        var payload = """{"Data":{"message":"\"{\\\"kind\\\":\\\"reminder\\\",\\\"school\\\":\\\"s1\\\"}\""},"Metadata":{"DequeueCount":"2","Id":"\"b1f1-42\""}}""";
        var response = await app.CreateClient().PostAsync("/" + EchoQueueFunction.Name, Json(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = app.Service<ReceivedMessages>().All.Single(m => m.Id == "b1f1-42");
        Assert.Equal("""{"kind":"reminder","school":"s1"}""", received.Body);
        Assert.Equal(2, received.DequeueCount);
    }

    [Fact]
    public async Task QueueMessageAsAnObjectAndNumericMetadataAreReadToo()
    {
        var payload = """{"Data":{"message":{"kind":"digest"}},"Metadata":{"DequeueCount":3,"Id":"c2"}}""";
        var response = await app.CreateClient().PostAsync("/" + EchoQueueFunction.Name, Json(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = app.Service<ReceivedMessages>().All.Single(m => m.Id == "c2");
        Assert.Equal("""{"kind":"digest"}""", received.Body);
        Assert.Equal(3, received.DequeueCount);
    }

    [Fact]
    public async Task FailingFunctionAnswersNon2xxSoTheHostRetries()
    {
        var payload = """{"Data":{"message":"\"x\""},"Metadata":{"DequeueCount":"1"}}""";
        var response = await app.CreateClient().PostAsync("/" + FailingQueueFunction.Name, Json(payload));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Contains("failed", (string?)body["Logs"]![0]);
        Assert.NotNull(body.AsObject()["Outputs"]);
    }

    [Fact]
    public async Task UnknownFunctionAndUnreadableInvocationAreRefused()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/NoSuchFunction", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/" + EchoQueueFunction.Name, Json("{not json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/" + EchoQueueFunction.Name, Json("""{"Data":{}}"""))).StatusCode);
    }

    [Fact]
    public async Task HttpFunctionsAreNotInvokableAsTriggers()
    {
        var response = await app.CreateClient().PostAsync("/SelfAssessmentSummary", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReadinessProbeGetRootAnswers()
    {
        var response = await app.CreateClient().GetAsync("/");
        Assert.True((int)response.StatusCode < 500);
    }
}
