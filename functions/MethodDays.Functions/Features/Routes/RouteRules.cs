using System.Globalization;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.People;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Features.Routes;

/// <summary>
/// A route is personal data about a teacher. By least privilege:
/// <list type="bullet">
/// <item>keep a school's routes (draft, save, log consultations): the school's admin team and the municipality's methodists;</item>
/// <item>approve («Приказ об утверждении ИОМ»): the school's admin team only — the order is the school's;</item>
/// <item>a teacher reads their own route (their staff record is linked to their account) and marks their agreement;</item>
/// <item>a tutor who is a member reads the route they tutor, marks agreement and logs consultations;</item>
/// <item>the coordinator and the school's curator see the effectiveness review's numbers, never an item or a name;</item>
/// <item>another school or municipality gets 403.</item>
/// </list>
/// </summary>
public static class RouteAccess
{
    public static bool CanKeepRoutes(this CurrentUser user, string municipalityId, string schoolId) =>
        municipalityId == user.MunicipalityId
        && (user.Role == Role.Methodist || (user.Role == Role.SchoolAdmin && user.Member.SchoolIds.Contains(schoolId)));

    public static bool CanApproveRoutes(this CurrentUser user, string municipalityId, string schoolId) =>
        municipalityId == user.MunicipalityId && user.Role == Role.SchoolAdmin && user.Member.SchoolIds.Contains(schoolId);

    /// <summary>Who may ask about one school's routes at all; which route and which fields are checked per record.</summary>
    public static bool CanReachRoutes(this CurrentUser user, string municipalityId, string schoolId) => user.CanReadSchool(municipalityId, schoolId);
}

internal static class RouteRules
{
    public const int MaxItems = 40;
    public const int MaxContent = 1000;
    public const int MaxName = 200;
    public const int MaxNote = 2000;

    /// <summary>
    /// Hours of one item: more than 0, at most 250 — a long course of professional development is 144 hours, a
    /// retraining programme starts at 250 and is not an item of a year's route.
    /// </summary>
    public const decimal MaxHours = 250m;

    /// <summary>How many accepted practices of the bank a draft offers for each suggested competence.</summary>
    public const int PracticesPerCompetence = 3;

