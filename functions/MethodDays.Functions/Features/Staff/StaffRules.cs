using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Staff;

/// <summary>
/// The checks a teacher's fields pass, from the page or from a row of an imported file, with Russian messages keyed
/// by field name (<c>fullName</c>, <c>subjects.1</c>, <c>category</c>, <c>position</c>, <c>email</c>, <c>personId</c>).
/// Control characters are refused, not silently dropped: text pasted with them is usually not what was meant.
/// </summary>
internal static partial class StaffRules
{
    public const int MaxName = 200, MaxSubjects = 20, MaxSubject = 100, MaxPosition = 150, MaxEmail = 254, MaxTeachers = 500;

    public static TeacherFields? Check(TeacherInput input, FieldErrors errors) =>
        Check(input.FullName, input.Subjects, input.Category, Categories.ByCode, input.Position, input.Email, input.PersonId, input.Active, errors,
            $"Выберите категорию: {string.Join(", ", Categories.All.Select(c => c.Code))}.");

    /// <summary>The shared checks (pass a fresh <see cref="FieldErrors"/>: any error in it means no fields); <paramref name="category"/> reads the category as the source writes it (a code, or the file's words).</summary>
    public static TeacherFields? Check(
        string? fullName, IReadOnlyList<string?>? subjects, string? categoryText, Func<string?, Categories.Category?> category,
        string? position, string? email, string? personId, bool? active, FieldErrors errors, string categoryHint)
    {
        var name = Text("fullName", fullName, MaxName, errors, "Укажите ФИО педагога.");
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors.Add("fullName", "ФИО: фамилия, имя и отчество (если есть) буквами, через пробел.");
        }

        var list = new List<string>();
        foreach (var (subject, i) in (subjects ?? []).Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(subject))
            {
                continue;
            }

            if (Text($"subjects.{i}", subject, MaxSubject, errors, "") is { } s && !list.Contains(s, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(s);
            }
        }

        if (list.Count > MaxSubjects)
        {
            errors.Add("subjects", $"Не больше {MaxSubjects} предметов у одного педагога.");
        }

        Categories.Category? cat = null;
        if (string.IsNullOrWhiteSpace(categoryText))
        {
            errors.Add("category", "Укажите квалификационную категорию. " + categoryHint);
        }
        else if (HasControl(categoryText) || (cat = category(categoryText)) is null)
        {
            errors.Add("category", $"Категория «{Collapse(Printable(categoryText))}» не распознана. " + categoryHint);
        }

        var pos = Text("position", position, MaxPosition, errors, "Укажите должность (например, «учитель»).");
        string? mail = null;
        if (!string.IsNullOrWhiteSpace(email))
        {
            mail = Text("email", email, MaxEmail, errors, "");
            if (mail is not null && !EmailPattern().IsMatch(mail))
            {
                errors.Add("email", "Адрес электронной почты записан неверно.");
            }
        }

        string? person = null;
        if (!string.IsNullOrWhiteSpace(personId))
        {
            person = Text("personId", personId, 100, errors, "");
        }

        return errors.Any ? null : new TeacherFields(name!, list, cat!.Code, pos!, mail, person, active);
    }

    /// <summary>The comparison form of a name: «Ёлкина  анна» and «Елкина Анна» are the same teacher.</summary>
    public static string NameKey(string name) => Collapse(name).ToLowerInvariant().Replace('ё', 'е');

    /// <summary>
    /// The teacher's id: derived from the name at creation (so an import of the same file finds the same rows) and
    /// never recomputed — a renamed teacher keeps it, and visits and diagnostics keep pointing at them. A namesake of
    /// a renamed teacher (the id taken) gets the next derivation.
    /// </summary>
    public static string NewId(string nameKey, Func<string, bool> taken)
    {
        for (var n = 1; ; n++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(n == 1 ? nameKey : $"{nameKey}|{n}"));
            var id = "t" + Convert.ToHexStringLower(hash)[..11];
            if (!taken(id))
            {
                return id;
            }
        }
    }

    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    public static bool HasControl(string text) => text.Any(char.IsControl);

    private static string Printable(string text) => new([.. text.Where(c => !char.IsControl(c))]);

    private static string? Text(string field, string? value, int max, FieldErrors errors, string required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required.Length > 0)
            {
                errors.Add(field, required);
            }

            return null;
        }

        if (HasControl(value))
        {
            errors.Add(field, "Уберите непечатаемые (управляющие) символы: перевод строки, табуляцию и подобные.");
            return null;
        }

        var text = Collapse(value);
        if (text.Length > max)
        {
            errors.Add(field, $"Не больше {max} символов (сейчас {text.Length}).");
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"^[\p{L}][\p{L}'’.\-]*(?: [\p{L}][\p{L}'’.\-]*)+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
