using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MethodDays.Features.Staff;

/// <summary>
/// A school's roster: every teacher's compared name (<see cref="TeacherEntity.NameKey"/>) with their id, archived
/// teachers included. One row of the school's own staff partition (RowKey <see cref="Key"/>), so an import that matches
/// names to teachers reads one row by its keys instead of querying the partition. It is written in the same
/// entity-group transaction as every staff change that adds a teacher or changes a name, under its ETag: two changes at
/// once cannot both write it from the same version, and the one refused is retried on the roster as it now is (see
/// <see cref="StaffStore"/>). Archiving or restoring a teacher leaves it as it is: an archived teacher keeps their name
/// and is still matched, as before. Stored as lines «name key, tab, id» (a name key has no control characters), sorted,
/// cut into properties of at most <see cref="PartChars"/> characters (<c>Names</c>, <c>Names1</c>, …).
/// </summary>
internal sealed class StaffRoster
{
    /// <summary>The roster row's RowKey: after every teacher id («t…»), never taken by one.</summary>
    public const string Key = "~roster";

    /// <summary>Well under Table Storage's 32,767 characters of a string property.</summary>
    private const int PartChars = 30_000;

    /// <summary>At most 15 parts (some 900 KB, under the 1 MiB of an entity): about 2,000 teachers with 200-character names.</summary>
    private const int MaxParts = 15;

    private readonly Dictionary<string, string> idByName;
    private readonly Dictionary<string, string> nameById;

    private StaffRoster(Dictionary<string, string> idByName, ETag etag, bool stored)
    {
        this.idByName = idByName;
        nameById = idByName.ToDictionary(x => x.Value, x => x.Key, StringComparer.Ordinal);
        ETag = etag;
        Stored = stored;
    }

    /// <summary>The version read; default when the roster was built from the list (<see cref="Stored"/> false).</summary>
    public ETag ETag { get; }

    /// <summary>False when no roster row was there (data from before the roster): the next write adds it.</summary>
    public bool Stored { get; }

    public int Count => idByName.Count;

    public IEnumerable<(string TeacherId, string NameKey)> Entries => idByName.Select(x => (x.Value, x.Key));

    public static StaffRoster Read(TableEntity row)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var part = 0; row.GetString(PartName(part)) is { } text; part++)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0)
                {
                    map[line[..tab]] = line[(tab + 1)..];
                }
            }
        }

        return new StaffRoster(map, row.ETag, stored: true);
    }

    /// <summary>The roster of a school whose staff rows have none yet, from those rows.</summary>
    public static StaffRoster Build(IEnumerable<(string TeacherId, string NameKey)> teachers)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, name) in teachers)
        {
            map.TryAdd(name, id);
        }

        return new StaffRoster(map, default, stored: false);
    }

    public string? IdOf(string nameKey) => idByName.GetValueOrDefault(nameKey);

    /// <summary>
    /// The roster after some teachers were added or renamed: each id under its new name key, its old name freed. Null
    /// when the same name would belong to two teachers (someone gave it to another teacher meanwhile).
    /// </summary>
    public StaffRoster? With(IEnumerable<(string TeacherId, string NameKey)> changes, out bool changed)
    {
        var map = new Dictionary<string, string>(idByName, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(nameById, StringComparer.Ordinal);
        changed = false;
        foreach (var (id, name) in changes)
        {
            if (names.TryGetValue(id, out var old))
            {
                if (old == name)
                {
                    continue;
                }

                map.Remove(old);
            }

            if (map.TryGetValue(name, out var other) && other != id)
            {
                return null;
            }

            map[name] = id;
            names[id] = name;
            changed = true;
        }

        return changed ? new StaffRoster(map, ETag, Stored) : this;
    }

    /// <summary>The row to write, or null when it would not fit in one entity.</summary>
    public TableEntity? ToEntity(string partition)
    {
        var row = new TableEntity(partition, Key) { ETag = ETag };
        var part = new StringBuilder();
        var parts = 0;
        foreach (var (name, id) in idByName.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var line = name.Length + id.Length + 2;
            if (part.Length > 0 && part.Length + line > PartChars)
            {
                row[PartName(parts++)] = part.ToString();
                part.Clear();
            }

            part.Append(name).Append('\t').Append(id).Append('\n');
        }

        row[PartName(parts++)] = part.ToString();
        return parts > MaxParts ? null : row;
    }

    private static string PartName(int part) => part == 0 ? "Names" : $"Names{part}";
}
