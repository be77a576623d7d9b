using System.Text.Json;
using System.Text.Json.Nodes;

namespace MethodDays.Platform.Host;

/// <summary>Marks an endpoint that is not an HTTP function of its own (the host's invocation endpoint).</summary>
public sealed class NotAFunctionMetadata;

/// <summary>
/// Builds the package manifests (host.json and one function.json per function) from the code's declarations:
/// HTTP functions are the named endpoints the app maps, timers and queues come from <see cref="FunctionCatalog"/>.
/// </summary>
public static class FunctionManifest
{
    public const string ExecutableName = "MethodDays.Functions";

    /// <summary>The app setting prefix the queue trigger binds to (identity-based: <c>Storage__queueServiceUri</c>).</summary>
    public const string StorageConnection = "Storage";

    public static IReadOnlyList<FunctionDeclaration> Declarations(FunctionCatalog catalog, EndpointDataSource endpoints)
    {
        var list = new List<FunctionDeclaration>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<NotAFunctionMetadata>() is not null)
            {
                continue;
            }

            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                ?? throw new InvalidOperationException(
                    $"Endpoint '{endpoint.RoutePattern.RawText}' has no name; every HTTP function needs WithName(...).");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                ?? throw new InvalidOperationException($"Endpoint '{name}' accepts any method; declare its methods.");
            list.Add(new FunctionDeclaration(name, TriggerKind.Http)
            {
                Route = ToFunctionsRoute(endpoint.RoutePattern.RawText ?? string.Empty),
                Methods = [.. methods.Select(m => m.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)],
            });
        }

        list.AddRange(catalog.Triggers);
        var duplicate = list.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Function name '{duplicate.Key}' is used twice.");
        }

        foreach (var d in list)
        {
            FunctionCatalog.EnsureValidName(d.Name);
        }

        return [.. list.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>ASP.NET Core's <c>{**rest}</c> is spelled <c>{*rest}</c> in function.json; no leading slash.</summary>
    public static string ToFunctionsRoute(string aspNetRoute) =>
        aspNetRoute.Trim('/').Replace("{**", "{*", StringComparison.Ordinal);

    public static JsonObject HostJson() => new()
    {
        ["version"] = "2.0",
        ["logging"] = new JsonObject
        {
            ["logLevel"] = new JsonObject { ["default"] = "Information" },
        },
        // Queue and timer triggers come from the extension bundle; custom handlers cannot reference extensions directly.
        ["extensionBundle"] = new JsonObject
        {
            ["id"] = "Microsoft.Azure.Functions.ExtensionBundle",
            ["version"] = "[4.*, 5.0.0)",
        },
        ["customHandler"] = new JsonObject
        {
            ["description"] = new JsonObject
            {
                ["defaultExecutablePath"] = ExecutableName,
                ["workingDirectory"] = "",
                ["arguments"] = new JsonArray(),
            },
            // HTTP requests reach the app unchanged (needs exactly one httpTrigger in and one http out).
            ["enableProxyingHttpRequest"] = true,
        },
        ["extensions"] = new JsonObject
        {
            ["http"] = new JsonObject { ["routePrefix"] = "" },
            // Matches the local driver: five deliveries, then {queue}-poison.
            ["queues"] = new JsonObject { ["maxDequeueCount"] = LocalDriverDefaults.MaxDequeueCount, ["batchSize"] = 16 },
        },
    };

    public static JsonObject FunctionJson(FunctionDeclaration d) => d.Kind switch
    {
        TriggerKind.Http => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    ["authLevel"] = "anonymous",
                    ["methods"] = new JsonArray([.. d.Methods.Select(m => (JsonNode)JsonValue.Create(m)!)]),
                    ["route"] = d.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        TriggerKind.Timer => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = d.BindingName,
                ["schedule"] = d.Schedule,
                ["runOnStartup"] = false,
                ["useMonitor"] = true,
            }),
        },
        TriggerKind.Queue => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["name"] = d.BindingName,
                ["queueName"] = d.QueueName,
                ["connection"] = StorageConnection,
            }),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    /// <summary>Writes host.json and {Name}/function.json under <paramref name="root"/>; removes stale function folders.</summary>
    public static void Write(string root, IReadOnlyList<FunctionDeclaration> declarations)
    {
        Directory.CreateDirectory(root);
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var stale in Directory.EnumerateDirectories(root).Where(dir => File.Exists(Path.Combine(dir, "function.json"))))
        {
            Directory.Delete(stale, recursive: true);
        }

        File.WriteAllText(Path.Combine(root, "host.json"), HostJson().ToJsonString(options));
        foreach (var d in declarations)
        {
            var dir = Path.Combine(root, d.Name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "function.json"), FunctionJson(d).ToJsonString(options));
        }
    }
}
