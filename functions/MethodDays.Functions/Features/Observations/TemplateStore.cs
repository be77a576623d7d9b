using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Observations;

/// <summary>
/// A municipality's protocol versions: the shipped defaults plus the versions its coordinator published (table
/// <c>observationtemplates</c>). A published version is never changed or removed; the newest published one is what
/// new protocols use, the shipped default until there is one.
/// </summary>
public sealed class ProtocolTemplateStore(TableServiceClient tables, StorageNames names, ShippedProtocolTemplates shipped)
{
    public const string Table = "observationtemplates";

    private TableClient Rows => tables.Table(names, Table);

    public ShippedProtocolTemplates Shipped => shipped;

    internal async Task<IReadOnlyList<TemplateEntity>> PublishedAsync(string municipalityId, CancellationToken ct)
    {
        var list = new List<TemplateEntity>();
        await foreach (var e in Rows.QueryAsync<TemplateEntity>(x => x.PartitionKey == municipalityId, select: ["RowKey", "PublishedAt", "PublishedByName", "Json"], cancellationToken: ct))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>The version new protocols of the municipality are filled against.</summary>
    public async Task<ProtocolTemplate> CurrentAsync(string municipalityId, CancellationToken ct)
    {
        var last = (await PublishedAsync(municipalityId, ct)).OrderBy(e => e.PublishedAt).LastOrDefault();
        return last is null ? shipped.Current : Read(last);
    }

    /// <summary>A version the municipality can use (shipped or its own), or null.</summary>
    public async Task<ProtocolTemplate?> FindAsync(string municipalityId, string? version, CancellationToken ct)
    {
        if (version is null)
        {
            return null;
        }

        if (shipped.ByVersion.TryGetValue(version, out var t))
        {
            return t;
        }

        if (!Keys.Valid(version.Replace('.', '-')))
        {
            return null;
        }

        var row = await Rows.GetEntityIfExistsAsync<TemplateEntity>(municipalityId, version, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? Read(e) : null;
    }

    /// <summary>Publishes a version; false when the municipality (or MethodDays) already has one of that name.</summary>
    internal async Task<bool> PublishAsync(string municipalityId, ProtocolTemplate template, string byName, DateTimeOffset at, CancellationToken ct)
    {
        if (shipped.ByVersion.ContainsKey(template.Version))
        {
            return false;
        }

        try
        {
            await Rows.AddEntityAsync(new TemplateEntity
            {
                PartitionKey = municipalityId,
                RowKey = template.Version,
                Json = StoredJson.Write(template with { IsDefault = false, Kind = "observation" }),
                PublishedAt = at,
                PublishedByName = byName,
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    internal static ProtocolTemplate Read(TemplateEntity e) =>
        JsonSerializer.Deserialize<ProtocolTemplate>(e.Json, StoredJson.Options)! with { IsDefault = false };
}
