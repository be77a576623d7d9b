using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Subscription;

/// <summary>Applications, the bank of requests, modules, sessions and route agreements (table <c>subscription</c>, PartitionKey the municipality).</summary>
public sealed class SubscriptionStore(TableServiceClient tables, StorageNames names)
{
    public const string Table = "subscription";

    private TableClient Rows => tables.Table(names, Table);

    internal static string ApplicationKey(string year, string schoolId) => $"{ApplicationEntity.Prefix}{year}|{schoolId}";

    internal static string NeedKey(string year, string id) => $"{NeedEntity.Prefix}{year}|{id}";

    internal static string ModuleKey(string id) => $"{ModuleEntity.Prefix}{id}";

    internal static string SessionKey(string moduleId, string sessionId) => $"{SessionEntity.Prefix}{moduleId}|{sessionId}";

    internal static string AgreementKey(string year, string schoolId) => $"{RouteAgreementEntity.Prefix}{year}|{schoolId}";

    internal async Task<T?> GetAsync<T>(string municipalityId, string rowKey, CancellationToken ct)
        where T : class, ITableEntity
    {
        var found = await Rows.GetEntityIfExistsAsync<T>(municipalityId, rowKey, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every row of one kind (and one year, when the prefix carries it): one partition, one prefix.</summary>
    internal Task<IReadOnlyList<T>> ListAsync<T>(string municipalityId, string prefix, CancellationToken ct)
        where T : class, ITableEntity, new() =>
        Rows.PrefixAsync<T>(municipalityId, prefix, ct);

    /// <summary>Adds a row; false when one with its key exists already.</summary>
    internal Task<bool> AddAsync(ITableEntity entity, CancellationToken ct) => Rows.TryAddAsync(entity, ct);

    /// <summary>Replaces a row under <paramref name="ifMatch"/>; false when it changed meanwhile.</summary>
    internal Task<bool> ReplaceAsync(ITableEntity entity, ETag ifMatch, CancellationToken ct) => Rows.TryReplaceAsync(entity, ifMatch, ct);

    internal async Task UpsertAsync(ITableEntity entity, CancellationToken ct) => await Rows.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
}
