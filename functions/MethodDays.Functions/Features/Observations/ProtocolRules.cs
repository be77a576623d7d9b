using System.Globalization;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Observations;

/// <summary>
/// The checks of a protocol save: marks on each item's scale, notes and analysis within bounds, and the device's
/// time stamps placed in time — an offline protocol is accepted days later, but not stamped before the lesson's day
/// (in the municipality's time zone) nor in the future (a few minutes of a phone's clock running fast are allowed).
/// </summary>
internal static class ProtocolRules
{
    public const int MaxNotes = 100;
    public const int MaxNoteLength = 2000;
    public const int MaxAnalysisLength = 4000;

    /// <summary>A stored property holds 32K characters; the content stays well under it.</summary>
    public const int MaxContentChars = 30_000;

    /// <summary>How far ahead of the server a phone's clock may be.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static DateTimeOffset DayStart(LessonInfo lesson, string timeZone)
    {
        var local = lesson.Date.ToDateTime(TimeOnly.MinValue);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Null when <paramref name="at"/> is a time the protocol can have been written at, else the reason.</summary>
    public static string? CheckTime(DateTimeOffset at, DateTimeOffset dayStart, DateTimeOffset now)
    {
        if (at > now + ClockSkew)
        {
            return "Время записи позже текущего: проверьте дату и время на телефоне.";
        }

        return at < dayStart
            ? $"Время записи раньше дня урока ({dayStart.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}): проверьте дату и время на телефоне."
            : null;
    }

    /// <summary>Checks the input against the template and builds the content; errors are keyed by the request's field names.</summary>
    public static ProtocolContent Read(ProtocolTemplate template, ProtocolInput input, DateTimeOffset dayStart, DateTimeOffset now, FieldErrors errors)
    {
        var marks = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (itemId, value) in input.Marks ?? [])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue; // no mark given
            }

            var scale = template.ScaleOf(itemId);
            if (scale is null)
            {
                errors.Add($"marks.{itemId}", "Такого пункта нет в этой версии протокола.");
            }
            else if (scale.NoteOnly)
            {
                errors.Add($"marks.{itemId}", "Этот пункт без отметки: запишите наблюдение в заметки.");
            }
            else if (!scale.Allows(value))
            {
                errors.Add($"marks.{itemId}", $"Отметка «{Short(value)}» не из шкалы пункта ({scale.Caption}).");
            }
            else
            {
                marks[itemId] = value;
            }
        }

        var notes = new List<ProtocolNote>();
        var noteInputs = input.Notes ?? [];
        if (noteInputs.Count > MaxNotes)
        {
            errors.Add("notes", $"Не больше {MaxNotes} заметок в протоколе.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(noteInputs.Count, MaxNotes); i++)
        {
            var note = noteInputs[i] ?? new ProtocolNoteInput(null, null, null);
            if (!Keys.Valid(note.Id) || !ids.Add(note.Id!))
            {
                errors.Add($"notes[{i}].id", "У заметки нет кода или он повторяется: обновите страницу.");
            }

            var text = note.Text?.Trim() ?? "";
            if (text.Length is 0 or > MaxNoteLength)
            {
                errors.Add($"notes[{i}].text", $"Заметка: от 1 до {MaxNoteLength} символов.");
            }

            if (note.At is not { } at)
            {
                errors.Add($"notes[{i}].at", "У заметки нет времени записи.");
            }
            else if (CheckTime(at, dayStart, now) is { } reason)
            {
                errors.Add($"notes[{i}].at", reason);
            }

            notes.Add(new ProtocolNote(note.Id ?? "", note.At ?? now, text));
        }

        var strengths = Analysis(input.Strengths, "strengths", errors);
        var problems = Analysis(input.Problems, "problems", errors);
        var recommendations = Analysis(input.Recommendations, "recommendations", errors);
        if (input.WrittenAt is { } written && CheckTime(written, dayStart, now) is { } late)
        {
            errors.Add("writtenAt", late);
        }

        var content = new ProtocolContent(marks, [.. notes.OrderBy(n => n.At).ThenBy(n => n.Id, StringComparer.Ordinal)], strengths, problems, recommendations);
        if (!errors.Any && StoredJson.Write(content).Length > MaxContentChars)
        {
            errors.Add("notes", "Протокол слишком длинный: сократите заметки или анализ.");
        }

        return content;
    }

    private static string Analysis(string? text, string field, FieldErrors errors)
    {
        var value = text?.Trim() ?? "";
        if (value.Length > MaxAnalysisLength)
        {
            errors.Add(field, $"Не больше {MaxAnalysisLength} символов.");
        }

        return value;
    }

    private static string Short(string value) => value.Length > 10 ? value[..10] + "…" : value;
}
