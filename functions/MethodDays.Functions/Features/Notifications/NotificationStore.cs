using Azure;
using Azure.Data.Tables;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Notifications;

/// <summary>Feeds, e-mail preferences and delivery markers.</summary>
public sealed class NotificationStore(TableServiceClient tables, StorageNames names)
{
    public const string FeedTable = "feed";
    public const string PreferencesTable = "preferences";
    public const string DeliveriesTable = "deliveries";

    private TableClient Feed => tables.Table(names, FeedTable);
    private TableClient Preferences => tables.Table(names, PreferencesTable);
    private TableClient Deliveries => tables.Table(names, DeliveriesTable);

    private static string FeedPartition(string municipalityId, string personId) => $"{municipalityId}|{personId}";

    /// <summary>Adds the notice once: the row key comes from the notice, so a redelivery finds it there.</summary>
    internal async Task<bool> AddToFeedAsync(NotificationMessage m, CancellationToken ct)
    {
        var entity = new FeedEntity
        {
            PartitionKey = FeedPartition(m.MunicipalityId, m.PersonId),
            RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - m.CreatedAt.UtcTicks:D19}|{m.Id}",
            NotificationId = m.Id,
            Kind = m.Kind.ToString(),
            Subject = m.Subject,
            Text = m.Text,
            Link = m.Link,
            CreatedAt = m.CreatedAt,
        };
        return await Feed.TryAddAsync(entity, ct);
    }

    public async Task<FeedView> ReadFeedAsync(string municipalityId, string personId, int take, CancellationToken ct)
    {
        var pk = FeedPartition(municipalityId, personId);
        var items = new List<FeedItem>();
        var unread = 0;
        await foreach (var e in Feed.QueryAsync<FeedEntity>(x => x.PartitionKey == pk, cancellationToken: ct))
        {
            if (!e.Read)
            {
                unread++;
            }

            if (items.Count < take)
            {
                items.Add(new FeedItem(e.RowKey, Enum.TryParse<NotificationKind>(e.Kind, out var k) ? k : NotificationKind.Reminder, e.Subject, e.Text, e.Link, e.CreatedAt, e.Read));
            }
        }

        return new FeedView(unread, items);
    }

    /// <summary>Marks one item (or, with null, every item) read.</summary>
    public async Task<int> MarkReadAsync(string municipalityId, string personId, string? itemId, CancellationToken ct)
    {
        var pk = FeedPartition(municipalityId, personId);
        var changed = 0;
        await foreach (var e in Feed.QueryAsync<FeedEntity>(x => x.PartitionKey == pk && x.Read == false, cancellationToken: ct))
        {
            if (itemId is not null && e.RowKey != itemId)
            {
                continue;
            }

            e.Read = true;
            await Feed.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Merge, ct);
            changed++;
        }

        return changed;
    }

    public async Task<IReadOnlySet<NotificationKind>> EmailOffAsync(string municipalityId, string personId, CancellationToken ct)
    {
        var r = await Preferences.GetEntityIfExistsAsync<PreferenceEntity>(municipalityId, personId, cancellationToken: ct);
        return !r.HasValue ? new HashSet<NotificationKind>() : r.Value!.EmailOff
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Enum.TryParse<NotificationKind>(s, out var k) ? k : (NotificationKind?)null)
            .OfType<NotificationKind>()
            .ToHashSet();
    }

    public Task SetEmailOffAsync(string municipalityId, string personId, IEnumerable<NotificationKind> off, CancellationToken ct) =>
        Preferences.UpsertEntityAsync(new PreferenceEntity { PartitionKey = municipalityId, RowKey = personId, EmailOff = string.Join(',', off.Distinct()) }, TableUpdateMode.Replace, ct);

    internal async Task<bool> WasMailedAsync(string notificationId, CancellationToken ct) =>
        (await Deliveries.GetEntityIfExistsAsync<TableEntity>(notificationId, "email", select: ["PartitionKey"], cancellationToken: ct)).HasValue;

    internal Task MarkMailedAsync(string notificationId, DateTimeOffset at, CancellationToken ct) =>
        Deliveries.UpsertEntityAsync(new TableEntity(notificationId, "email") { ["SentAt"] = at }, TableUpdateMode.Replace, ct);
}
