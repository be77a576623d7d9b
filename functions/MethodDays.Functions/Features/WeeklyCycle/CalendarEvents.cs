using MethodDays.Features.People;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>An event another feature adds to a person's school calendar (.ics): a school visit, for instance.</summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset Start, DateTimeOffset End, string Summary, string Description);

/// <summary>
/// A source of extra events for a person's calendar link to a school: the feed asks every
/// registered source and writes what they give beside the cycle's steps.
/// </summary>
public interface ICalendarEvents
{
    Task<IReadOnlyList<CalendarEvent>> ForAsync(Municipality municipality, School school, string? personId, DateTimeOffset now, CancellationToken ct);
}
