using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MethodDays.Features.People;

/// <summary>Roles of DOMAIN.md "Who uses it". Kept in the app's members table, not in the identity provider.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    Coordinator,
    Methodist,
    Curator,
    SchoolAdmin,
    Teacher,
}

/// <summary>
/// A municipality. <c>ProgrammeStart</c> (yyyy-MM) is the first month of the programme: no sheet is kept for an earlier
/// month, and the page's month chooser starts there. A record stored before it existed reads as <see cref="DefaultProgrammeStart"/>.
/// </summary>
public sealed record Municipality(string Id, string Name, string TimeZone, string ProgrammeStart = Municipality.DefaultProgrammeStart)
{
    /// <summary>September 2025: the school year the programme started in.</summary>
    public const string DefaultProgrammeStart = "2025-09";
}

/// <summary>A school. <c>Kind</c> is ООШ (grades 1–9) or СОШ (1–11); flags are ШНОР, ПРШ and школа-лидер.</summary>
public sealed record School(
    string MunicipalityId,
    string Id,
    string Name,
    string ShortName,
    SchoolKind Kind,
    bool LowResults,
    bool Improving,
    bool Leader);

[JsonConverter(typeof(JsonStringEnumConverter<SchoolKind>))]
public enum SchoolKind
{
    /// <summary>ООШ: основная, grades 1–9 — no grades 10–11, no ЕГЭ.</summary>
    Basic,

    /// <summary>СОШ: средняя, grades 1–11.</summary>
    Secondary,
}

public sealed record Member(
    string MunicipalityId,
    string PersonId,
    string DisplayName,
    string? Email,
    Role Role,
    IReadOnlyList<string> SchoolIds,
    bool Active);

public sealed record SchoolInput(
    [property: Required(ErrorMessage = "Укажите полное название школы.")]
    [property: StringLength(300, MinimumLength = 3, ErrorMessage = "Название школы: от 3 до 300 символов.")]
    string Name,
    [property: Required(ErrorMessage = "Укажите краткое название школы.")]
    [property: StringLength(60, MinimumLength = 2, ErrorMessage = "Краткое название: от 2 до 60 символов.")]
    string ShortName,
    SchoolKind Kind,
    bool LowResults,
    bool Improving,
    bool Leader);

public sealed record MemberInput(
    [property: Required(ErrorMessage = "Укажите имя.")]
    [property: StringLength(200, MinimumLength = 2, ErrorMessage = "Имя: от 2 до 200 символов.")]
    string DisplayName,
    [property: Required(ErrorMessage = "Укажите адрес электронной почты: по нему человек войдёт в систему.")]
    [property: EmailAddress(ErrorMessage = "Адрес электронной почты записан неверно.")]
    [property: StringLength(254, ErrorMessage = "Адрес электронной почты слишком длинный.")]
    string Email,
    Role Role,
    [property: MaxLength(100, ErrorMessage = "Не больше 100 школ на одного человека.")]
    IReadOnlyList<string>? SchoolIds,
    bool Active = true);

/// <summary>What the page needs to know about the signed-in person.</summary>
/// <summary>
/// Who is signed in. <c>TimeZoneName</c> is the municipality's zone as a person reads it («омское время, UTC+6»),
/// <c>TimeZoneBy</c> the same after «по» («по омскому времени (UTC+6)»); the IANA id stays in <c>Municipality</c>.
/// </summary>
public sealed record MeResponse(Member Member, Municipality Municipality, IReadOnlyList<School> Schools, string TimeZoneName = "", string TimeZoneBy = "");

/// <summary>A school's id and short name.</summary>
public sealed record SchoolRefView(string Id, string ShortName);
