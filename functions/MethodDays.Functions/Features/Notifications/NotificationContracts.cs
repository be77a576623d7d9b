namespace MethodDays.Features.Notifications;

public sealed record ReadInput(string? Id);

public sealed record EmailPreferences(IReadOnlyList<NotificationKind> Off, IReadOnlyList<NotificationKind> Kinds);

public sealed record EmailPreferencesInput(IReadOnlyList<NotificationKind>? Off);

public sealed record FailedNotice(string MessageId, string PersonId, string PersonName, NotificationKind Kind, string Subject, DateTimeOffset CreatedAt, long DequeueCount);

public sealed record FailedNotices(int Total, IReadOnlyList<FailedNotice> Items);

public sealed record ResendResult(int Resent);

public sealed record FeedItem(string Id, NotificationKind Kind, string Subject, string Text, string? Link, DateTimeOffset CreatedAt, bool Read);

public sealed record FeedView(int Unread, IReadOnlyList<FeedItem> Items);
