using System.Globalization;

namespace MethodDays.Bench.Infrastructure;

/// <summary>
/// Starts the deployed build of the app for a measurement: Development with development sign-in (tokens minted with
/// <see cref="SigningKey"/>), its own storage prefix, tables created at start, the local driver off (the bench plays
/// the Functions host where a suite needs timers or queues), plus whatever a suite sets on top.
/// </summary>
public sealed class AppLauncher(string executable, byte[] signingKey, string webRoot)
{
    public byte[] SigningKey => signingKey;

    public string Executable => executable;

    public ServerProcess Start(string connectionString, string prefix, IReadOnlyDictionary<string, string>? extra = null) =>
        ServerProcess.Start(executable, _ =>
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Auth__Mode"] = "Development",
                ["Auth__DevSigningKey"] = Convert.ToBase64String(signingKey),
                ["Storage__ConnectionString"] = connectionString,
                ["Storage__Prefix"] = prefix,
                ["Storage__CreateIfMissing"] = "true",
                ["Demo__Seed"] = "false",
                ["Functions__LocalDriver__Enabled"] = "false",
                ["Web__Root"] = webRoot,
            };
            foreach (var (k, v) in extra ?? new Dictionary<string, string>())
            {
                environment[k] = v;
            }

            return environment;
        });

    /// <summary>Starts the app and waits for its first answer.</summary>
    public async Task<ServerProcess> StartReadyAsync(string connectionString, string prefix, IReadOnlyDictionary<string, string>? extra = null)
    {
        var app = Start(connectionString, prefix, extra);
        using var probe = Clients.ForHost(app.BaseAddress);
        try
        {
            await app.WaitForFirstAnswerAsync(probe, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
