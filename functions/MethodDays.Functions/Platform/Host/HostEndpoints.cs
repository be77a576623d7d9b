using System.Net;
using System.Text.Json;

namespace MethodDays.Platform.Host;

/// <summary>The endpoint the Functions host POSTs non-HTTP invocations to: <c>/{FunctionName}</c>.</summary>
public static class HostEndpoints
{
    /// <summary>
    /// Only under the Functions host. Standalone, the local driver hands invocations to <see cref="FunctionInvoker"/>
    /// in-process, so no HTTP route may run a timer or queue function: otherwise anything on the machine (a page in
    /// the developer's browser included) could post a forged notice to <c>/SendNotification</c>.
    /// Under the host the routes cannot be reached through a proxied HTTP function: every HTTP function that takes
    /// anything but GET lives under <c>/api</c>, and the pages' catch-all takes GET and HEAD only (a test checks both).
    /// </summary>
    public static IEndpointRouteBuilder MapFunctionsHost(this IEndpointRouteBuilder app)
    {
        if (!FunctionsHostSetup.IsUnderFunctionsHost(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            return app;
        }

        app.MapPost("/{functionName}", InvokeAsync)
            .WithMetadata(new NotAFunctionMetadata())
            .ExcludeFromDescription()
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> InvokeAsync(string functionName, HttpContext context, FunctionInvoker invoker, CancellationToken cancellationToken)
    {
        // Only the host on this machine may invoke: in Azure it calls 127.0.0.1, and HTTP routes it proxies never reach here.
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            return TypedResults.NotFound();
        }

        if (!invoker.IsDeclared(functionName))
        {
            return TypedResults.NotFound();
        }

        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<InvocationRequest>(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.BadRequest(new InvocationResponse { Logs = [$"Unreadable invocation: {ex.Message}"] });
        }

        if (request is null)
        {
            return TypedResults.BadRequest(new InvocationResponse { Logs = ["Empty invocation body."] });
        }

        var invocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].FirstOrDefault();
        try
        {
            var outcome = await invoker.InvokeAsync(functionName, request, invocationId, cancellationToken);
            // A non-2xx answer fails the invocation, so the host retries the queue message and finally poisons it.
            return outcome.Succeeded
                ? TypedResults.Json(outcome.Response)
                : TypedResults.Json(outcome.Response, statusCode: StatusCodes.Status500InternalServerError);
        }
        catch (InvalidInvocationException ex)
        {
            return TypedResults.BadRequest(new InvocationResponse { Logs = [ex.Message] });
        }
    }
}
