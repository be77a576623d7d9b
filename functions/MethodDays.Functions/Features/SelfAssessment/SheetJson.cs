using System.Text.Json;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.SelfAssessment;

/// <summary>The JSON a sheet row keeps: answers, area scores, monthly averages.</summary>
internal static class SheetJson
{
    private static JsonSerializerOptions Options => StoredJson.Options;

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static Dictionary<string, string> ReadValues(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];

    public static IReadOnlyList<AreaScore> ReadAreas(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AreaScore>>(json, Options) ?? [];

    public static Dictionary<string, double?> ReadAverages(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, double?>>(json, Options) ?? [];
}
