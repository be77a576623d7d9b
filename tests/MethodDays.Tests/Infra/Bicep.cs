using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Infra;

/// <summary>
/// Runs the Bicep CLI from the Azure.Bicep.CommandLine NuGet package against infra/. Besides building, it takes
/// a <c>bicep snapshot</c> of main.bicepparam: the template evaluated offline with sample ids, so the tests can
/// read the resources, names and app settings a deployment would produce without touching Azure.
/// </summary>
public static class Bicep
{
    /// <summary>Stand-ins for the deployment's tenant, subscription and Entra app ids.</summary>
    public const string SampleTenantId = "11111111-2222-3333-4444-555555555555";
    public const string SampleApiClientId = "22222222-3333-4444-5555-666666666666";
    public const string SampleSpaClientId = "33333333-4444-5555-6666-777777777777";
    public const string SampleResourceGroup = "rg-methoddays-test";

    private static readonly Lazy<Task<Snapshot>> SnapshotOnce = new(TakeSnapshotAsync);

    public static string InfraFolder => RepoPaths.Combine("infra");

    /// <summary>The environment main.bicepparam reads: the required Entra ids and nothing inherited.</summary>
    public static IReadOnlyDictionary<string, string?> SampleEnvironment { get; } = new Dictionary<string, string?>
    {
        ["ENTRA_TENANT_ID"] = SampleTenantId,
        ["ENTRA_API_CLIENT_ID"] = SampleApiClientId,
        ["ENTRA_SPA_CLIENT_ID"] = SampleSpaClientId,
        ["ENTRA_INSTANCE"] = null,
        ["ENTRA_SPA_AUTHORITY"] = null,
        ["METHODDAYS_ENV_NAME"] = null,
        ["METHODDAYS_MAX_INSTANCES"] = null,
        ["METHODDAYS_OPERATOR_ID"] = null,
        ["SMTP_HOST"] = null,
        ["SMTP_PORT"] = null,
        ["SMTP_FROM"] = null,
    };

    /// <summary>The evaluated deployment of main.bicepparam, taken once per test run.</summary>
    public static Task<Snapshot> SnapshotAsync() => SnapshotOnce.Value;

    public static async Task<Result> RunAsync(
        IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(ExecutablePath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', start.ArgumentList)} did not finish in 2 minutes.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<Snapshot> TakeSnapshotAsync()
    {
        // The snapshot is written beside the parameters file: work on a copy so the repository stays clean.
        var copy = Directory.CreateTempSubdirectory("methoddays-infra-");
        try
        {
            CopyFolder(InfraFolder, copy.FullName);
            var result = await RunAsync(
                [
                    "snapshot", "main.bicepparam", "--mode", "overwrite",
                    "--tenant-id", SampleTenantId,
                    "--subscription-id", SampleTenantId,
                    "--resource-group", SampleResourceGroup,
                    "--location", "swedencentral",
                ],
                copy.FullName,
                SampleEnvironment);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"bicep snapshot failed ({result.ExitCode}):\n{result.StandardError}");
            }

            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(copy.FullName, "main.snapshot.json")))!;
            return new Snapshot(json, result.StandardError);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The path the test project records from the package (MSBuild writes it with '\' separators).</summary>
    private static string ExecutablePath()
    {
        var recorded = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrWhiteSpace(recorded))
        {
            throw new InvalidOperationException("The test assembly has no BicepPath metadata; is Azure.Bicep.CommandLine referenced?");
        }

        var path = Path.GetFullPath(OperatingSystem.IsWindows() ? recorded : recorded.Replace('\\', '/'));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The bicep executable from the NuGet package is missing; restore the test project.", path);
        }

        // Package extraction does not always keep the executable bit.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>
    /// The predicted resources and outputs. Values known offline are literal; the rest stay ARM expressions
    /// (e.g. a reference to the identity's client id), which is enough to compare settings with outputs.
    /// </summary>
    public sealed class Snapshot(JsonNode root, string standardError)
    {
        public string StandardError { get; } = standardError;

        public IReadOnlyList<JsonObject> Resources { get; } = [.. root["predictedResources"]!.AsArray().Select(r => r!.AsObject())];

        public JsonObject Outputs { get; } = root["outputs"]!.AsObject();

        public JsonArray Diagnostics { get; } = root["diagnostics"]?.AsArray() ?? [];

        public IEnumerable<JsonObject> OfType(string type) =>
            Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

        public JsonObject Single(string type) => OfType(type).Single();

        /// <summary>The last segment of each resource's name, e.g. "members" for ".../default/members".</summary>
        public IReadOnlySet<string> ChildNames(string type) =>
            OfType(type).Select(r => ((string)r["name"]!).Split('/')[^1]).ToHashSet(StringComparer.Ordinal);

        public JsonObject AppSettings => Single("Microsoft.Web/sites/config")["properties"]!.AsObject();
    }
}
