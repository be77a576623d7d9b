using System.Text.Encodings.Web;
using System.Text.Json;

namespace MethodDays.Platform.Storage;

/// <summary>
/// The one set of JSON options for JSON kept inside table properties (answers, scores, lists). Cyrillic stays as
/// UTF-8 letters: escaped, each letter takes six characters of a property's 32K-character limit. Reading accepts
/// both forms, so rows written before this setting read the same.
/// </summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);
}
