using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MethodDays.Features.Notifications;

/// <summary>What a notice is about; a person can turn off e-mail per kind (the in-app feed always gets it).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    TopicPublished,
    Reminder,
    Overdue,
    MonthlySheet,
    Comment,
    Review,
    Visit,
    PracticeInvitation,
    RouteItemOverdue,
    Subscription,
}

/// <summary>
/// One notice for one person, as queued for the sender. <c>Id</c> is derived from the effect's idempotency key and
/// the person, so a notice queued twice is shown and mailed once.
/// </summary>
public sealed record NotificationMessage(
    string Id,
    string MunicipalityId,
    string PersonId,
    NotificationKind Kind,
    string Subject,
    string Text,
    string? Link,
    DateTimeOffset CreatedAt)
{
    public static string IdFor(string municipalityId, string effectKey, string personId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{municipalityId}\n{effectKey}\n{personId}"));
        return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }
}
