using System.Text.Json;
using System.Text.Json.Serialization;

namespace MethodDays.Platform.Host;

/// <summary>
/// The body the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.
/// Property names are the host's (PascalCase), pinned here rather than by a global naming policy.
/// </summary>
public sealed record InvocationRequest
{
    [JsonPropertyName("Data")]
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    [JsonPropertyName("Metadata")]
    public Dictionary<string, JsonElement> Metadata { get; init; } = [];
}

/// <summary>The answer the host expects back: outputs by binding name, log lines, a return value.</summary>
public sealed record InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; init; } = [];

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}

/// <summary>The timer binding's payload (<c>Data.timer</c>).</summary>
public sealed record TimerInfo
{
    [JsonPropertyName("Schedule")]
    public JsonElement? Schedule { get; init; }

    [JsonPropertyName("ScheduleStatus")]
    public TimerScheduleStatus? ScheduleStatus { get; init; }

    [JsonPropertyName("IsPastDue")]
    public bool IsPastDue { get; init; }
}

public sealed record TimerScheduleStatus
{
    [JsonPropertyName("Last")]
    public DateTimeOffset? Last { get; init; }

    [JsonPropertyName("Next")]
    public DateTimeOffset? Next { get; init; }

    [JsonPropertyName("LastUpdated")]
    public DateTimeOffset? LastUpdated { get; init; }
}

/// <summary>A queue message as handed to a queue function, already unwrapped from the host's encoding.</summary>
/// <param name="Body">The message text (usually JSON) exactly as it was enqueued.</param>
/// <param name="Id">The storage message id, when the host or driver supplied one.</param>
/// <param name="DequeueCount">How many times the message has been delivered, this time included.</param>
public sealed record QueueMessageInfo(string Body, string? Id, int DequeueCount)
{
    public T? As<T>(JsonSerializerOptions options) => JsonSerializer.Deserialize<T>(Body, options);
}
