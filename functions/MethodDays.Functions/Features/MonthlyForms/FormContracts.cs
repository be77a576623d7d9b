using MethodDays.Features.People;

namespace MethodDays.Features.MonthlyForms;

/// <summary>Who did something and when.</summary>
public sealed record Stamp(string PersonId, string Name, DateTimeOffset At);

public sealed record SchoolRef(string Id, string ShortName, string Name);

/// <summary>Which template versions of a form exist and which one new sheets use.</summary>
public sealed record TemplateVersions(string Current, IReadOnlyList<string> Versions);

public sealed record CommentInput(string? Text);

/// <summary>A reviewer's comment on a submitted sheet, against the revision it was written on.</summary>
public sealed record CommentView(string Id, string AuthorName, Role AuthorRole, string Text, DateTimeOffset CreatedAt, int Revision);
