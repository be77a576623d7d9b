using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MethodDays.Platform.Auth;
using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Infra;

/// <summary>
/// The Bicep in infra/ compiles cleanly and describes what the app needs: every table, queue and container the
/// app declares, identity-based settings under the names the app and the Functions host read, no keys.
/// </summary>
public sealed partial class BicepTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";

    [Fact]
    public async Task MainTemplateBuildsWithoutErrorsOrWarnings()
    {
        var result = await Bicep.RunAsync(["build", "main.bicep", "--stdout"], Bicep.InfraFolder);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError.Trim());
        var template = JsonNode.Parse(result.StandardOutput)!;
        Assert.Contains("deploymentTemplate.json", (string?)template["$schema"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryParameterOfTheTemplateAndItsModulesIsDescribed()
    {
        var result = await Bicep.RunAsync(["build", "main.bicep", "--stdout"], Bicep.InfraFolder);
        var templates = new List<JsonNode> { JsonNode.Parse(result.StandardOutput)! };
        for (var i = 0; i < templates.Count; i++)
        {
            // Modules compile into nested deployments carrying their own template.
            templates.AddRange(Resources(templates[i]).Select(r => (r["properties"] as JsonObject)?["template"]).OfType<JsonNode>());
        }

        Assert.True(templates.Count > 1, "No module was compiled.");
        Assert.All(
            templates.SelectMany(t => t["parameters"]?.AsObject() ?? []),
            p => Assert.False(string.IsNullOrWhiteSpace((string?)p.Value?["metadata"]?["description"]), $"Parameter {p.Key} has no @description."));
    }

    [Fact]
    public async Task ParametersFileBuildsWithoutErrorsOrWarnings()
    {
        var result = await Bicep.RunAsync(["build-params", "main.bicepparam", "--stdout"], Bicep.InfraFolder, Bicep.SampleEnvironment);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError.Trim());
        var parameters = JsonNode.Parse((string)JsonNode.Parse(result.StandardOutput)!["parametersJson"]!)!["parameters"]!;
        Assert.Equal(Bicep.SampleApiClientId, (string?)parameters["entraApiClientId"]!["value"]);
    }

    [Fact]
    public async Task ParametersFileRefusesToBuildWithoutTheEntraIds()
    {
        var environment = Bicep.SampleEnvironment.ToDictionary(kv => kv.Key, kv => kv.Value);
        environment["ENTRA_API_CLIENT_ID"] = null;

        var result = await Bicep.RunAsync(["build-params", "main.bicepparam", "--stdout"], Bicep.InfraFolder, environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ENTRA_API_CLIENT_ID", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotOfTheDeploymentHasNoDiagnostics()
    {
        var snapshot = await Bicep.SnapshotAsync();

        Assert.Equal("", snapshot.StandardError.Trim());
        Assert.Empty(snapshot.Diagnostics);
    }

    [Fact]
    public async Task EveryTableTheAppDeclaresIsCreated()
    {
        var declared = app.Service<StorageInventory>().Tables;
        var created = (await Bicep.SnapshotAsync()).ChildNames(TableType);

        Assert.NotEmpty(declared);
        Assert.All(declared, table =>
        {
            Assert.Matches(TableName(), table);
            Assert.Contains(table, created);
        });
    }

    [Fact]
    public async Task EveryQueueTheAppDeclaresOrTriggersOnIsCreatedWithItsPoisonQueue()
    {
        var declared = app.Service<StorageInventory>().Queues
            .Concat(app.Service<FunctionCatalog>().Triggers.Where(t => t.Kind == TriggerKind.Queue).Select(t => t.QueueName!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var created = (await Bicep.SnapshotAsync()).ChildNames(QueueType);

        // The brief's queues are there even before a feature declares them.
        Assert.Superset(new HashSet<string>(["notifications", "exports"]), created.ToHashSet());
        Assert.All(declared, queue =>
        {
            Assert.Matches(QueueOrContainerName(), $"{queue}-poison");
            Assert.Contains(queue, created);
            Assert.Contains($"{queue}-poison", created);
        });
        Assert.All(created.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)), q => Assert.Contains($"{q}-poison", created));
    }

    [Fact]
    public async Task EveryContainerTheAppDeclaresIsCreatedPrivate()
    {
        var declared = app.Service<StorageInventory>().Containers;
        var snapshot = await Bicep.SnapshotAsync();
        var created = snapshot.ChildNames(ContainerType);

        Assert.Superset(new HashSet<string>(["practices", "exports"]), created.ToHashSet());
        Assert.All(declared, container =>
        {
            Assert.Matches(QueueOrContainerName(), container);
            Assert.Contains(container, created);
        });
        Assert.All(snapshot.OfType(ContainerType), c => Assert.Equal("None", (string?)c["properties"]!["publicAccess"]));
    }

    [Fact]
    public async Task FunctionAppRunsTheCustomHandlerOnFlexConsumptionFromItsPackageContainer()
    {
        var snapshot = await Bicep.SnapshotAsync();
        var plan = snapshot.Single("Microsoft.Web/serverfarms");
        var site = snapshot.Single("Microsoft.Web/sites");
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("custom", (string?)config["runtime"]!["name"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        var deployment = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)deployment["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)deployment["authentication"]!["type"]);
        var container = (string)snapshot.Outputs["AZURE_DEPLOYMENT_CONTAINER_NAME"]!;
        Assert.EndsWith($"'{container}')]", (string?)deployment["value"], StringComparison.Ordinal);
        Assert.Contains(container, snapshot.ChildNames(ContainerType));
        // Phones on slow lines get the page over HTTPS only, with HTTP/2 (docs/frontend.md measures the difference).
        Assert.True((bool?)site["properties"]!["httpsOnly"]);
        Assert.True((bool?)site["properties"]!["siteConfig"]!["http20Enabled"]);
    }

    [Fact]
    public async Task StorageAcceptsOnlyEntraIdOverTls12()
    {
        var storage = (await Bicep.SnapshotAsync()).Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)storage["allowSharedKeyAccess"]!);
        Assert.False((bool)storage["allowBlobPublicAccess"]!);
        Assert.True((bool)storage["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
    }

    [Fact]
    public async Task BlobCorsAllowsOnlyTheAppsOwnOrigin()
    {
        var snapshot = await Bicep.SnapshotAsync();
        var rule = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["cors"]!["corsRules"]!.AsArray().Single()!;

        Assert.Equal([(string?)snapshot.Outputs["APP_URL"]], rule["allowedOrigins"]!.AsArray().Select(o => (string?)o));
        Assert.Contains("PUT", rule["allowedMethods"]!.AsArray().Select(m => (string?)m));
    }

    [Fact]
    public async Task AppSettingsCarryTheConnectionsTheAppAndTheHostRead()
    {
        var settings = (await Bicep.SnapshotAsync()).AppSettings;
        var names = settings.Select(kv => kv.Key).ToList();
        string? Setting(string name) => (string?)settings.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        // App Service treats setting names case-insensitively: two names differing only in case would collide.
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // The app's StorageOptions, bound from configuration (case-insensitive).
        var storage = StorageOptions.Section;
        Assert.All(
            [nameof(StorageOptions.TableServiceUri), nameof(StorageOptions.BlobServiceUri), nameof(StorageOptions.QueueServiceUri), nameof(StorageOptions.ManagedIdentityClientId)],
            option => Assert.False(string.IsNullOrEmpty(Setting($"{storage}__{option}")), option));
        Assert.Null(Setting($"{storage}__{nameof(StorageOptions.ConnectionString)}"));

        // The queue trigger's identity-based connection, named in every queue function.json.
        var connection = FunctionManifest.StorageConnection;
        Assert.False(string.IsNullOrEmpty(Setting($"{connection}__queueServiceUri")));
        Assert.Equal("managedidentity", Setting($"{connection}__credential"));
        Assert.Equal(Setting($"{storage}__{nameof(StorageOptions.ManagedIdentityClientId)}"), Setting($"{connection}__clientId"));

        // The host's own storage, identity-based, and telemetry with Entra authentication.
        Assert.Null(Setting("AzureWebJobsStorage"));
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal(Setting($"{connection}__clientId"), Setting("AzureWebJobsStorage__clientId"));
        Assert.All(["blob", "queue", "table"], service => Assert.False(string.IsNullOrEmpty(Setting($"AzureWebJobsStorage__{service}ServiceUri"))));
        Assert.False(string.IsNullOrEmpty(Setting("APPLICATIONINSIGHTS_CONNECTION_STRING")));
        Assert.StartsWith("[format('Authorization=AAD;ClientId=", Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), StringComparison.Ordinal);

        // Sign-in: Entra mode and the public MSAL values the page gets from /api/config.
        Assert.Equal("Entra", Setting($"{AuthOptions.Section}__{nameof(AuthOptions.Mode)}"));
        Assert.Equal(Bicep.SampleTenantId, Setting("AzureAd__TenantId"));
        Assert.Equal(Bicep.SampleApiClientId, Setting("AzureAd__ClientId"));
        Assert.False(string.IsNullOrEmpty(Setting("AzureAd__Instance")));
        Assert.False(string.IsNullOrEmpty(Setting("AzureAd__Audience")));
        Assert.Equal(Bicep.SampleSpaClientId, Setting($"{AuthOptions.Section}__{nameof(AuthOptions.SpaClientId)}"));
        Assert.Equal($"api://{Bicep.SampleApiClientId}/access_as_user", Setting($"{AuthOptions.Section}__{nameof(AuthOptions.SpaScope)}"));
        Assert.Contains(Bicep.SampleTenantId, Setting($"{AuthOptions.Section}__{nameof(AuthOptions.SpaAuthority)}"), StringComparison.Ordinal);

        Assert.All(["Smtp__Host", "Smtp__Port", "Smtp__From"], name => Assert.NotNull(Setting(name)));
    }

    [Fact]
    public async Task NoSettingOrOutputHoldsAKeyAndFlexDeprecatedSettingsAreAbsent()
    {
        var snapshot = await Bicep.SnapshotAsync();
        var text = snapshot.AppSettings.ToJsonString() + snapshot.Outputs.ToJsonString();

        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
        // Replaced by functionAppConfig on Flex Consumption.
        Assert.All(
            ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"],
            name => Assert.DoesNotContain(snapshot.AppSettings, kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task OutputsAreUpperSnakeAndMatchTheAppSettingsTheyAreNamedAfter()
    {
        var snapshot = await Bicep.SnapshotAsync();
        var settings = snapshot.AppSettings.ToDictionary(kv => Normalized(kv.Key), kv => kv.Value?.ToJsonString());

        Assert.All(snapshot.Outputs, output =>
        {
            Assert.Matches(UpperSnake(), output.Key);
            if (!output.Key.StartsWith("AZURE_", StringComparison.Ordinal) && output.Key != "APP_URL")
            {
                Assert.True(settings.TryGetValue(Normalized(output.Key), out var value), $"{output.Key} matches no app setting.");
                Assert.Equal(value, output.Value?.ToJsonString());
            }
        });
    }

    [Fact]
    public async Task EveryTopLevelResourceIsTaggedWithTheEnvironment()
    {
        var snapshot = await Bicep.SnapshotAsync();
        var topLevel = snapshot.Resources.Where(r => ((string)r["type"]!).Count(c => c == '/') == 1 && (string?)r["type"] != "Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(topLevel);
        Assert.All(topLevel, r => Assert.Equal("prod", (string?)r["tags"]?["azd-env-name"]));
    }

    [Fact]
    public async Task TheAppIdentityHoldsTheDataRolesAndNothingIsGrantedToAnOperatorByDefault()
    {
        var roles = (await Bicep.SnapshotAsync()).OfType("Microsoft.Authorization/roleAssignments")
            .Select(r => (string)r["properties"]!["roleDefinitionId"]!)
            .ToList();

        // Blob Data Owner, Queue Data Contributor, Table Data Contributor, Monitoring Metrics Publisher.
        Assert.Equal(4, roles.Count);
        Assert.All(
            ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "3913510d-42f4-4e42-8a64-420c390055eb"],
            id => Assert.Single(roles, r => r.Contains(id, StringComparison.Ordinal)));
    }

    // "resources" is an array, or an object keyed by symbolic name in language version 2.0 templates.
    private static IEnumerable<JsonNode> Resources(JsonNode template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonNode>(),
        JsonObject map => map.Select(kv => kv.Value).OfType<JsonNode>(),
        _ => [],
    };

    private static string Normalized(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    // Azure Storage naming rules: tables alphanumeric starting with a letter; queues and containers lower-case
    // letters, digits and single hyphens; 3–63 characters.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueOrContainerName();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
