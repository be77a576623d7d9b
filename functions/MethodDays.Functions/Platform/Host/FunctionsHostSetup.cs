using Microsoft.Extensions.Options;

namespace MethodDays.Platform.Host;

public static class FunctionsHostSetup
{
    /// <summary>Set by the Functions host when it starts us as a custom handler.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The address the standalone app serves, the same as the Functions host's local default.</summary>
    public const string StandaloneUrl = "http://localhost:7071";

    /// <summary>
    /// Whether the Functions host started us. Read from configuration, which holds the environment variables, so
    /// a test host can say so without changing the process's environment.
    /// </summary>
    public static bool IsUnderFunctionsHost(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortVariable]);

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration[PortVariable];
        var underHost = !string.IsNullOrEmpty(port);
        if (underHost)
        {
            // The host calls http://127.0.0.1:{port}; bind only there.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls(StandaloneUrl);
        }

        FunctionCatalogExtensions.Catalog(builder.Services);
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddOptions<LocalDriverOptions>().BindConfiguration(LocalDriverOptions.Section);
        builder.Services.AddSingleton<LocalFunctionsDriver>();
        builder.Services.AddHostedService(sp =>
            new ConditionalHostedService(
                sp.GetRequiredService<IOptions<LocalDriverOptions>>().Value.Enabled && !underHost,
                sp.GetRequiredService<LocalFunctionsDriver>));
        return builder;
    }

    /// <summary>
    /// <c>--emit-functions DIR</c>: write host.json and the function.json folders from the declarations and exit.
    /// The publish target runs this so the package never holds hand-edited manifests.
    /// </summary>
    public static bool TryEmitManifests(this WebApplication app, string[] args)
    {
        var index = Array.IndexOf(args, "--emit-functions");
        if (index < 0)
        {
            return false;
        }

        var dir = index + 1 < args.Length ? args[index + 1] : throw new ArgumentException("--emit-functions needs a folder.");
        // The app has not started, so read its route builder's data sources directly (the DI composite fills at start).
        var declarations = FunctionManifest.Declarations(
            app.Services.GetRequiredService<FunctionCatalog>(),
            new CompositeEndpointDataSource(((IEndpointRouteBuilder)app).DataSources));
        FunctionManifest.Write(dir, declarations);
        Console.WriteLine($"Wrote host.json and {declarations.Count} functions to {Path.GetFullPath(dir)}");
        return true;
    }

    /// <summary>Starts the inner service only when the condition held at composition.</summary>
    private sealed class ConditionalHostedService(bool enabled, Func<IHostedService> create) : IHostedService
    {
        private IHostedService? _inner;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!enabled)
            {
                return Task.CompletedTask;
            }

            _inner = create();
            return _inner.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => _inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
