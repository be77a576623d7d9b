using System.Globalization;
using MethodDays.Features.People;
using MethodDays.Platform;
using MethodDays.Platform.Problems;

namespace MethodDays.Features.Diagnostics;

/// <summary>
/// Diagnostic results are personal data about a teacher. By least privilege:
/// <list type="bullet">
/// <item>keep a school's rounds (create, enter, import, set cut-offs): the school's admin team (its working group) and
/// the municipality's methodists, who run the diagnostics with schools;</item>
/// <item>read each teacher's results: the same people;</item>
/// <item>a teacher reads their own results only (their staff record is linked to their account);</item>
/// <item>the school's curator and the coordinator see the school's means and level counts, never a teacher's row;</item>
/// <item>the municipality's heat map (schools side by side, subjects): coordinator and methodists, means only;</item>
/// <item>anyone else — another school, another municipality — gets 403.</item>
/// </list>
/// </summary>
public static class DiagnosticAccess
{
    public static bool CanKeepDiagnostics(this CurrentUser user, string municipalityId, string schoolId) =>
        municipalityId == user.MunicipalityId
        && (user.Role == Role.Methodist || (user.Role == Role.SchoolAdmin && user.Member.SchoolIds.Contains(schoolId)));

    public static bool SeesTeachersResults(this CurrentUser user, string municipalityId, string schoolId) =>
        user.CanKeepDiagnostics(municipalityId, schoolId);

    /// <summary>Rounds, means and counts of a school; a teacher of the school reads only their own row.</summary>
    public static bool CanReadDiagnostics(this CurrentUser user, string municipalityId, string schoolId) =>
        user.CanReadSchool(municipalityId, schoolId);

    public static bool CanSeeHeatMap(this CurrentUser user, string municipalityId) => user.CanSeeMunicipality(municipalityId);
}

internal static class DiagnosticRules
{
    public const int MaxTitle = 200;

    public static string KindLabel(string kind) => kind == "repeat" ? "повторная" : "входная";

    /// <summary>Checks a new round; a repeat's entry round is checked by the caller (it needs the store).</summary>
    public static (string Kind, string Date, string Title, string Instrument, string? EntryRoundId)? Check(RoundInput? input, DateOnly today, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add("kind", "Пустой запрос: укажите вид диагностики и дату.");
            return null;
        }

        var kind = input.Kind?.Trim();
        if (kind is not ("entry" or "repeat"))
        {
            errors.Add("kind", "Вид диагностики — «entry» (входная) или «repeat» (повторная).");
        }

        if (!DateOnly.TryParseExact(input.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("date", "Дата диагностики — в виде ГГГГ-ММ-ДД, например 2026-10-15.");
        }
        else if (date > today.AddYears(1))
        {
            errors.Add("date", "Дата диагностики больше чем на год вперёд: проверьте год.");
        }

        var title = Text(input.Title, "title", MaxTitle, errors) ?? "";
        var instrument = Text(input.Instrument, "instrument", MaxTitle, errors) ?? "";
        var entry = input.EntryRoundId?.Trim();
        if (kind == "repeat" && string.IsNullOrEmpty(entry))
        {
            errors.Add("entryRoundId", "Повторная диагностика сравнивается с входной: укажите входную диагностику.");
        }

        if (kind == "entry" && !string.IsNullOrEmpty(entry))
        {
            errors.Add("entryRoundId", "У входной диагностики нет предыдущей: уберите ссылку или выберите вид «повторная».");
        }

        return errors.Any ? null : (kind!, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), title, instrument, kind == "repeat" ? entry : null);
    }

    /// <summary>Checks a teacher's levels: known competences, whole per cents 0–100.</summary>
    public static Dictionary<string, int?>? CheckLevels(IReadOnlyDictionary<string, int?>? levels, FieldErrors errors, string prefix = "levels")
    {
        if (levels is null || levels.Count == 0)
        {
            errors.Add(prefix, "Укажите уровень хотя бы одной компетенции, в процентах от 0 до 100.");
            return null;
        }

        var checkedLevels = Competences.All.ToDictionary(c => c.Code, _ => (int?)null);
        foreach (var (code, value) in levels)
        {
            if (Competences.ByCode(code) is null)
            {
                errors.Add($"{prefix}.{code}", $"Компетенции «{code}» нет. Компетенции: {string.Join(", ", Competences.All.Select(c => $"{c.Code} ({c.Label})"))}.");
            }
            else if (value is < 0 or > 100)
            {
                errors.Add($"{prefix}.{code}", $"Уровень {Competences.ByCode(code)!.Genitive} компетенции — процент от 0 до 100, а не {value}.");
            }
            else
            {
                checkedLevels[code] = value;
            }
        }

        return errors.Any ? null : checkedLevels;
    }

    public static Dictionary<string, CutOff>? CheckCutOffs(IReadOnlyDictionary<string, CutOff?>? cutOffs, FieldErrors errors)
    {
        if (cutOffs is null || cutOffs.Count == 0)
        {
            errors.Add("cutOffs", "Укажите границы уровней хотя бы для одной компетенции.");
            return null;
        }

        var result = new Dictionary<string, CutOff>(StringComparer.Ordinal);
        foreach (var (code, cut) in cutOffs)
        {
            if (Competences.ByCode(code) is null)
            {
                errors.Add($"cutOffs.{code}", $"Компетенции «{code}» нет.");
            }
            else if (cut is null || cut.Medium is < 1 or > 100 || cut.High is < 1 or > 100 || cut.Medium >= cut.High)
            {
                errors.Add($"cutOffs.{code}", "Границы — проценты от 1 до 100: «средний» с medium, «высокий» с high, и medium меньше high.");
            }
            else
            {
                result[code] = cut;
            }
        }

        return errors.Any ? null : result;
    }

    private static string? Text(string? value, string field, int max, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (TextInput.Problem(text, singleLine: true) is { } problem)
        {
            errors.Add(field, problem);
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(field, $"Не длиннее {max} знаков.");
            return null;
        }

        return text;
    }
}
