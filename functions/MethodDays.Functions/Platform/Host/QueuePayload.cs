using System.Globalization;
using System.Text.Json;

namespace MethodDays.Platform.Host;

/// <summary>
/// Reads the host's queue and timer payloads. The host is loose with types: a string message arrives
/// JSON-encoded twice (<c>"\"text\""</c>), a JSON message may arrive as an object, and metadata numbers
/// may arrive as strings. All of that is absorbed here so handlers see plain values.
/// </summary>
public static class QueuePayload
{
    public static QueueMessageInfo ReadMessage(InvocationRequest request, string bindingName)
    {
        if (!request.Data.TryGetValue(bindingName, out var data))
        {
            throw new InvalidInvocationException($"The invocation carries no data for binding '{bindingName}'.");
        }

        var body = Unwrap(data);
        var id = MetadataString(request, "Id");
        var dequeueCount = MetadataInt(request, "DequeueCount") ?? 1;
        return new QueueMessageInfo(body, id, dequeueCount);
    }

    public static TimerInfo ReadTimer(InvocationRequest request, string bindingName)
    {
        if (!request.Data.TryGetValue(bindingName, out var data))
        {
            // A timer invocation without a payload still means "run now".
            return new TimerInfo();
        }

        var element = data;
        if (data.ValueKind == JsonValueKind.String)
        {
            element = JsonDocument.Parse(data.GetString()!).RootElement;
        }

        return element.Deserialize<TimerInfo>() ?? new TimerInfo();
    }

    private static string Unwrap(JsonElement data)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.String:
                var text = data.GetString() ?? string.Empty;
                // Strings enqueued as text come JSON-encoded a second time: "\"{...}\"".
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize<string>(text) ?? string.Empty;
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }

                return text;
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                return data.GetRawText();
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return string.Empty;
            default:
                return data.GetRawText();
        }
    }

    private static string? MetadataString(InvocationRequest request, string key)
    {
        if (!request.Metadata.TryGetValue(key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Unquote(value.GetString()),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
    }

    private static int? MetadataInt(InvocationRequest request, string key)
    {
        if (!request.Metadata.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String
            && int.TryParse(Unquote(value.GetString()), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }

    private static string? Unquote(string? s) =>
        s is { Length: >= 2 } && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;
}

/// <summary>The host sent something that is not an invocation we can read.</summary>
public sealed class InvalidInvocationException(string message) : Exception(message);
