using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MethodDays.Platform.Web;

/// <summary>
/// Refuses a body whose declared length is over the endpoint's limit before anything reads it: 413 problem+json.
/// Kestrel enforces the same limits on streamed bodies; this makes the answer clear and the same on every server.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ApiPlatform.DefaultMaxBodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 413,
                    Title = ProblemSetup.Titles[413],
                    Detail = $"Запрос слишком большой: {length / 1024} КБ при допустимых {limit / 1024} КБ.",
                },
            });
            return;
        }

        await next(context);
    }
}
