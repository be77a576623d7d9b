using Microsoft.AspNetCore.Http.HttpResults;

namespace MethodDays.Platform.Problems;

/// <summary>Short-hands for the problem+json answers handlers give, with Russian titles.</summary>
public static class Problems
{
    public static ProblemHttpResult Forbidden(string detail = "У вас нет доступа к этим данным.") =>
        TypedResults.Problem(detail, statusCode: 403, title: ProblemSetup.Titles[403]);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: 404, title: ProblemSetup.Titles[404]);

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: 409, title: ProblemSetup.Titles[409], extensions: extensions);

    public static ProblemHttpResult PreconditionRequired(string detail) =>
        TypedResults.Problem(detail, statusCode: 428, title: ProblemSetup.Titles[428]);

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: 413, title: ProblemSetup.Titles[413]);

    /// <summary>Field errors a form can highlight: keys are the request's field names (camelCase, dotted paths).</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(
            errors,
            detail ?? "Исправьте отмеченные поля и отправьте ещё раз.",
            title: "Данные не прошли проверку");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects field errors while a handler checks cross-field rules.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many messages so far: tells whether a part of the request added any.</summary>
    public int Count => _errors.Values.Sum(l => l.Count);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public ValidationProblem ToProblem(string? detail = null) =>
        Problems.Invalid(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), detail);
}