    public static readonly IReadOnlyList<RouteFormView> Forms =
    [
        new("course", "курс повышения квалификации"),
        new("seminar", "семинар"),
        new("subscription", "модуль методического абонемента"),
        new("mentoring", "наставничество"),
        new("self-education", "самообразование"),
        new("open-lesson", "открытый урок"),
        new("method-day", "практика на методическом дне"),
        new("other", "другое"),
    ];

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["planned"] = "запланировано",
        ["in-progress"] = "выполняется",
        ["done"] = "выполнено",
        ["cancelled"] = "отменено",
    };

    /// <summary>
    /// The period a request names, or when it names none the school year of <paramref name="date"/>; false (with the
    /// period field's problem) when the text is not a school year.
    /// </summary>
    public static bool TryPeriod(string? text, DateOnly date, out string period, out ValidationProblem? problem)
    {
        problem = null;
        if (text is null)
        {
            period = PeriodOf(date);
            return true;
        }

        period = Period(text) ?? "";
        if (period.Length == 0)
        {
            problem = Problems.Invalid("period", PeriodHint);
            return false;
        }

        return true;
    }

    /// <summary>A school year as <c>2026-27</c> from «2026/27» or «2026-27»; null when it is not one.</summary>
    public static string? Period(string? text)
    {
        var t = text?.Trim().Replace('/', '-');
        if (t is not { Length: 7 } || t[4] != '-'
            || !int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            || first < 2000 || (first + 1) % 100 != second)
        {
            return null;
        }

        return t;
    }

    public const string PeriodHint = "Учебный год — в виде «2026/27» или «2026-27»: два соседних года.";

    public static string PeriodLabel(string period) => period.Replace('-', '/');

    public static (DateOnly Start, DateOnly End) Bounds(string period)
    {
        var first = int.Parse(period[..4], CultureInfo.InvariantCulture);
        return (new DateOnly(first, 9, 1), new DateOnly(first + 1, 8, 31));
    }

    /// <summary>The school year a date falls in: from September.</summary>
    public static string PeriodOf(DateOnly date)
    {
        var first = date.Month >= 9 ? date.Year : date.Year - 1;
        return $"{first}-{(first + 1) % 100:D2}";
    }

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Russian(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("ru-RU"));

    /// <summary>Checks the items; member ids are checked by the caller (it needs the directory).</summary>
    public static List<RouteItem>? CheckItems(IReadOnlyList<RouteItemInput?>? items, string period, FieldErrors errors)
    {
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "В маршруте нет ни одного мероприятия: добавьте хотя бы одно.");
            return null;
        }

        if (items.Count > MaxItems)
        {
            errors.Add("items", $"В маршруте не больше {MaxItems} мероприятий.");
            return null;
        }

        var (from, to) = Bounds(period);
        var result = new List<RouteItem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var p = $"items.{i}";
            if (items[i] is not { } item)
            {
                errors.Add(p, "Пустое мероприятие: заполните его или уберите.");
                continue;
            }

            var before = errors.Count;
            var competence = item.Competence?.Trim();
            if (Competences.ByCode(competence) is null)
            {
                errors.Add($"{p}.competence", string.IsNullOrEmpty(competence)
                    ? "Укажите компетенцию, на которую направлено мероприятие."
                    : $"Компетенции «{competence}» нет. Компетенции: {string.Join(", ", Competences.All.Select(c => $"{c.Code} ({c.Label})"))}.");
            }

            var content = item.Content?.Trim() ?? "";
            if (content.Length == 0)
            {
                errors.Add($"{p}.content", "Опишите содержание мероприятия.");
            }
            else if (content.Length > MaxContent)
            {
                errors.Add($"{p}.content", $"Содержание — не длиннее {MaxContent} знаков.");
            }

            var form = item.Form?.Trim();
            if (Forms.All(f => f.Code != form))
            {
                errors.Add($"{p}.form", $"Форма — одна из: {string.Join(", ", Forms.Select(f => $"{f.Code} ({f.Label})"))}.");
            }

            if (item.Hours is not { } hours || hours <= 0)
            {
                errors.Add($"{p}.hours", "Часы — больше нуля.");
            }
            else if (hours > MaxHours)
            {
                errors.Add($"{p}.hours", $"{hours.ToString(CultureInfo.InvariantCulture)} ч на одно мероприятие — слишком много: не больше {MaxHours.ToString(CultureInfo.InvariantCulture)} ч. Проверьте число.");
            }
            else if (decimal.Round(hours, 1) != hours)
            {
                errors.Add($"{p}.hours", "Часы — с точностью до десятых, например 1,5.");
            }

            var hasStart = TryDate(item.StartDate, out var start);
            var hasEnd = TryDate(item.EndDate, out var end);
            if (!hasStart)
            {
                errors.Add($"{p}.startDate", "Дата начала — в виде ГГГГ-ММ-ДД.");
            }
            else if (start < from || start > to)
            {
                errors.Add($"{p}.startDate", $"Дата начала вне учебного года {PeriodLabel(period)} ({Russian(from)} — {Russian(to)}).");
            }

            if (!hasEnd)
            {
                errors.Add($"{p}.endDate", "Дата окончания — в виде ГГГГ-ММ-ДД.");
            }
            else if (hasStart && end < start)
            {
                errors.Add($"{p}.endDate", $"Окончание ({Russian(end)}) раньше начала ({Russian(start)}).");
            }
            else if (end < from || end > to)
            {
                errors.Add($"{p}.endDate", $"Дата окончания вне учебного года {PeriodLabel(period)} ({Russian(from)} — {Russian(to)}).");
            }

            var responsible = Optional(item.ResponsibleName, $"{p}.responsibleName", MaxName, errors);
            var responsibleId = Optional(item.ResponsibleMemberId, $"{p}.responsibleMemberId", 100, errors);
            var status = string.IsNullOrWhiteSpace(item.Status) ? "planned" : item.Status.Trim();
            if (!Statuses.ContainsKey(status))
            {
                errors.Add($"{p}.status", "Состояние — planned (запланировано), in-progress (выполняется), done (выполнено) или cancelled (отменено).");
            }

            var practice = Optional(item.PracticeId, $"{p}.practiceId", 100, errors);
            if (practice is not null && !practice.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add($"{p}.practiceId", "Ссылка на практику банка — её идентификатор (латинские буквы, цифры, дефис).");
            }

            var note = Optional(item.EvidenceNote, $"{p}.evidenceNote", MaxNote, errors);
            var module = Optional(item.ModuleId, $"{p}.moduleId", 40, errors);
            if (module is not null && !module.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add($"{p}.moduleId", "Модуль абонемента — его идентификатор (латинские буквы, цифры, дефис): выберите модуль из списка.");
                module = null;
            }
            else if (module is not null && form is not null && form != "subscription")
            {
                errors.Add($"{p}.moduleId", "Модуль абонемента выбирают для мероприятия в форме «модуль методического абонемента»: выберите эту форму или уберите модуль.");
            }

            var id = Optional(item.Id, $"{p}.id", 40, errors);
            if (id is not null && !ids.Add(id))
            {
                errors.Add($"{p}.id", "Два мероприятия с одним идентификатором.");
            }

            if (errors.Count == before)
            {
                result.Add(new RouteItem(id ?? "", competence!, content, form!, item.Hours!.Value, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), responsible, responsibleId, status, practice, note, ModuleId: module));
            }
        }

        // One module, one item: attendance marks the item that stands for the module, so a second one would never be marked.
        // Checked when every item passed, so that result[i] is items[i].
        var linked = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count && result.Count == items.Count; i++)
        {
            if (LinkedModule(result[i]) is not { } m)
            {
                continue;
            }

            if (linked.TryGetValue(m, out var first))
            {
                errors.Add($"items.{i}.moduleId", $"Этот модуль абонемента уже выбран в мероприятии {first + 1}: одному модулю — одно мероприятие маршрута.");
            }
            else
            {
                linked[m] = i;
            }
        }

        if (errors.Any)
        {
            return null;
        }

        var next = 1;
        return [.. result.Select(item =>
        {
            if (item.Id.Length > 0)
            {
                return item;
            }

            while (ids.Contains($"i{next}"))
            {
                next++;
            }

            ids.Add($"i{next}");
            return item with { Id = $"i{next}" };
        })];
    }

    public static string? Optional(string? value, string field, int max, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(field, $"Не длиннее {max} знаков.");
            return null;
        }

        return text;
    }

    /// <summary>
    /// The subscription module an item stands for: the one chosen for it, or — for an item still in the subscription form —
    /// the one named by its id <c>abon-{module}</c> (an item an attendance added, or one saved with that id).
    /// </summary>
    public static string? LinkedModule(RouteItem item) =>
        item.ModuleId ?? (item.Form == "subscription" && item.Id.StartsWith(RouteStore.ModuleItemPrefix, StringComparison.Ordinal) ? item.Id[RouteStore.ModuleItemPrefix.Length..] : null);

    public static string FormLabel(string code) => Forms.FirstOrDefault(f => f.Code == code)?.Label ?? code;

    public static RouteItemView View(RouteItem i) => new(i.Id, i.Competence, Competences.ByCode(i.Competence)?.Label ?? i.Competence, i.Content, i.Form, FormLabel(i.Form),
        i.Hours, i.StartDate, i.EndDate, i.ResponsibleName, i.ResponsibleMemberId, i.Status, Statuses.GetValueOrDefault(i.Status, i.Status), i.PracticeId, i.EvidenceNote,
        i.Certificate is { } c ? new CertificateView(c.FileName, c.ContentType, c.Bytes, c.ByName, c.At) : null, LinkedModule(i));

    public static string State(RouteEntity r) => r.Approved ? "approved" : r.TeacherAgreedAt is not null && r.TutorAgreedAt is not null ? "agreed" : "draft";

    public static string StateLabel(string state) => state switch
    {
        "approved" => "утверждён",
        "agreed" => "согласован, ждёт утверждения",
        _ => "черновик",
    };

    public static RouteView View(RouteEntity r, string teacherName, IReadOnlyList<ConsultationEntity> consultations)
    {
        var items = r.ItemList;
        var state = State(r);
        return new RouteView(r.TeacherId, teacherName, r.Period, PeriodLabel(r.Period), r.Revision, state, StateLabel(state), r.EntryRoundId, r.TutorName, r.TutorMemberId,
            [.. items.Select(View)], items.Where(i => i.Status != "cancelled").Sum(i => i.Hours),
            r.TeacherAgreedAt is { } ta ? new Mark(r.TeacherAgreedById!, r.TeacherAgreedByName!, ta) : null,
            r.TutorAgreedAt is { } tu ? new Mark(r.TutorAgreedById!, r.TutorAgreedByName!, tu) : null,
            r.ApprovedAt is { } at ? new ApprovalView(r.ApprovedById!, r.ApprovedByName!, at, r.OrderDate!, r.OrderNumber!, OrderWords(r)) : null,
            [.. consultations.Select(c => new ConsultationView(c.Date, c.Note, c.ById, c.ByName, c.At))],
            r.UpdatedAt, r.UpdatedByName, r.ETag.ToString());
    }

    public static string OrderWords(RouteEntity r) =>
        TryDate(r.OrderDate, out var d) ? $"Приказ об утверждении ИОМ от {d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)} № {r.OrderNumber}" : "";

    public static string DefaultContent(Competence c, string level) => level == "low"
        ? $"Курс повышения квалификации по развитию {c.Genitive} компетенции (входная диагностика: низкий уровень). Уточните тему и организатора."
        : $"Семинар или модуль методического абонемента по развитию {c.Genitive} компетенции (входная диагностика: средний уровень). Уточните тему.";
}
