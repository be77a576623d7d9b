using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MethodDays.Platform.Problems;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace MethodDays.Platform;

/// <summary>A one-line text (a name, a title, a code): no line breaks or tabs either.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SingleLineAttribute : Attribute;

/// <summary>A text that may span lines (line breaks and tabs allowed) although its name reads like a single-line one.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineAttribute : Attribute;

/// <summary>
/// One check for every text a request body carries: control characters (U+0000–U+001F, U+007F–U+009F) are refused,
/// except line breaks and tabs in texts that may span lines. They are invisible on the page, break the Excel and
/// calendar files and the e-mails built from the texts, and can disguise a name. The filter walks the bound body
/// record's strings (through lists, dictionaries and raw JSON values) and answers a validation problem
/// keyed by the JSON path of each bad field (<c>name</c>, <c>steps[2].title</c>, <c>values.1.1.1</c>).
/// A property is one line when marked <see cref="SingleLineAttribute"/> or, by convention, when its name ends like a
/// name, title or code does (<see cref="SingleLineSuffixes"/>); <see cref="MultiLineAttribute"/> overrides that.
/// </summary>
public static class TextInput
{
    public static readonly string[] SingleLineSuffixes =
        ["Name", "Title", "Id", "Ids", "Email", "Code", "Url", "Zone", "Version", "Month", "Week", "Date", "Time", "Preset"];

    private const int MaxDepth = 32;

    private static readonly ConcurrentDictionary<(Type, JsonNamingPolicy?), TextProperty[]> Properties = new();

    /// <summary>Applies the check to every endpoint of the group that binds a request body.</summary>
    public static TBuilder RefuseControlCharacters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            if (bodyType is null)
            {
                return await next(context);
            }

            var policy = context.HttpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions.PropertyNamingPolicy;
            var errors = new FieldErrors();
            foreach (var argument in context.Arguments)
            {
                if (argument is not null && bodyType.IsInstanceOfType(argument))
                {
                    Check(argument, "", singleLine: false, policy, errors, 0);
                }
            }

            return errors.Any
                ? errors.ToProblem("В тексте есть невидимые служебные символы. Уберите их в отмеченных полях и отправьте ещё раз.")
                : await next(context);
        });

    /// <summary>Null when the text is acceptable, else the Russian message for the field.</summary>
    public static string? Problem(string text, bool singleLine)
    {
        foreach (var ch in text)
        {
            if (ch is '\t' or '\n' or '\r')
            {
                if (singleLine)
                {
                    return "Поле записывается одной строкой: уберите переводы строки и табуляцию.";
                }
            }
            else if (ch < '\u0020' || ch is >= '\u007F' and <= '\u009F')
            {
                return "В поле есть невидимые управляющие символы (часто попадают при копировании из других программ). Уберите их.";
            }
        }

        return null;
    }

    private static void Check(object? value, string path, bool singleLine, JsonNamingPolicy? policy, FieldErrors errors, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return;
        }

        switch (value)
        {
            case string text:
                Report(text, path, singleLine, errors);
                return;
            case JsonElement element:
                CheckJson(element, path, singleLine, errors, depth);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString() ?? "";
                    var at = Join(path, key);
                    Report(key, at, singleLine: true, errors);
                    Check(entry.Value, at, singleLine, policy, errors, depth + 1);
                }

                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    Check(item, $"{path}[{index++}]", singleLine, policy, errors, depth + 1);
                }

                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("MethodDays", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd((type, policy), key => Describe(key.Item1, key.Item2)))
        {
            Check(property.Info.GetValue(value), Join(path, property.JsonName), property.SingleLine, policy, errors, depth + 1);
        }
    }

    private static void CheckJson(JsonElement element, string path, bool singleLine, FieldErrors errors, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Report(element.GetString() ?? "", path, singleLine, errors);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = Join(path, property.Name);
                    Report(property.Name, at, singleLine: true, errors);
                    CheckJson(property.Value, at, singleLine, errors, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckJson(item, $"{path}[{index++}]", singleLine, errors, depth + 1);
                }

                break;
        }
    }

    private static void Report(string text, string path, bool singleLine, FieldErrors errors)
    {
        if (Problem(text, singleLine) is { } message)
        {
            errors.Add(path.Length == 0 ? "body" : path, message);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static TextProperty[] Describe(Type type, JsonNamingPolicy? policy)
    {
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).ToLookup(p => p.Name ?? "", StringComparer.Ordinal);
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p =>
            {
                var parameter = parameters[p.Name].FirstOrDefault();
                bool Marked<T>() where T : Attribute => p.GetCustomAttribute<T>() is not null || parameter?.GetCustomAttribute<T>() is not null;
                var singleLine = Marked<SingleLineAttribute>()
                    || (!Marked<MultiLineAttribute>() && SingleLineSuffixes.Any(s => p.Name.EndsWith(s, StringComparison.Ordinal)));
                var jsonName = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? policy?.ConvertName(p.Name) ?? p.Name;
                return new TextProperty(p, jsonName, singleLine);
            })];
    }

    private sealed record TextProperty(PropertyInfo Info, string JsonName, bool SingleLine);
}
