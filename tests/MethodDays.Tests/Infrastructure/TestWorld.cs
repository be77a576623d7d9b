using MethodDays.Features.People;

namespace MethodDays.Tests.Infrastructure;

/// <summary>
/// The people and schools every API test starts from. Two municipalities in different time zones:
/// "north" (Asia/Omsk, UTC+6) with schools s1 (ООШ, ШНОР), s2, s3; "south" (Europe/Moscow, UTC+3) with t1.
/// </summary>
public static class TestWorld
{
    public const string North = "north";
    public const string South = "south";

    public static readonly Municipality[] Municipalities =
    [
        new(North, "Северный муниципальный район", "Asia/Omsk"),
        new(South, "Южный муниципальный район", "Europe/Moscow"),
    ];

    public static readonly School[] Schools =
    [
        new(North, "s1", "МБОУ «Первая основная общеобразовательная школа»", "Первая ООШ", SchoolKind.Basic, true, true, false),
        new(North, "s2", "МБОУ «Вторая средняя общеобразовательная школа»", "Вторая СОШ", SchoolKind.Secondary, true, true, false),
        new(North, "s3", "МБОУ «Третья средняя общеобразовательная школа»", "Третья СОШ", SchoolKind.Secondary, false, false, true),
        new(South, "t1", "МБОУ «Южная средняя общеобразовательная школа»", "Южная СОШ", SchoolKind.Secondary, true, true, false),
    ];

    public static readonly Member[] People =
    [
        new(North, "coord-n", "Координатор Северный", "coord@north.example", Role.Coordinator, [], true),
        new(North, "methodist-n", "Методист Северный", "methodist@north.example", Role.Methodist, [], true),
        new(North, "curator-n", "Куратор Северный", "curator@north.example", Role.Curator, ["s1", "s2"], true),
        new(North, "admin-s1", "Администратор Первой", "admin@s1.example", Role.SchoolAdmin, ["s1"], true),
        new(North, "admin-s1b", "Заместитель Первой", "deputy@s1.example", Role.SchoolAdmin, ["s1"], true),
        new(North, "admin-s2", "Администратор Второй", "admin@s2.example", Role.SchoolAdmin, ["s2"], true),
        new(North, "admin-s3", "Администратор Третьей", "admin@s3.example", Role.SchoolAdmin, ["s3"], true),
        new(North, "teacher-s1", "Педагог Первой", "teacher@s1.example", Role.Teacher, ["s1"], true),
        new(North, "retired-n", "Бывший участник", "retired@north.example", Role.SchoolAdmin, ["s2"], false),
        new(South, "coord-s", "Координатор Южный", "coord@south.example", Role.Coordinator, [], true),
        new(South, "admin-t1", "Администратор Южной", "admin@t1.example", Role.SchoolAdmin, ["t1"], true),
    ];

    public static Member Person(string personId) => People.Single(p => p.PersonId == personId);

    public static async Task SeedAsync(DirectoryStore directory)
    {
        foreach (var m in Municipalities)
        {
            await directory.UpsertMunicipalityAsync(m, CancellationToken.None);
        }

        foreach (var s in Schools)
        {
            await directory.UpsertSchoolAsync(s, CancellationToken.None);
        }

        foreach (var p in People)
        {
            await directory.SaveMemberAsync(p, DevSignIn.DevIdentity(p), CancellationToken.None);
        }
    }
}
