using MethodDays.Features.PracticeBank;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Visits;

/// <summary>
/// The words and checks of a visit's review, from seed 000's programme of the day: «экспертиза нормативно-правовой
/// базы» (the documents below, in the seed's words and order), «анализ различных направлений деятельности школы» (the
/// five directions of <see cref="VisitRules.Directions"/>), «изучение опыта работы педагогов и школы» and
/// «собеседование с администрацией школы (а при необходимости и с педагогическим коллективом) по выявленным проблемным
/// направлениям». The three verdicts and the limits are MethodDays' own.
/// </summary>
internal static class VisitReviewRules
{
    /// <summary>Seed 000: локальные акты («…», «…», график оценочных процедур), приказы, дорожные карты, протоколы педагогических советов и другие.</summary>
    public static readonly IReadOnlyList<ReviewDocumentKind> Documents =
    [
        new("attestation-rules", "Положение о проведении промежуточной аттестации и текущего контроля", "локальные акты"),
        new("quality-system-rules", "Положение о внутренней системе оценки качества", "локальные акты"),
        new("assessment-schedule", "График оценочных процедур", "локальные акты"),
        new("orders", "Приказы", null),
        new("road-maps", "Дорожные карты", null),
        new("council-protocols", "Протоколы педагогических советов", null),
        new("other", "Другие документы", null),
    ];

    public static readonly IReadOnlyList<Choice> Verdicts =
    [
        new("meets", "соответствует"),
        new("partly", "частично соответствует"),
        new("fails", "не соответствует"),
    ];

    public static readonly IReadOnlyList<Choice> ExperienceKinds = [new("teacher", "опыт педагога"), new("school", "опыт школы")];

    public const int MaxText = 4000;
    public const int MaxAgreements = 30;
    public const int MaxFilesPerDocument = 10;
    public const int MaxExperience = 30;
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>What a school may upload: documents, PDFs, spreadsheets, scans (checked by content, the bank's <see cref="FileRules"/>).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".jpg", ".jpeg", ".png"];

    public static ReviewDocumentKind? Document(string? code) => Documents.FirstOrDefault(d => d.Code == code);

    public static Choice? Direction(string? code) => VisitRules.Directions.FirstOrDefault(d => d.Code == code);

    public static string? VerdictLabel(string? code) => Verdicts.FirstOrDefault(v => v.Code == code)?.Label;

    /// <summary>Trims, keeps line breaks, refuses control characters other than tab and line breaks; null when too long.</summary>
    public static string? Text(string? text, int max = MaxText)
    {
        var t = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (t.Length > max || t.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
        {
            return null;
        }

        return t;
    }

    public static DocumentFields? CheckDocument(ReviewDocumentInput input, FieldErrors errors)
    {
        string? verdict = null;
        if (input.Verdict is { Length: > 0 } v)
        {
            if (Verdicts.All(x => x.Code != v))
            {
                errors.Add("verdict", $"Заключение — одно из: {string.Join(", ", Verdicts.Select(x => $"{x.Code} («{x.Label}»)"))}.");
            }
            else
            {
                verdict = v;
            }
        }

        var remarks = Text(input.Remarks);
        if (remarks is null)
        {
            errors.Add("remarks", $"Замечания — не длиннее {MaxText} символов, без служебных символов.");
        }

        return errors.Any ? null : new DocumentFields(verdict, remarks!, input.ProvidedOnSite == true);
    }

    public static DirectionFields? CheckDirection(ReviewDirectionInput input, FieldErrors errors)
    {
        var strengths = Text(input.Strengths);
        var problems = Text(input.Problems);
        if (strengths is null)
        {
            errors.Add("strengths", $"Сильные стороны — не длиннее {MaxText} символов, без служебных символов.");
        }

        if (problems is null)
        {
            errors.Add("problems", $"Проблемы — не длиннее {MaxText} символов, без служебных символов.");
        }

        return errors.Any ? null : new DirectionFields(strengths!, problems!);
    }

    public static InterviewFields? CheckInterview(ReviewInterviewInput input, FieldErrors errors)
    {
        string? date = null;
        if (input.Date is { Length: > 0 } d)
        {
            if (!VisitRules.TryDate(d, out var parsed))
            {
                errors.Add("date", "Дата собеседования — ГГГГ-ММ-ДД.");
            }
            else
            {
                date = VisitRules.Iso(parsed);
            }
        }

        var participants = Text(input.Participants, 2000);
        if (participants is null)
        {
            errors.Add("participants", "Участники собеседования — не длиннее 2000 символов, без служебных символов.");
        }

        var directions = new List<string>();
        var given = input.ProblemDirections ?? [];
        if (given.Count > VisitRules.Directions.Count * 2)
        {
            errors.Add("problemDirections", "Слишком много направлений.");
            given = [];
        }

        for (var i = 0; i < given.Count; i++)
        {
            if (Direction(given[i]) is null)
            {
                errors.Add($"problemDirections.{i}", $"Такого направления нет. Направления: {string.Join("; ", VisitRules.Directions.Select(x => $"{x.Code} ({x.Label})"))}.");
            }
            else if (!directions.Contains(given[i]!))
            {
                directions.Add(given[i]!);
            }
        }

        var agreements = new List<string>();
        var rows = input.Agreements ?? [];
        if (rows.Count > MaxAgreements)
        {
            errors.Add("agreements", $"Не больше {MaxAgreements} договорённостей.");
            rows = [];
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var text = Text(rows[i], 1000);
            if (text is null)
            {
                errors.Add($"agreements.{i}", "Договорённость — не длиннее 1000 символов, без служебных символов.");
            }
            else if (text.Length > 0)
            {
                agreements.Add(text);
            }
        }

        return errors.Any ? null : new InterviewFields(date, participants!, directions, agreements);
    }

    /// <summary>The extension of an uploaded file's name, if the review takes it; else a Russian reason in <paramref name="reason"/>.</summary>
    public static string? Extension(string name, out string? reason)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            reason = $"Файл «{name}» не принимается: загрузите документ PDF, Word, Excel, OpenDocument или скан (JPEG, PNG).";
            return null;
        }

        reason = null;
        return extension;
    }
}

internal sealed record DocumentFields(string? Verdict, string Remarks, bool ProvidedOnSite);

internal sealed record DirectionFields(string Strengths, string Problems);

internal sealed record InterviewFields(string? Date, string Participants, IReadOnlyList<string> ProblemDirections, IReadOnlyList<string> Agreements);
