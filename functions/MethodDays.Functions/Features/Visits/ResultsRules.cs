using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Visits;

/// <summary>The checked figures of one school's year, from the page or a file.</summary>
internal sealed record ResultsFields(
    decimal? QualityPercent,
    decimal? AttainmentPercent,
    int? OlympiadSchoolParticipants,
    int? OlympiadSchoolWinners,
    int? OlympiadHigherParticipants,
    int? OlympiadHigherWinners,
    int? InnovationTeachers,
    IReadOnlyList<ExamResult> Exams)
{
    public void ApplyTo(ResultsEntity e, string byId, string byName, DateTimeOffset now)
    {
        e.QualityPercent = (double?)QualityPercent;
        e.AttainmentPercent = (double?)AttainmentPercent;
        e.OlympiadSchoolParticipants = OlympiadSchoolParticipants;
        e.OlympiadSchoolWinners = OlympiadSchoolWinners;
        e.OlympiadHigherParticipants = OlympiadHigherParticipants;
        e.OlympiadHigherWinners = OlympiadHigherWinners;
        e.InnovationTeachers = InnovationTeachers;
        e.Exams = StoredJson.Write(Exams);
        e.UpdatedById = byId;
        e.UpdatedByName = byName;
        e.UpdatedAt = now;
    }
}

/// <summary>What a school's year of results may hold.</summary>
internal static class ResultsRules
{
    public static readonly IReadOnlyList<Choice> Exams = [new("OGE", "ОГЭ"), new("EGE", "ЕГЭ"), new("VPR", "ВПР")];

    /// <summary>ВПР is written in grades 4–8 and 10–11; ОГЭ in 9, ЕГЭ in 11 (no grade needed).</summary>
    public static readonly int[] VprGrades = [4, 5, 6, 7, 8, 10, 11];

    public const int MaxExams = 60;
    public const int MaxCount = 100_000;

    public static string ExamLabel(string code) => Exams.FirstOrDefault(e => e.Code == code)?.Label ?? code;

    /// <summary>«ОГЭ», «огэ», «OGE» → <c>OGE</c>.</summary>
    public static string? ExamCode(string? text)
    {
        var t = (text ?? "").Trim().ToUpperInvariant();
        return Exams.FirstOrDefault(e => e.Code == t || e.Label.Equals(t, StringComparison.OrdinalIgnoreCase))?.Code;
    }

    public static ResultsFields? Check(SchoolResultsInput input, FieldErrors errors)
    {
        var quality = Percent(input.QualityPercent, "qualityPercent", errors);
        var attainment = Percent(input.AttainmentPercent, "attainmentPercent", errors);
        Count(input.OlympiadSchoolParticipants, "olympiadSchoolParticipants", errors);
        Count(input.OlympiadSchoolWinners, "olympiadSchoolWinners", errors);
        Count(input.OlympiadHigherParticipants, "olympiadHigherParticipants", errors);
        Count(input.OlympiadHigherWinners, "olympiadHigherWinners", errors);
        Count(input.InnovationTeachers, "innovationTeachers", errors);
        if (input.OlympiadSchoolWinners > input.OlympiadSchoolParticipants)
        {
            errors.Add("olympiadSchoolWinners", "Победителей и призёров школьного этапа не может быть больше, чем участников.");
        }

        if (input.OlympiadHigherWinners > input.OlympiadHigherParticipants)
        {
            errors.Add("olympiadHigherWinners", "Победителей и призёров муниципального и следующих этапов не может быть больше, чем участников.");
        }

        if (quality is { } q && attainment is { } a && q > a)
        {
            errors.Add("qualityPercent", "Качество знаний не может быть выше успеваемости: «4» и «5» — часть успевающих.");
        }

        var exams = new List<ExamResult>();
        var lines = input.Exams ?? [];
        if (lines.Count > MaxExams)
        {
            errors.Add("exams", $"Не больше {MaxExams} строк результатов экзаменов на школу.");
            lines = [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (CheckExam(lines[i], $"exams.{i}", errors) is { } exam)
            {
                if (!seen.Add($"{exam.Exam}|{exam.Subject.ToLowerInvariant()}|{exam.Grade}"))
                {
                    errors.Add($"exams.{i}.subject", $"{exam.ExamLabel} по предмету «{exam.Subject}»{(exam.Grade is { } g ? $" ({g} класс)" : "")} уже есть выше.");
                    continue;
                }

                exams.Add(exam);
            }
        }

        return errors.Any ? null : new ResultsFields(quality, attainment, input.OlympiadSchoolParticipants, input.OlympiadSchoolWinners,
            input.OlympiadHigherParticipants, input.OlympiadHigherWinners, input.InnovationTeachers, exams);
    }

    public static ExamResult? CheckExam(ExamResultInput? line, string prefix, FieldErrors errors)
    {
        if (line is null)
        {
            errors.Add(prefix, "Пустая строка результатов экзамена.");
            return null;
        }

        var ok = true;
        var code = ExamCode(line.Exam);
        if (code is null)
        {
            errors.Add($"{prefix}.exam", "Укажите экзамен: ОГЭ, ЕГЭ или ВПР.");
            ok = false;
        }

        var subject = Collapse(line.Subject);
        if (subject.Length is < 2 or > 80)
        {
            errors.Add($"{prefix}.subject", "Укажите предмет (от 2 до 80 символов).");
            ok = false;
        }

        int? grade = null;
        if (code == "VPR")
        {
            if (line.Grade is not { } g || !VprGrades.Contains(g))
            {
                errors.Add($"{prefix}.grade", $"Для ВПР укажите класс: {string.Join(", ", VprGrades)}.");
                ok = false;
            }
            else
            {
                grade = g;
            }
        }
        else if (line.Grade is not null && code is not null)
        {
            errors.Add($"{prefix}.grade", $"Класс указывают только для ВПР: {ExamLabel(code)} сдают в {(code == "OGE" ? "9" : "11")} классе.");
            ok = false;
        }

        ok &= Mean(line.School, $"{prefix}.school", errors);
        ok &= Mean(line.Municipality, $"{prefix}.municipality", errors);
        ok &= Mean(line.City, $"{prefix}.city", errors);
        if (line.School is null)
        {
            errors.Add($"{prefix}.school", "Укажите средний результат школы.");
            ok = false;
        }

        return ok ? new ExamResult(code!, ExamLabel(code!), subject, grade, line.School, line.Municipality, line.City) : null;
    }

    public static string Collapse(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static decimal? Percent(decimal? value, string field, FieldErrors errors)
    {
        if (value is { } v && (v < 0 || v > 100))
        {
            errors.Add(field, "Процент — число от 0 до 100.");
            return null;
        }

        return value is { } x ? Math.Round(x, 1) : null;
    }

    private static void Count(int? value, string field, FieldErrors errors)
    {
        if (value is { } v && (v < 0 || v > MaxCount))
        {
            errors.Add(field, "Число — целое, от 0.");
        }
    }

    /// <summary>A mean result: ОГЭ and ВПР marks (2–5) or ЕГЭ test points (0–100); 0..100 covers both.</summary>
    private static bool Mean(decimal? value, string field, FieldErrors errors)
    {
        if (value is { } v && (v < 0 || v > 100))
        {
            errors.Add(field, "Средний результат — число от 0 до 100 (отметка или тестовый балл).");
            return false;
        }

        return true;
    }
}
