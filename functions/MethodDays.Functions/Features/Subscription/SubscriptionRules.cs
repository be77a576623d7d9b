using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Features.Visits;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Subscription;

/// <summary>A code and its words, as the seed writes them.</summary>
public sealed record Choice(string Code, string Label);

/// <summary>
/// Who may do what in the subscription, by least privilege:
/// <list type="bullet">
/// <item>answer applications, plan and edit modules, record sessions, see the bank of requests and the indicators: the
/// municipality's coordinator and methodists;</item>
/// <item>apply, enter the school's requests (for its teachers too, who may have no account), agree the school's complex
/// route and see its teachers' attendance: the school's administration, for its own school;</item>
/// <item>a teacher enters and sees their own requests and the modules they attended or asked for;</item>
/// <item>another school, a curator, another municipality: nothing personal (403).</item>
/// </list>
/// </summary>
internal static class SubscriptionAccess
{
    public static bool CanRunSubscription(this CurrentUser user, string municipalityId) => user.CanSeeMunicipality(municipalityId);

    public static bool CanApply(this CurrentUser user, string municipalityId, string schoolId) => user.CanWriteSchoolSheets(municipalityId, schoolId);

    /// <summary>The school's page: its administration, its teachers (their own part), the coordinator and methodists.</summary>
    public static bool CanOpenSchool(this CurrentUser user, string municipalityId, string schoolId) =>
        municipalityId == user.MunicipalityId
        && (user.IsMunicipalityWide || (user.Role is Role.SchoolAdmin or Role.Teacher && user.Member.SchoolIds.Contains(schoolId)));
}

/// <summary>Seed 002's words and the checks of what people type.</summary>
internal static class SubscriptionRules
{
    public const string Pending = "pending";
    public const string Agreed = "agreed";
    public const string Declined = "declined";

    /// <summary>Seed 002, III.1 «Критерии отбора школ в „Методический абонемент“».</summary>
    public static readonly IReadOnlyList<Choice> Criteria =
    [
        new("request", "по заявке ОО"),
        new("vpr", "по результатам независимой оценки качества обучения в ОО (итоги всероссийских проверочных работ)"),
        new("diagnostics", "по итогам диагностики дефицитов предметной компетентности педагогов школы"),
    ];

    /// <summary>Seed 002, III.3 «Формы реализации Методического абонемента».</summary>
    public static readonly IReadOnlyList<Choice> Forms =
    [
        new("session", "методическая сессия"),
        new("practicum", "практикум"),
        new("master-class", "мастер-класс"),
        new("intensive", "методический интенсив"),
        new("training", "тренинг"),
        new("consulting", "психологический консалтинг"),
        new("mentoring-hour", "наставнический час"),
    ];

    /// <summary>Seed 002, III.2: the team «из числа специалистов МКУ „Центр развития образования и оценки качества“, муниципальных тьюторов».</summary>
    public static readonly IReadOnlyList<Choice> Leads =
    [
        new("specialist", "специалист муниципального центра"),
        new("tutor", "муниципальный тьютор"),
    ];

    public const int MaxTopic = 300;
    public const int MaxText = 2000;
    public const double MaxHours = 72;

    public static string StatusLabel(string status) => status switch
    {
        Agreed => "согласована",
        Declined => "отклонена",
        _ => "на рассмотрении",
    };

    public static string Label(IReadOnlyList<Choice> list, string code) => list.FirstOrDefault(c => c.Code == code)?.Label ?? code;

    public static string CompetenceLabel(string code) => Competences.ByCode(code)?.Label ?? code;

    public static string Collapse(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>How topics are grouped: lower case, «ё» as «е», single spaces, no final full stop or quotes around.</summary>
    public static string TopicKey(string topic) =>
        Collapse(topic).ToLowerInvariant().Replace('ё', 'е').Trim('.', ' ', '«', '»', '"');

    /// <summary>The school year asked for, or the current one in the municipality's time.</summary>
    public static bool TryYear(string? given, TimeProvider time, Municipality municipality, out string year)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            year = SchoolYears.Of(Today(time, municipality));
            return true;
        }

        return SchoolYears.TryParse(given, out year);
    }

    public const string YearHint = "Учебный год — в виде «2026-2027».";

    public static DateOnly Today(TimeProvider time, Municipality municipality) =>
        Platform.Calendar.LocalTime.Today(time, municipality.TimeZone);

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Russian(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("ru-RU"));

    public static string Russian(string isoDate) => TryDate(isoDate, out var d) ? Russian(d) : isoDate;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A required text within limits; null (and an error) otherwise.</summary>
    public static string? Required(string? value, string field, int min, int max, string missing, FieldErrors errors)
    {
        var text = Collapse(value);
        if (text.Length == 0 || text.Length < min)
        {
            errors.Add(field, missing);
            return null;
        }

        if (text.Length > max || text.Any(char.IsControl))
        {
            errors.Add(field, text.Length > max ? $"Не длиннее {max} знаков." : "Уберите служебные символы.");
            return null;
        }

        return text;
    }

    public static bool IsId(string? id) => id is { Length: >= 1 and <= 40 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string NewId() => Guid.NewGuid().ToString("n")[..12];
}
