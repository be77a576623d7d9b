using System.Text.RegularExpressions;

namespace MethodDays.Platform.Host;

/// <summary>A function run on a schedule. The schedule is NCRONTAB with seconds, always UTC.</summary>
public interface ITimerFunction
{
    Task RunAsync(TimerInfo timer, CancellationToken cancellationToken);
}

/// <summary>A function run for each message of a Storage queue.</summary>
public interface IQueueFunction
{
    Task HandleAsync(QueueMessageInfo message, CancellationToken cancellationToken);
}

public enum TriggerKind
{
    Http,
    Timer,
    Queue,
}

/// <summary>One declared function: the single source both the package manifests and the drivers read.</summary>
public sealed record FunctionDeclaration(string Name, TriggerKind Kind)
{
    /// <summary>NCRONTAB (6 fields, seconds first, UTC) for timers.</summary>
    public string? Schedule { get; init; }

    /// <summary>Queue name for queue functions.</summary>
    public string? QueueName { get; init; }

    /// <summary>Route template (no leading slash) for HTTP functions.</summary>
    public string? Route { get; init; }

    public IReadOnlyList<string> Methods { get; init; } = [];

    public Type? Handler { get; init; }

    /// <summary>The binding name the host uses in <c>Data</c>.</summary>
    public string BindingName => Kind switch
    {
        TriggerKind.Timer => "timer",
        TriggerKind.Queue => "message",
        _ => "req",
    };
}

/// <summary>The timer and queue functions declared at composition; HTTP functions come from the endpoint list.</summary>
public sealed partial class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDeclaration> _declarations = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<FunctionDeclaration> Triggers => _declarations.Values;

    public FunctionDeclaration? Find(string name) => _declarations.GetValueOrDefault(name);

    internal void Add(FunctionDeclaration declaration)
    {
        EnsureValidName(declaration.Name);
        if (!_declarations.TryAdd(declaration.Name, declaration))
        {
            throw new InvalidOperationException($"Function '{declaration.Name}' is declared twice.");
        }
    }

    /// <summary>Azure Functions names: a letter, then letters, digits, '_' or '-', at most 127 characters.</summary>
    public static void EnsureValidName(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new InvalidOperationException($"'{name}' is not a valid Azure Functions function name.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,126}$")]
    private static partial Regex ValidName();
}

public static class FunctionCatalogExtensions
{
    /// <summary>Declares a timer function; <paramref name="schedule"/> is 6-field NCRONTAB in UTC.</summary>
    public static IServiceCollection AddTimerFunction<THandler>(this IServiceCollection services, string name, string schedule)
        where THandler : class, ITimerFunction
    {
        // Fail at composition, not at the first tick, if the expression is wrong.
        _ = Cronos.CronExpression.Parse(schedule, Cronos.CronFormat.IncludeSeconds);
        Catalog(services).Add(new FunctionDeclaration(name, TriggerKind.Timer) { Schedule = schedule, Handler = typeof(THandler) });
        services.AddScoped<THandler>();
        return services;
    }

    /// <summary>Declares a queue function on <paramref name="queueName"/>; failures retry, then go to <c>{queue}-poison</c>.</summary>
    public static IServiceCollection AddQueueFunction<THandler>(this IServiceCollection services, string name, string queueName)
        where THandler : class, IQueueFunction
    {
        Catalog(services).Add(new FunctionDeclaration(name, TriggerKind.Queue) { QueueName = queueName, Handler = typeof(THandler) });
        services.AddScoped<THandler>();
        return services;
    }

    internal static FunctionCatalog Catalog(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(FunctionCatalog))?.ImplementationInstance;
        if (existing is FunctionCatalog catalog)
        {
            return catalog;
        }

        catalog = new FunctionCatalog();
        services.AddSingleton(catalog);
        return catalog;
    }
}
