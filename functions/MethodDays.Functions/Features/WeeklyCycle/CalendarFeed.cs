using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MethodDays.Features.People;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.WeeklyCycle;

public sealed record CalendarLink(string Url);

/// <summary>
/// A per-school calendar (.ics) of the week's steps that a phone can subscribe to. Calendar apps cannot sign in,
/// so the address carries a random per-school token (table <c>calendars</c>): anyone with the link sees the
/// school's schedule and topic titles, nothing else.
/// </summary>
internal static class CalendarFeed
{
    public const string Table = "calendars";

    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/municipalities/{municipalityId}/schools/{schoolId}/calendar", LinkAsync)
            .WithName("SchoolCalendarLink").WithTags("Недельный цикл ЕМД").WithSummary("Ссылка на календарь школы (.ics) для телефона");
        app.MapGet("/api/calendar/{token}.ics", FeedAsync)
            .WithName("SchoolCalendarFeed").WithTags("Недельный цикл ЕМД").WithSummary("Календарь шагов недели школы (по ссылке с ключом)")
            .AllowAnonymous();
    }

    public static async Task<Results<Ok<CalendarLink>, ProblemHttpResult>> LinkAsync(
        string municipalityId, string schoolId, CurrentUser user, DirectoryStore directory, TableServiceClient tables, StorageNames names, HttpContext http, CancellationToken ct)
    {
        var (_, _, problem) = await SchoolScope.ResolveAsync(directory, user, municipalityId, schoolId, u => u.CanReadSchool(municipalityId, schoolId), ct);
        if (problem is not null)
        {
            return problem;
        }

        var table = tables.Table(names, Table);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(municipalityId, schoolId, cancellationToken: ct);
        string token;
        if (existing.HasValue)
        {
            token = existing.Value!.GetString("Token");
        }
        else
        {
            token = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
            // Index first, then the school's row: a half-written pair leaves only an unused index entry.
            await table.UpsertEntityAsync(new TableEntity("token", token) { ["MunicipalityId"] = municipalityId, ["SchoolId"] = schoolId }, TableUpdateMode.Replace, ct);
            try
            {
                await table.AddEntityAsync(new TableEntity(municipalityId, schoolId) { ["Token"] = token }, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                token = (await table.GetEntityAsync<TableEntity>(municipalityId, schoolId, cancellationToken: ct)).Value.GetString("Token");
            }
        }

        // Behind the Functions host the request arrives as plain http; phones want an https subscription.
        var local = http.Request.Host.Host is "localhost" or "127.0.0.1";
        return TypedResults.Ok(new CalendarLink($"{(local ? http.Request.Scheme : "https")}://{http.Request.Host}/api/calendar/{token}.ics"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FeedAsync(
        string token, DirectoryStore directory, CycleStore store, TableServiceClient tables, StorageNames names, TimeProvider time, CancellationToken ct)
    {
        if (token.Length != 40 || !token.All(Uri.IsHexDigit))
        {
            return Problems.NotFound("Такого календаря нет.");
        }

        var index = await tables.Table(names, Table).GetEntityIfExistsAsync<TableEntity>("token", token, cancellationToken: ct);
        if (!index.HasValue)
        {
            return Problems.NotFound("Такого календаря нет.");
        }

        var municipalityId = index.Value!.GetString("MunicipalityId");
        var school = await directory.GetSchoolAsync(municipalityId, index.Value.GetString("SchoolId"), ct);
        var municipality = await directory.GetMunicipalityAsync(municipalityId, ct);
        if (school is null || municipality is null)
        {
            return Problems.NotFound("Такого календаря нет.");
        }

        var now = time.GetUtcNow();
        var zone = LocalTime.Zone(municipality.TimeZone);
        var template = await store.GetTemplateAsync(municipalityId, ct);
        var skipped = await store.SkippedWeeksAsync(municipalityId, ct);
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

            var topic = await store.GetTopicAsync(municipalityId, week, ct);
            var title = WeekRules.IsPublished(topic, now) ? topic!.Title : null;
            foreach (var step in template.Steps)
            {
                var at = step.At(week, zone);
                Line(ics, "BEGIN:VEVENT");
                Line(ics, $"UID:{week}-{step.Id}-{municipalityId}-{school.Id}@methoddays");
                Line(ics, $"DTSTAMP:{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
                Line(ics, $"DTSTART:{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
                Line(ics, step.IsDeadline ? "DURATION:PT15M" : "DURATION:PT1H");
                Line(ics, $"SUMMARY:{Escape((step.IsDeadline ? "Срок: " : "") + step.Title)}");
                Line(ics, $"DESCRIPTION:{Escape($"Неделя {week.RussianRange}." + (title is null ? "" : $" Тема: «{title}»."))}");
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

        Line(ics, "END:VCALENDAR");
        return TypedResults.File(Encoding.UTF8.GetBytes(ics.ToString()), "text/calendar; charset=utf-8", $"emd-{school.Id}.ics");
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
