using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace MethodDays.Platform.Storage;

/// <summary>
/// The SDK pipeline's side of <see cref="StorageBudget"/>. Added twice to each client: per call (before the retry
/// policy) it counts the call's whole time, pauses between tries included, as storage time; per try it gives the try
/// the shorter network timeout and refuses to start one when the budget is spent. Without a budget it does nothing.
/// </summary>
internal sealed class StorageBudgetPolicy(bool perTry) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (StorageBudget.Current is not { } budget)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        if (perTry)
        {
            Limit(message, budget);
            await ProcessNextAsync(message, pipeline);
            return;
        }

        budget.Enter();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            budget.Exit();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (StorageBudget.Current is not { } budget)
        {
            ProcessNext(message, pipeline);
            return;
        }

        if (perTry)
        {
            Limit(message, budget);
            ProcessNext(message, pipeline);
            return;
        }

        budget.Enter();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            budget.Exit();
        }
    }

    private static void Limit(HttpMessage message, StorageBudget budget)
    {
        var remaining = budget.Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            // Not a cancellation (the SDK would retry that): a plain refusal that ends the retries here.
            throw new StorageTimeoutException(budget.Total);
        }

        // Also bounds each read of a streamed answer's body, which storage serves in milliseconds when it is well.
        message.NetworkTimeout = remaining < budget.TryTimeout ? remaining : budget.TryTimeout;
    }
}

/// <summary>Starts a person's request budget before anything else in the pipeline runs.</summary>
internal sealed class StorageBudgetStartup(IOptions<StorageOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!StorageBudget.IsInteractive(context.Request.Path))
            {
                await nextMiddleware(context);
                return;
            }

            var o = options.Value;
            using (StorageBudget.Begin(o.InteractiveTimeout, o.InteractiveTryTimeout))
            {
                await nextMiddleware(context);
            }
        });
        next(app);
    };
}
