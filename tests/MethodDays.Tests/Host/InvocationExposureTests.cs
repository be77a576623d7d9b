using System.Net;
using System.Text;
using System.Text.Json;
using MethodDays.Features.Notifications;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Host;

/// <summary>
/// Standalone, nothing but the in-process local driver runs a timer or queue function: a forged notice posted to
/// <c>/SendNotification</c> by anything on the machine finds no route and never reaches a person's feed.
/// </summary>
public sealed class StandaloneInvocationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ForgedNoticePostedToTheQueueFunctionFindsNoRouteAndReachesNoFeed()
    {
        var notice = """{"id":"forged-1","municipalityId":"north","personId":"teacher-s1","kind":"Reminder","subject":"Срочно подтвердите пароль","text":"Перейдите по ссылке","link":"https://phishing.example/login","createdAt":"2026-11-15T09:00:00+00:00"}""";
        var payload = "{\"Data\":{\"message\":" + JsonSerializer.Serialize(JsonSerializer.Serialize(notice)) + "},\"Metadata\":{\"DequeueCount\":\"1\",\"Id\":\"forged\"}}";

        var response = await app.AnonymousClient().PostAsync("/" + SendNotificationFunction.Name, new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST /SendNotification answered {(int)response.StatusCode}");
        var feed = await (await app.ClientFor("teacher-s1").GetAsync("/api/feed")).ReadJsonAsync();
        Assert.DoesNotContain(feed["items"]!.AsArray(), item => item!.ToJsonString().Contains("phishing.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoTimerOrQueueFunctionHasAnHttpRoute()
    {
        var client = app.AnonymousClient();
        foreach (var function in app.Service<FunctionCatalog>().Triggers)
        {
            var response = await client.PostAsync("/" + function.Name, new StringContent("""{"Data":{},"Metadata":{}}""", Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST /{function.Name} answered {(int)response.StatusCode}");
        }

        Assert.DoesNotContain(app.Service<EndpointDataSource>().Endpoints, e => e.Metadata.GetMetadata<NotAFunctionMetadata>() is not null);
    }
}

/// <summary>
/// Under the Functions host the invocation routes exist, but no proxied HTTP function can reach them: the host
/// forwards a request to us with its own path, so a function whose route matched <c>POST /SendNotification</c>
/// would let anyone on the internet run the queue function.
/// </summary>
public sealed class HostInvocationExposureTests(HostFactory app) : IClassFixture<HostFactory>
{
    private static readonly HashSet<string> ReadOnlyMethods = ["get", "head"];

    [Fact]
    public void NoProxiedHttpFunctionMatchesAnInvocationRoute()
    {
        var declarations = FunctionManifest.Declarations(app.Service<FunctionCatalog>(), app.Service<EndpointDataSource>());
        var prefix = (string?)FunctionManifest.HostJson()["extensions"]!["http"]!["routePrefix"] ?? "api";
        var triggers = declarations.Where(d => d.Kind != TriggerKind.Http).ToList();
        Assert.NotEmpty(triggers);

        var reachable = new List<string>();
        foreach (var http in declarations.Where(d => d.Kind == TriggerKind.Http && !d.Methods.All(ReadOnlyMethods.Contains)))
        {
            // The path the host answers for this function: routePrefix, then its route (constraints ignored: wider, so safer).
            var matcher = new TemplateMatcher(TemplateParser.Parse(string.Join('/', new[] { prefix, http.Route! }.Where(p => p.Length > 0))), []);
            reachable.AddRange(triggers.Where(t => matcher.TryMatch("/" + t.Name, [])).Select(t => $"{http.Name} ({http.Route}) → /{t.Name}"));
        }

        Assert.Empty(reachable);
    }

    [Fact]
    public void EveryHttpFunctionThatChangesSomethingLivesUnderApiAndNoInvocationRouteDoes()
    {
        var declarations = FunctionManifest.Declarations(app.Service<FunctionCatalog>(), app.Service<EndpointDataSource>());
        var prefix = (string?)FunctionManifest.HostJson()["extensions"]!["http"]!["routePrefix"] ?? "api";

        // The only function outside /api is the pages' catch-all, and it answers GET and HEAD alone.
        var outside = declarations.Where(d => d.Kind == TriggerKind.Http && !$"{prefix}/{d.Route}".TrimStart('/').StartsWith("api/", StringComparison.Ordinal)).ToList();
        Assert.All(outside, d => Assert.True(d.Methods.All(ReadOnlyMethods.Contains), $"{d.Name} takes {string.Join(',', d.Methods)} outside /api"));

        // The host posts invocations to /{FunctionName}: never under the /api of the proxied functions.
        Assert.All(declarations.Where(d => d.Kind != TriggerKind.Http), t =>
            Assert.False(string.Equals(t.Name, "api", StringComparison.OrdinalIgnoreCase), "A timer or queue function may not be named 'api'."));
    }

    [Fact]
    public async Task ProxiedPageRequestToAnInvocationPathGetsThePageNotTheFunction()
    {
        // The host may forward GET /SendNotification to the pages' catch-all: that must serve the page shell, not run anything.
        var response = await app.AnonymousClient().GetAsync("/" + SendNotificationFunction.Name);
        Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await response.Content.ReadAsStringAsync()).Contains("\"Logs\"", StringComparison.Ordinal));
    }
}
