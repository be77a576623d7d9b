using System.Diagnostics;
using System.Text.Json.Nodes;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MethodDays.Tests.Host;

/// <summary>The package's host.json and function.json files are generated from the code and agree with it.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task PublishedPackageHoldsExactlyTheFunctionsTheCodeDeclares()
    {
        var expected = await ProductionDeclarationsAsync();
        var output = Directory.CreateTempSubdirectory("methoddays-publish-").FullName;
        try
        {
            await PublishAsync(output);

            var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "host.json"), TestContext.Current.CancellationToken))!;
            Assert.True(JsonNode.DeepEquals(FunctionManifest.HostJson(), hostJson));
            Assert.Equal(FunctionManifest.ExecutableName, (string?)hostJson["customHandler"]!["description"]!["defaultExecutablePath"]);
            Assert.True(File.Exists(Path.Combine(output, FunctionManifest.ExecutableName)) || File.Exists(Path.Combine(output, FunctionManifest.ExecutableName + ".dll")));

            var packaged = Directory.EnumerateDirectories(output)
                .Where(d => File.Exists(Path.Combine(d, "function.json")))
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(expected.Select(d => d.Name).Order(StringComparer.Ordinal).ToArray(), packaged);
            foreach (var declaration in expected)
            {
                var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, declaration.Name, "function.json"), TestContext.Current.CancellationToken))!;
                Assert.True(JsonNode.DeepEquals(FunctionManifest.FunctionJson(declaration), file), $"function.json of {declaration.Name} differs from the code");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task EveryKindOfTriggerIsDeclaredWithTheRightBindings()
    {
        var declarations = await ProductionDeclarationsAsync();
        var sheet = declarations.Single(d => d.Name == "SelfAssessmentSubmit");
        Assert.Equal(TriggerKind.Http, sheet.Kind);
        Assert.Equal("api/municipalities/{municipalityId}/schools/{schoolId}/self-assessment/{month}/submit", sheet.Route);
        Assert.Equal(["post"], sheet.Methods);

        var web = declarations.Single(d => d.Name == "WebAssets");
        Assert.Equal("{*path}", web.Route);

        var timer = declarations.Single(d => d.Name == "RecomputeMonthlyStats");
        var binding = FunctionManifest.FunctionJson(timer)["bindings"]![0]!;
        Assert.Equal("timerTrigger", (string?)binding["type"]);
        Assert.Equal("0 0 1 * * *", (string?)binding["schedule"]);

        // Development sign-in never reaches a production package.
        Assert.DoesNotContain(declarations, d => d.Route?.StartsWith("api/dev", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void QueueFunctionsBindToTheIdentityBasedStorageConnection()
    {
        var json = FunctionManifest.FunctionJson(new FunctionDeclaration("Notify", TriggerKind.Queue) { QueueName = "notifications" });
        var binding = json["bindings"]![0]!;
        Assert.Equal("queueTrigger", (string?)binding["type"]);
        Assert.Equal("notifications", (string?)binding["queueName"]);
        Assert.Equal("Storage", (string?)binding["connection"]);
        Assert.Equal("message", (string?)binding["name"]);
    }

    /// <summary>The declarations of the app as it runs in production (no development endpoints).</summary>
    private static async Task<IReadOnlyList<FunctionDeclaration>> ProductionDeclarationsAsync()
    {
        var azurite = await Azurite.Shared;
        await using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Storage:ConnectionString", azurite.ConnectionString);
            b.UseSetting("Storage:CreateIfMissing", "false");
            b.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
            b.UseSetting("AzureAd:TenantId", "00000000-0000-0000-0000-000000000001");
            b.UseSetting("AzureAd:ClientId", "00000000-0000-0000-0000-000000000002");
            b.UseSetting("Functions:LocalDriver:Enabled", "false");
        });
        return FunctionManifest.Declarations(
            production.Services.GetRequiredService<FunctionCatalog>(),
            production.Services.GetRequiredService<EndpointDataSource>());
    }

    private static async Task PublishAsync(string output)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        // The tests were built with the app, so publishing reuses that build; the publish step writes the manifests.
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", RepoPaths.Combine("functions", "MethodDays.Functions"), "-c", configuration, "--no-build", "-o", output, "-nologo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await stdout}{await stderr}");
    }
}
