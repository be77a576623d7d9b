using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Progress;

/// <summary>The JSON a progress sheet is stored as, and the hash that tells one submission from another.</summary>
internal static class ProgressJson
{
    // The one stored-JSON setting: Cyrillic stays as written (escaped, every letter would take six characters).
    internal static JsonSerializerOptions Options => StoredJson.Options;

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static ProgressContent ReadContent(string? json) =>
        string.IsNullOrEmpty(json) ? ProgressContent.Empty : JsonSerializer.Deserialize<ProgressContent>(json, Options) ?? ProgressContent.Empty;

    public static Dictionary<string, int> ReadStages(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, int>>(json, Options) ?? [];

    public static List<HelpRequest> ReadRequests(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<HelpRequest>>(json, Options) ?? [];

    public static string Hash(string json) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
