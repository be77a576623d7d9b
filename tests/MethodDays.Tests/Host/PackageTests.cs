using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Host;

/// <summary>
/// The deployable zip, unpacked and started the way the Functions host starts a custom handler:
/// FUNCTIONS_CUSTOMHANDLER_PORT set, GET / polled until it answers, then a proxied HTTP call and host-shaped
/// timer and queue invocations.
/// </summary>
public sealed class PackageTests
{
    [Fact]
    public async Task UnpackedZipRunsUnderTheFunctionsHostContract()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("methoddays-package-").FullName;
        var zipPath = Path.Combine(work, "package.zip");
        var unpacked = Path.Combine(work, "site", "wwwroot");
        Process? app = null;
        try
        {
            await RunAsync("dotnet", ["publish", RepoPaths.Combine("functions", "MethodDays.Functions"), "-c", "Release", "-r", "linux-x64", "--self-contained",
                "-p:PublishReadyToRun=false", "-o", Path.Combine(work, "publish"), $"-p:PackageZip={zipPath}", "-nologo"], ct);

            using (var zip = ZipFile.OpenRead(zipPath))
            {
                var names = zip.Entries.Select(e => e.FullName).ToHashSet();
                Assert.Contains("host.json", names);
                Assert.Contains("SelfAssessmentSubmit/function.json", names);
                Assert.Contains("CycleTick/function.json", names);
                Assert.Contains("SendNotification/function.json", names);
                Assert.Contains("wwwroot/index.html", names);
                Assert.Contains("Templates/self-assessment/2021.1.json", names);
                var executable = zip.GetEntry("MethodDays.Functions")!;
                Assert.Equal(0b111_101_101, (executable.ExternalAttributes >> 16) & 0b111_111_111); // rwxr-xr-x
            }

            ZipFile.ExtractToDirectory(zipPath, unpacked);
            var azurite = await Azurite.Shared;
            var port = Ports.Free();
            var start = new ProcessStartInfo(Path.Combine(unpacked, "MethodDays.Functions"))
            {
                WorkingDirectory = unpacked,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Storage__ConnectionString"] = azurite.ConnectionString,
                    ["Storage__Prefix"] = "pkg",
                    ["Storage__CreateIfMissing"] = "true",
                    ["AzureAd__TenantId"] = "00000000-0000-0000-0000-000000000001",
                    ["AzureAd__ClientId"] = "00000000-0000-0000-0000-000000000002",
                },
            };
            app = Process.Start(start)!;
            app.OutputDataReceived += (_, _) => { };
            app.ErrorDataReceived += (_, _) => { };
            app.BeginOutputReadLine();
            app.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // What the host does: GET / until any answer.
            var ready = await PollRootAsync(http, app, ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("<title>", await ready.Content.ReadAsStringAsync(ct));

            var config = await http.GetAsync("/api/config", ct);
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
            Assert.Equal("entra", (string?)(await config.ReadJsonAsync())["authMode"]);
            await (await http.GetAsync("/api/me", ct)).AssertProblemAsync(401);
            // No development sign-in in production.
            var dev = await http.PostAsync("/api/dev/sign-in", new StringContent("{}", Encoding.UTF8, "application/json"), ct);
            Assert.True(dev.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"dev sign-in answered {dev.StatusCode}");

            var timer = await http.PostAsync("/RecomputeMonthlyStats",
                new StringContent("""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"), ct);
            Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
            Assert.Equal(["Logs", "Outputs", "ReturnValue"], (await timer.ReadJsonAsync()).AsObject().Select(kv => kv.Key).Order().ToArray());

            var notice = """{"id":"pkg-test-1","municipalityId":"north","personId":"nobody","kind":"Reminder","subject":"Проверка","text":"Текст","link":null,"createdAt":"2026-11-15T09:00:00+00:00"}""";
            // A queue message as the host sends it: the JSON text, encoded as a JSON string, encoded again.
            var doubleEncoded = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(notice));
            var payload = "{\"Data\":{\"message\":" + doubleEncoded + "},\"Metadata\":{\"DequeueCount\":\"1\",\"Id\":\"pkg-1\"}}";
            var queue = await http.PostAsync("/SendNotification", new StringContent(payload, Encoding.UTF8, "application/json"), ct);
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            Assert.True((await queue.ReadJsonAsync()).AsObject().ContainsKey("Outputs"));

            var health = await http.GetAsync("/api/health", ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            if (app is { HasExited: false })
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync(CancellationToken.None);
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> PollRootAsync(HttpClient http, Process app, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(app.HasExited, "The packaged app exited during start.");
            try
            {
                return await http.GetAsync("/", ct);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: the host keeps asking, and so do we.
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed:\n{await stdout}\n{await stderr}");
    }
}
