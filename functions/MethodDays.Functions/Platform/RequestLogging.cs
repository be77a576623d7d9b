namespace MethodDays.Platform;

/// <summary>
/// Structured logs: every request's lines carry its trace id and, under the Functions host, the invocation id,
/// so one submission can be followed from the page to storage. Never the token or the body.
/// </summary>
public static class RequestLogging
{
    public static WebApplicationBuilder AddStructuredLogs(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "O";
            });
        }

        return builder;
    }

    public static IApplicationBuilder UseRequestScopes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MethodDays.Request");
            var scope = new Dictionary<string, object> { ["TraceId"] = context.TraceIdentifier };
            if (context.Request.Headers["X-Azure-Functions-InvocationId"].FirstOrDefault() is { Length: > 0 } invocation)
            {
                scope["InvocationId"] = invocation;
            }

            using (logger.BeginScope(scope))
            {
                await next(context);
            }
        });
}
