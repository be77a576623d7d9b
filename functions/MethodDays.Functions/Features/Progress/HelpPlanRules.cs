using System.Globalization;
using System.Text.RegularExpressions;
using MethodDays.Platform.Calendar;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Progress;

/// <summary>An item's fields after the checks.</summary>
internal sealed record HelpItemFields(
    string Action, string Responsible, string DueDate, string? Status, string? SourceMonth, string? SourceRequestId, string? Notes, string? StatusComment,
    string? RecipientKind = null, string? RecipientTeacherId = null)
{
    /// <summary>The editable fields as one hash (the status as it will be written).</summary>
    public string Hash(string status) =>
        ProgressJson.Hash(ProgressJson.Write(new { Action, Responsible, DueDate, status, SourceMonth, SourceRequestId, Notes, RecipientKind, RecipientTeacherId }));
}

/// <summary>Checks a help-plan item from the page; error keys are its field names (<c>dueDate</c>, <c>source.requestId</c>).</summary>
internal static partial class HelpPlanRules
{
    public const string Planned = "planned";

    /// <summary>Whom an item is for (seed 001 §2.17: help «руководителям и педагогам»).</summary>
    public const string Leadership = "leadership", Teacher = "teacher";

    public const string LeadershipLabel = "Руководители школы";

    /// <summary>Statuses of an item; the first two are "open" (the overdue list looks at them).</summary>
    public static readonly IReadOnlyList<HelpStatusChoice> Statuses =
    [
        new(Planned, "Запланировано"),
        new("inProgress", "Выполняется"),
        new("done", "Выполнено"),
        new("cancelled", "Отменено"),
    ];

    public static bool IsOpen(string status) => status is Planned or "inProgress";

    public static string Label(string status) => Statuses.FirstOrDefault(s => s.Id == status)?.Label ?? status;

