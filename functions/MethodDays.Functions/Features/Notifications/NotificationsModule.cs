using MethodDays.Platform.Host;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Notifications;

/// <summary>Notices: queued by the features, delivered by <see cref="SendNotificationFunction"/> to the feed and by e-mail.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailSender>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<SchoolNotices>();
        services.AddSingleton<NotificationStore>();
        services.AddStorageQueue(Notifier.Queue);
        services.AddStorageTable(NotificationStore.FeedTable);
        services.AddStorageTable(NotificationStore.PreferencesTable);
        services.AddStorageTable(NotificationStore.DeliveriesTable);
        services.AddQueueFunction<SendNotificationFunction>(SendNotificationFunction.Name, Notifier.Queue);
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        NotificationEndpoints.Map(api);
        return api;
    }
}
