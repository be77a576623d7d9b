using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MethodDays.Tests.Infrastructure;

/// <summary>Small helpers for reading API answers as JSON.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON answer.");
    }

    /// <summary>Asserts a problem+json answer with the status and (optionally) exactly these error field names.</summary>
    public static async Task<JsonNode> AssertProblemAsync(this HttpResponseMessage response, int status, params string[] fields)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(status, (int)body["status"]!);
        var title = (string?)body["title"];
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Matches("[А-Яа-яЁё]", title!); // a Russian title a person can read
        if (fields.Length > 0)
        {
            var errors = body["errors"]!.AsObject().Select(kv => kv.Key).Order().ToArray();
            Assert.Equal(fields.Order().ToArray(), errors);
        }

        return body;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        SendJsonAsync(client, HttpMethod.Put, url, body, ifMatch);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        SendJsonAsync(client, HttpMethod.Post, url, body, ifMatch);

    public static async Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