    public static HelpItemFields Check(HelpItemInput input, bool create, YearMonth currentMonth, FieldErrors errors)
    {
        if (create && input.Id is { } id && !ItemId().IsMatch(id.Trim().ToLowerInvariant()))
        {
            errors.Add("id", "Код пункта: от 6 до 40 латинских букв, цифр и дефисов (например, UUID). Можно не указывать.");
        }

        var action = Required(input.Action, "action", 3, 1000, "Опишите мероприятие помощи", errors);
        var responsible = Required(input.Responsible, "responsible", 2, 300, "Укажите ответственного (ФИО, должность или организацию)", errors);
        string dueDate = "";
        if (string.IsNullOrWhiteSpace(input.DueDate))
        {
            errors.Add("dueDate", "Укажите срок выполнения.");
        }
        else if (!DateOnly.TryParseExact(input.DueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) || due.Year is < 2000 or > 2100)
        {
            errors.Add("dueDate", "Срок указывается как ГГГГ-ММ-ДД, например 2026-12-15.");
        }
        else
        {
            dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var status = input.Status?.Trim();
        if (string.IsNullOrEmpty(status))
        {
            status = create ? Planned : null;
        }
        else if (Statuses.All(s => s.Id != status))
        {
            errors.Add("status", $"Такого статуса нет. Статусы: {string.Join(", ", Statuses.Select(s => $"{s.Id} ({s.Label.ToLowerInvariant()})"))}.");
        }

        string? sourceMonth = null, requestId = null;
        if (input.Source is { } source && (source.Month is not null || source.RequestId is not null))
        {
            if (!YearMonth.TryParse(source.Month?.Trim(), out var month))
            {
                errors.Add("source.month", "Месяц листа продвижения указывается как ГГГГ-ММ, например 2026-11.");
            }
            else if (month > currentMonth)
            {
                errors.Add("source.month", "Лист продвижения за будущий месяц ещё не составлен.");
            }
            else
            {
                sourceMonth = month.ToString();
            }

            requestId = string.IsNullOrWhiteSpace(source.RequestId) ? null : source.RequestId.Trim().ToLowerInvariant();
            if (requestId is { Length: > 40 })
            {
                errors.Add("source.requestId", "Такого запроса нет в листе продвижения.");
            }
        }

        var notes = Optional(input.Notes, "notes", 4000, "Примечания", errors);
        var comment = Optional(input.StatusComment, "statusComment", 500, "Комментарий к смене статуса", errors);
        string? kind = null, teacherId = null;
        if (input.Recipient is { } recipient)
        {
            kind = recipient.Kind?.Trim();
            teacherId = string.IsNullOrWhiteSpace(recipient.TeacherId) ? null : recipient.TeacherId.Trim();
            if (string.IsNullOrEmpty(kind) && teacherId is not null)
            {
                kind = Teacher;
            }

            if (kind is not (Leadership or Teacher))
            {
                errors.Add("recipient.kind", $"Укажите, кому адресована помощь: {Leadership} (руководителям школы) или {Teacher} (педагогу из списка школы).");
            }
            else if (kind == Teacher && teacherId is null)
            {
                errors.Add("recipient.teacherId", "Выберите педагога из списка педагогов школы.");
            }
            else if (kind == Leadership)
            {
                teacherId = null;
            }
        }

        return new HelpItemFields(action, responsible, dueDate, status, sourceMonth, requestId, notes, comment, kind, teacherId);
    }

    /// <summary>A teacher the item is for must be an active teacher of the school's staff list; returns the teacher's name.</summary>
    public static async Task<string?> CheckRecipientAsync(MethodDays.Features.Staff.StaffStore staff, string municipalityId, string schoolId, HelpItemFields fields, FieldErrors errors, CancellationToken ct)
    {
        if (fields.RecipientKind != Teacher || fields.RecipientTeacherId is not { } id)
        {
            return null;
        }

        // Looked up in the list, not by key: an id from the request never becomes part of a storage address.
        var teacher = (await staff.ListAsync(municipalityId, schoolId, ct)).FirstOrDefault(t => t.TeacherId == id);
        if (teacher is not { Active: true })
        {
            errors.Add("recipient.teacherId", "Такого педагога нет в списке педагогов этой школы. Выберите педагога из списка или добавьте его на странице «Педагоги школы».");
            return null;
        }

        return teacher.FullName;
    }

    /// <summary>The source must be a submitted progress sheet of the school, and the request one of that sheet's.</summary>
    public static async Task<string?> CheckSourceAsync(ProgressStore progress, string municipalityId, string schoolId, HelpItemFields fields, FieldErrors errors, CancellationToken ct)
    {
        if (fields.SourceMonth is null || !YearMonth.TryParse(fields.SourceMonth, out var month))
        {
            return null;
        }

        var sheet = await progress.GetFiguresAsync(municipalityId, schoolId, month, ct);
        if (sheet is not { Revision: > 0 })
        {
            errors.Add("source.month", $"Школа не отправляла лист продвижения за {month.RussianName}.");
            return null;
        }

        if (fields.SourceRequestId is null)
        {
            return null;
        }

        var request = ProgressJson.ReadRequests(sheet.Requests).FirstOrDefault(r => r.Id == fields.SourceRequestId);
        if (request is null)
        {
            errors.Add("source.requestId", $"В листе продвижения за {month.RussianName} нет такого запроса на помощь.");
            return null;
        }

        return request.Topic;
    }

    public static string NewId() => Guid.NewGuid().ToString("n")[..12];

    public static string? NormalizeId(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().ToLowerInvariant();

    private static string Required(string? value, string field, int min, int max, string what, FieldErrors errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length < min || text.Length > max)
        {
            errors.Add(field, $"{what}: от {min} до {max} символов.");
        }

        return text;
    }

    private static string? Optional(string? value, string field, int max, string what, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(field, $"{what}: не больше {max} символов.");
        }

        return text;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{5,39}$")]
    private static partial Regex ItemId();
}
