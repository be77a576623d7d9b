using MethodDays.Features.People;
using MethodDays.Features.Staff;

namespace MethodDays.Features.Demo;

/// <summary>
/// Staff lists of the demo schools: a small ООШ has a dozen teachers, a СОШ 25–45, with the subjects a Russian school
/// has. Берёзовская СОШ № 1 has seed 004's gymnasium proportion exactly — 41 teachers, 28 высшая, 7 первая, 6 без
/// категории, «68 % высшая / 17 % первая / 15 % без категории»; the ШНОР schools have fewer teachers of высшая.
/// The demo teachers with accounts are linked to their records; one teacher who left is in the archive.
/// Deterministic, so every run shows the same lists.
/// </summary>
public static class DemoStaff
{
    /// <summary>Teachers per school and the shares of высшая, первая, соответствие (the rest без категории).</summary>
    private static readonly Dictionary<string, (int Size, int Highest, int First, int Fit)> Plan = new()
    {
        ["kedrovka"] = (14, 2, 5, 4),
        ["lugovaya"] = (27, 6, 10, 6),
        ["ozernaya"] = (31, 8, 12, 6),
        ["sosnovka"] = (12, 2, 4, 3),
        ["ryabinovka"] = (29, 11, 10, 4),
        ["polyana"] = (25, 5, 9, 6),
        ["kalinovka"] = (13, 3, 4, 3),
        ["zarechnaya"] = (26, 8, 9, 5),
        ["olkhovka"] = (28, 9, 10, 5),
        ["cheremukha"] = (12, 2, 4, 3),
        ["berezovka-1"] = (41, 28, 7, 0),
        ["berezovka-2"] = (38, 22, 10, 2),
    };

    private static readonly (string Position, string[] Subjects)[] Posts =
    [
        ("учитель начальных классов", ["Начальные классы"]), ("учитель", ["Русский язык", "Литература"]), ("учитель", ["Математика"]),
        ("учитель начальных классов", ["Начальные классы"]), ("учитель", ["Английский язык"]), ("учитель", ["История", "Обществознание"]),
        ("учитель", ["Математика", "Информатика"]), ("учитель", ["Русский язык", "Литература"]), ("учитель", ["Физическая культура"]),
        ("учитель", ["Биология", "Химия"]), ("учитель", ["Физика"]), ("учитель", ["География"]), ("учитель", ["Технология"]),
        ("учитель", ["Музыка", "Изобразительное искусство"]), ("педагог-психолог", []), ("учитель", ["Основы безопасности и защиты Родины"]),
        ("учитель начальных классов", ["Начальные классы"]), ("учитель", ["Немецкий язык", "Английский язык"]), ("учитель", ["Химия"]),
        ("заместитель директора по УВР", ["Математика"]), ("учитель-логопед", []), ("учитель", ["Русский язык", "Литература", "Родной язык"]),
    ];

    private static readonly string[] MaleSurnames =
    [
        "Андреев", "Борисов", "Воробьёв", "Гусев", "Давыдов", "Егоров", "Журавлёв", "Зуев", "Ильин", "Калинин", "Лапин", "Макаров",
        "Никитин", "Осипов", "Поляков", "Романов", "Сорокин", "Тихонов", "Уваров", "Филиппов", "Чернов", "Шубин", "Щербаков", "Яковлев",
    ];

    private static readonly string[] FemaleNames =
        ["Анна", "Валентина", "Галина", "Екатерина", "Ирина", "Лариса", "Людмила", "Марина", "Надежда", "Оксана", "Светлана", "Татьяна", "Юлия", "Елена"];

    private static readonly string[] MaleNames = ["Алексей", "Владимир", "Дмитрий", "Игорь", "Михаил", "Николай", "Олег", "Сергей"];

    private static readonly string[] Fathers = ["Александров", "Викторов", "Петров", "Иванов", "Николаев", "Сергеев", "Юрьев", "Михайлов", "Андреев"];

    public static async Task SeedAsync(StaffStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Each school's list is its own partition: the schools are written side by side.
        await Task.WhenAll(DemoData.Schools.Select(async school =>
        {
            var (size, highest, first, fit) = Plan[school.Id];
            var admin = DemoData.Members.FirstOrDefault(m => m.Role == Role.SchoolAdmin && m.SchoolIds.Contains(school.Id))?.PersonId ?? "demo";
            var accounts = DemoData.Members.Where(m => m.Role == Role.Teacher && m.SchoolIds.Contains(school.Id)).ToList();
            var random = new Random(school.Id.Aggregate(17, (h, c) => (h * 31) + c));
            var teachers = new List<(TeacherEntity Entity, bool IsNew)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < size; i++)
            {
                var (position, subjects) = Posts[i % Posts.Length];
                var account = i < accounts.Count ? accounts[i] : null;
                var name = account?.DisplayName ?? Name(random, names);
                names.Add(StaffRules.NameKey(name));
                var teacher = new TeacherEntity
                {
                    PartitionKey = StaffStore.PartitionFor(school.MunicipalityId, school.Id),
                    RowKey = StaffRules.NewId(StaffRules.NameKey(name), _ => false),
                    MunicipalityId = school.MunicipalityId,
                    SchoolId = school.Id,
                    CreatedById = admin,
                    CreatedAt = now,
                };
                // Categories are spread over the subjects, not given to the first posts only (11 is prime to every size).
                var slot = (i * 11) % size;
                var category = slot < highest ? "highest" : slot < highest + first ? "first" : slot < highest + first + fit ? "fit" : "none";
                new TeacherFields(name, subjects, category, position, account?.Email, account?.PersonId, true).ApplyTo(teacher, admin, "Демо", now);
                teachers.Add((teacher, true));
            }

            if (school.Id == "kedrovka")
            {
                // A teacher who left: archived, not deleted — visits and diagnostics keep pointing at them.
                var left = new TeacherEntity
                {
                    PartitionKey = StaffStore.PartitionFor(school.MunicipalityId, school.Id),
                    RowKey = StaffRules.NewId(StaffRules.NameKey("Ермаков Виктор Семёнович"), _ => false),
                    MunicipalityId = school.MunicipalityId,
                    SchoolId = school.Id,
                    CreatedById = admin,
                    CreatedAt = now,
                };
                new TeacherFields("Ермаков Виктор Семёнович", ["Физика"], "first", "учитель", null, null, false).ApplyTo(left, admin, "Демо", now);
                teachers.Add((left, true));
            }

            await store.WriteBatchesAsync(teachers, ct);
        }));
    }

    private static string Name(Random random, HashSet<string> taken)
    {
        while (true)
        {
            var surname = MaleSurnames[random.Next(MaleSurnames.Length)];
            var father = Fathers[random.Next(Fathers.Length)];
            // Schools' staffs are mostly women: three in four here.
            var name = random.Next(4) < 3
                ? $"{surname}а {FemaleNames[random.Next(FemaleNames.Length)]} {father}на"
                : $"{surname} {MaleNames[random.Next(MaleNames.Length)]} {father}ич";
            if (!taken.Contains(StaffRules.NameKey(name)))
            {
                return name;
            }
        }
    }
}
