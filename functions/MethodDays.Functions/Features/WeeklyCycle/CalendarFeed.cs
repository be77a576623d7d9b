using System.Text;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;

namespace MethodDays.Features.WeeklyCycle;

/// <summary>
/// A school's calendar (.ics, RFC 5545) of the cycle's steps from two weeks back to four ahead, with the titles of
/// published topics: what a phone subscribed to the school's link shows.
/// </summary>
internal static class CalendarFeed
{
    public static async Task<byte[]> WriteAsync(Municipality municipality, School school, CycleStore store, DateTimeOffset now, CancellationToken ct, IReadOnlyList<CalendarEvent>? extra = null)
    {
        var zone = LocalTime.Zone(municipality.TimeZone);
        var template = await store.GetTemplateAsync(municipality.Id, ct);
        var skipped = await store.SkippedWeeksAsync(municipality.Id, ct);
        var thisWeek = WeekId.Of(TimeZoneInfo.ConvertTime(now, zone));
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//MethodDays//Weekly cycle//RU");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, $"X-WR-CALNAME:ЕМД — {Escape(school.ShortName)}");
        Line(ics, "X-PUBLISHED-TTL:PT6H");
        for (var week = thisWeek.Plus(-2); week <= thisWeek.Plus(4); week = week.Next)
        {
            if (skipped.ContainsKey(week))
            {
                continue;
            }

            var topic = await store.GetTopicAsync(municipality.Id, week, ct);
            var title = WeekRules.IsPublished(topic, now) ? topic!.Title : null;
            foreach (var step in template.Steps)
            {
                var at = step.At(week, zone);
                Line(ics, "BEGIN:VEVENT");
                Line(ics, $"UID:{week}-{step.Id}-{municipality.Id}-{school.Id}@methoddays");
                Line(ics, $"DTSTAMP:{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
                Line(ics, $"DTSTART:{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
                Line(ics, step.IsDeadline ? "DURATION:PT15M" : "DURATION:PT1H");
                Line(ics, $"SUMMARY:{Escape((step.IsDeadline ? "Срок: " : "") + step.Title)}");
                Line(ics, $"DESCRIPTION:{Escape($"Неделя {week.RussianRange}." + (title is null ? "" : $" Тема: «{title}».") +
                    $" По циклу муниципалитета: {CycleEngine.Format(at, zone)} ({RussianWords.ZoneName(municipality.TimeZone, at)}).")}");
                if (step.IsDeadline && step.Actor == Actor.School)
                {
                    Line(ics, "BEGIN:VALARM");
                    Line(ics, "ACTION:DISPLAY");
                    Line(ics, $"DESCRIPTION:{Escape(step.Title)}");
                    Line(ics, "TRIGGER:-PT2H");
                    Line(ics, "END:VALARM");
                }

                Line(ics, "END:VEVENT");
            }
        }

        foreach (var e in extra ?? [])
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, $"UID:{e.Uid}");
            Line(ics, $"DTSTAMP:{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            Line(ics, $"DTSTART:{e.Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            Line(ics, $"DTEND:{e.End.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            Line(ics, $"SUMMARY:{Escape(e.Summary)}");
            Line(ics, $"DESCRIPTION:{Escape(e.Description)}");
            Line(ics, "END:VEVENT");
        }

        Line(ics, "END:VCALENDAR");
        return Encoding.UTF8.GetBytes(ics.ToString());
    }

    /// <summary>RFC 5545: CRLF line ends, lines folded at 75 octets (continuations start with a space).</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var start = 0;
        var first = true;
        while (start < bytes.Length)
        {
            var room = first ? 75 : 74;
            var end = Math.Min(bytes.Length, start + room);
            // Never split a UTF-8 sequence: back up to a lead byte.
            while (end < bytes.Length && (bytes[end] & 0xC0) == 0x80)
            {
                end--;
            }

            ics.Append(first ? "" : " ").Append(Encoding.UTF8.GetString(bytes, start, end - start)).Append("\r\n");
            start = end;
            first = false;
        }
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
