using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MethodDays.Features.Visits;

/// <summary>
/// The ids of a visit's lessons. Observation protocols are stored under them, so an edit of the schedule must not
/// change the id of a lesson that stays: the id the page sent back is kept, a lesson without one takes the id of the
/// earlier lesson of the same teacher and number, and a new lesson gets one made from its teacher and number (the
/// same input always gives the same id, so a retried save writes the same content).
/// </summary>
internal static partial class LessonIds
{
    public static bool Valid(string id) => Pattern().IsMatch(id);

    public static IReadOnlyList<Lesson> Assign(IReadOnlyList<Lesson> lessons, IReadOnlyList<Lesson> previous)
    {
        var known = previous.Where(l => l.Id is not null).ToDictionary(l => l.Id!, StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // First the lessons that name an id of the visit's earlier schedule, so that nobody else takes it.
        var ids = new string?[lessons.Count];
        for (var i = 0; i < lessons.Count; i++)
        {
            if (lessons[i].Id is { } id && known.ContainsKey(id) && taken.Add(id))
            {
                ids[i] = id;
            }
        }

        for (var i = 0; i < lessons.Count; i++)
        {
            if (ids[i] is not null)
            {
                continue;
            }

            var l = lessons[i];
            var same = previous.FirstOrDefault(p => p.Id is not null && !taken.Contains(p.Id) && p.TeacherId == l.TeacherId && p.Number == l.Number);
            var id = same?.Id ?? Made(l);
            for (var n = 2; !taken.Add(id); n++)
            {
                id = $"{Made(l)}-{n}";
            }

            ids[i] = id;
        }

        return lessons.Select((l, i) => l with { Id = ids[i] }).ToList();
    }

    /// <summary>Lessons stored before ids were kept get the id a save would give them.</summary>
    public static IReadOnlyList<Lesson> Complete(List<Lesson> lessons) =>
        lessons.All(l => l.Id is not null) ? lessons : Assign(lessons, []);

    private static string Made(Lesson l)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{l.TeacherId}|{l.Number}"));
        return "l" + Convert.ToHexStringLower(hash)[..10];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex Pattern();
}
