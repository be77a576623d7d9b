using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace MethodDays.Platform.Storage;

/// <summary>The storage names this app uses, with the configured prefix applied.</summary>
public sealed class StorageNames(IOptions<StorageOptions> options)
{
    private readonly string _prefix = options.Value.Prefix;

    public string Table(string name) => _prefix + name;

    public string Queue(string name) => _prefix.Length == 0 ? name : $"{_prefix}-{name}";

    public string Container(string name) => _prefix.Length == 0 ? name : $"{_prefix}-{name}";

    /// <summary>Where a queue's messages go after their last failed delivery (the Functions host's convention).</summary>
    public string PoisonQueue(string name) => Queue(name) + PoisonSuffix;

    /// <summary>The Functions host's suffix for a queue's failed messages; spelled here only.</summary>
    public const string PoisonSuffix = "-poison";
}

/// <summary>The tables, queues and containers features declared; created at start when allowed.</summary>
public sealed class StorageInventory
{
    public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Queues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Containers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public static class StorageSetup
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StorageNames>();
        // A person's request waits on storage at most Storage:InteractiveTimeout; see StorageBudget.
        builder.Services.AddTransient<IStartupFilter, StorageBudgetStartup>();
        builder.Services.AddSingleton(Inventory(builder.Services));

        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = Configure(new TableClientOptions());
            return o.ConnectionString is { Length: > 0 } cs
                ? new TableServiceClient(cs, clientOptions)
                : new TableServiceClient(o.TableServiceUri, Credential(o), clientOptions);
        });
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = Configure(new BlobClientOptions());
            return o.ConnectionString is { Length: > 0 } cs
                ? new BlobServiceClient(cs, clientOptions)
                : new BlobServiceClient(o.BlobServiceUri, Credential(o), clientOptions);
        });
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Base64 like the Functions queue trigger expects by default.
            var clientOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            return o.ConnectionString is { Length: > 0 } cs
                ? new QueueServiceClient(cs, clientOptions)
                : new QueueServiceClient(o.QueueServiceUri, Credential(o), clientOptions);
        });
        // In Azure the tables, queues and containers come from Bicep: the provisioner (and the three SDK clients it
        // needs) are not even built then, which keeps them off the cold start before the host's first GET /.
        if (builder.Configuration.GetValue("Storage:CreateIfMissing", true))
        {
            builder.Services.AddHostedService<StorageProvisioner>();
        }

        return builder;
    }

    public static IServiceCollection AddStorageTable(this IServiceCollection services, string name)
    {
        Inventory(services).Tables.Add(name);
        return services;
    }

    public static IServiceCollection AddStorageQueue(this IServiceCollection services, string name)
    {
        Inventory(services).Queues.Add(name);
        return services;
    }

    public static IServiceCollection AddStorageContainer(this IServiceCollection services, string name)
    {
        Inventory(services).Containers.Add(name);
        return services;
    }

    public static TableClient Table(this TableServiceClient service, StorageNames names, string name) =>
        service.GetTableClient(names.Table(name));

    private static StorageInventory Inventory(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(StorageInventory))?.ImplementationInstance is StorageInventory existing)
        {
            return existing;
        }

        var inventory = new StorageInventory();
        services.AddSingleton(inventory);
        return inventory;
    }

    private static TokenCredential Credential(StorageOptions o) =>
        o.ManagedIdentityClientId is { Length: > 0 } id
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
            : new DefaultAzureCredential();

    /// <summary>One try's patience for timers and queue work, which no person waits for.</summary>
    public static readonly TimeSpan BackgroundTryTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Retries after the first try, for every caller; a person's request is cut short by its budget instead.</summary>
    public const int MaxRetries = 2;

    /// <summary>
    /// One set of clients for every caller: the retry options here are the background's patience (three tries of
    /// 20 s), and <see cref="StorageBudgetPolicy"/> shortens each try and the whole wait when a person's request
    /// is making the call, so the call path, not a second set of clients, decides.
    /// </summary>
    internal static T Configure<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = BackgroundTryTimeout;
        options.AddPolicy(new StorageBudgetPolicy(perTry: false), HttpPipelinePosition.PerCall);
        options.AddPolicy(new StorageBudgetPolicy(perTry: true), HttpPipelinePosition.PerRetry);
        return options;
    }
}

/// <summary>Creates declared tables, queues and containers at start (locally; in Azure the Bicep does it).</summary>
public sealed class StorageProvisioner(
    StorageInventory inventory,
    StorageNames names,
    TableServiceClient tables,
    QueueServiceClient queues,
    BlobServiceClient blobs,
    ILogger<StorageProvisioner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(inventory.Tables.Select(t => tables.CreateTableIfNotExistsAsync(names.Table(t), cancellationToken)));
        work.AddRange(inventory.Queues.SelectMany(q => new[]
        {
            queues.GetQueueClient(names.Queue(q)).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            queues.GetQueueClient(names.PoisonQueue(q)).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        }));
        work.AddRange(inventory.Containers.Select(c => blobs.GetBlobContainerClient(names.Container(c)).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        try
        {
            await Task.WhenAll(work);
        }
        catch (Exception ex)
        {
            // Start anyway: requests will answer 503 until storage is reachable, and the health endpoint says why.
            logger.LogError(ex, "Creating storage tables, queues or containers failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
