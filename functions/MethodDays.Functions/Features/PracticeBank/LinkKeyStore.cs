using System.Security.Cryptography;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// The key that signs file links (table <c>settings</c>, row <c>keys/file-links</c>): random, made once by whichever
/// instance asks first, so every instance signs and checks with the same key.
/// </summary>
public sealed class LinkKeyStore(TableServiceClient tables, StorageNames names)
{
    public const string SettingsTable = "settings";

    private const string Partition = "keys";
    private const string Row = "file-links";

    private TableClient Settings => tables.Table(names, SettingsTable);

    internal static void Register(IServiceCollection services)
    {
        services.AddSingleton<LinkKeyStore>();
        services.AddStorageTable(SettingsTable);
    }

    internal async Task<byte[]> GetOrCreateAsync(CancellationToken ct)
    {
        var existing = await Settings.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        if (!existing.HasValue)
        {
            // False when another instance made it first: theirs is read below and used.
            await Settings.TryAddAsync(new TableEntity(Partition, Row) { ["Key"] = RandomNumberGenerator.GetBytes(32) }, ct);

            existing = await Settings.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        }

        return existing.Value!.GetBinary("Key");
    }
}
