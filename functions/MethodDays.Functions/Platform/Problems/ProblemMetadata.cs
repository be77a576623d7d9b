using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Platform.Problems;

/// <summary>
/// Route metadata for the problem+json answers an operation can give. Handlers return them as one
/// <c>ProblemHttpResult</c> type, so the OpenAPI description would otherwise show none of them; each route states
/// its own (403 outside the caller's scope, 404 a missing record, 409 a conflict…).
/// </summary>
public static class ProblemMetadata
{
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
