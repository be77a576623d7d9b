using System.Diagnostics;

namespace MethodDays.Platform.Host;

/// <summary>The outcome of one invocation, in the host's response shape plus whether it succeeded.</summary>
public sealed record InvocationOutcome(bool Succeeded, InvocationResponse Response);

/// <summary>
/// Runs a declared timer or queue function for one invocation payload. Both drivers come through here:
/// the Functions host (POST /{name}) and the standalone local driver.
/// </summary>
public sealed class FunctionInvoker(FunctionCatalog catalog, IServiceScopeFactory scopes, ILogger<FunctionInvoker> logger)
{
    /// <summary>Raised after every invocation; tests synchronise on it instead of sleeping.</summary>
    public event Action<string, InvocationOutcome>? Invoked;

    public bool IsDeclared(string name) => catalog.Find(name) is { Kind: not TriggerKind.Http };

    public async Task<InvocationOutcome> InvokeAsync(string name, InvocationRequest request, string? invocationId, CancellationToken cancellationToken)
    {
        var declaration = catalog.Find(name) ?? throw new InvalidInvocationException($"No timer or queue function is named '{name}'.");
        invocationId ??= Guid.NewGuid().ToString("n");
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId, ["Function"] = declaration.Name });
        var started = Stopwatch.GetTimestamp();
        InvocationOutcome outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService(declaration.Handler!);
            switch (handler)
            {
                case ITimerFunction timer:
                    await timer.RunAsync(QueuePayload.ReadTimer(request, declaration.BindingName), cancellationToken);
                    break;
                case IQueueFunction queue:
                    var message = QueuePayload.ReadMessage(request, declaration.BindingName);
                    await queue.HandleAsync(message, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"Handler for '{name}' implements neither trigger interface.");
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            logger.LogInformation("Function {Function} completed in {ElapsedMs} ms", declaration.Name, (long)elapsed.TotalMilliseconds);
            outcome = new InvocationOutcome(true, new InvocationResponse { Logs = [$"{declaration.Name} completed in {(long)elapsed.TotalMilliseconds} ms"] });
        }
        catch (Exception ex) when (ex is not InvalidInvocationException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // Only the exception type and message go to the host's log: messages carry no personal data by convention.
            logger.LogError(ex, "Function {Function} failed", declaration.Name);
            outcome = new InvocationOutcome(false, new InvocationResponse { Logs = [$"{declaration.Name} failed: {ex.GetType().Name}: {ex.Message}"] });
        }

        Invoked?.Invoke(declaration.Name, outcome);
        return outcome;
    }
}
