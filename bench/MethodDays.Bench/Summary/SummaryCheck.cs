using System.Net.Http.Headers;
using System.Text.Json;

namespace MethodDays.Bench.Summary;

/// <summary>Before timing: the summary must really hold every school, all submitted, or the figures mean nothing.</summary>
public static class SummaryCheck
{
    public static async Task EnsureCompleteAsync(Uri app, string token, string month, int schools)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.All }) { BaseAddress = app };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/municipalities/{Load.World.MunicipalityId}/self-assessment/{month}/summary"));
        var columns = doc.RootElement.GetProperty("schools").GetArrayLength();
        var missing = doc.RootElement.GetProperty("notSubmitted").GetArrayLength();
        if (columns != schools || missing != 0)
        {
            throw new InvalidOperationException($"The summary has {columns} schools and {missing} not submitted; expected {schools} and 0.");
        }

        var xlsx = await client.GetByteArrayAsync($"api/municipalities/{Load.World.MunicipalityId}/self-assessment/{month}/summary/xlsx");
        if (xlsx.Length < 4 || xlsx[0] != 'P' || xlsx[1] != 'K')
        {
            throw new InvalidOperationException("The summary .xlsx is not a zip package.");
        }
    }
}
