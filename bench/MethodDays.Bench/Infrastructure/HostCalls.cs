using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;

namespace MethodDays.Bench.Infrastructure;

/// <summary>
/// The bench standing in for the Functions host: it POSTs timer and queue invocations to <c>/{FunctionName}</c> on
/// loopback in the host's JSON shape (<c>{"Data":{binding:…},"Metadata":{…}}</c>), as the app's own local driver does.
/// </summary>
public static class HostCalls
{
    /// <summary>A timer invocation as the host sends it (binding <c>timer</c>), not past due.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> InvokeTimerAsync(HttpClient app, string function, TimeSpan period)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = false },
                    ["ScheduleStatus"] = new JsonObject
                    {
                        ["Last"] = (now - period).ToString("O", CultureInfo.InvariantCulture),
                        ["Next"] = (now + period).ToString("O", CultureInfo.InvariantCulture),
                        ["LastUpdated"] = now.ToString("O", CultureInfo.InvariantCulture),
                    },
                    ["IsPastDue"] = false,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        return await PostAsync(app, function, payload);
    }

    /// <summary>A queue invocation (binding <c>message</c>): the text JSON-encoded a second time, as the host hands strings over.</summary>
    public static Task<(HttpStatusCode Status, string Body)> InvokeQueueAsync(HttpClient app, string function, QueueMessage message) =>
        PostAsync(app, function, new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(message.MessageText) },
            ["Metadata"] = new JsonObject
            {
                ["Id"] = message.MessageId,
                ["DequeueCount"] = message.DequeueCount.ToString(CultureInfo.InvariantCulture),
                ["InsertionTime"] = message.InsertedOn?.ToString("O", CultureInfo.InvariantCulture),
            },
        });

    public static Task<(HttpStatusCode Status, string Body)> InvokeQueueAsync(HttpClient app, string function, string text, string id) =>
        PostAsync(app, function, new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(text) },
            ["Metadata"] = new JsonObject { ["Id"] = id, ["DequeueCount"] = "1" },
        });

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient app, string function, JsonObject payload)
    {
        using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await app.PostAsync(function, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
