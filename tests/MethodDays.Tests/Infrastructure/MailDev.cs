using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MethodDays.Tests.Infrastructure;

/// <summary>A real SMTP server (MailDev from the repository's node_modules) on free ports; tests read its REST API.</summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public static async Task<MailDev> StartAsync()
    {
        var executable = RepoPaths.Combine("node_modules", ".bin", "maildev");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("MailDev is not installed: run `npm ci` in the repository root (the test command does).");
        }

        var (smtp, web) = (Ports.Free(), Ports.Free());
        var mailDirectory = Directory.CreateTempSubdirectory("methoddays-maildev-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", mailDirectory,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = mailDirectory,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("MailDev did not start.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            // MailDev prints its banner once both the SMTP server and the web API listen.
            if (e.Data?.Contains("Press Ctrl+C", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("MailDev exited during start."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var mailDev = new MailDev(process, smtp, web);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => mailDev.Kill();
        return mailDev;
    }

    /// <summary>Every e-mail received so far: recipient address, subject, text.</summary>
    public async Task<IReadOnlyList<(string To, string Subject, string Text)>> EmailsAsync()
    {
        var list = await _http.GetFromJsonAsync<JsonArray>("/api/email") ?? [];
        return [.. list.Select(e => (
            (string)e!["envelope"]!["to"]![0]!["address"]!,
            (string?)e["subject"] ?? "",
            (string?)e["text"] ?? ""))];
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _http.Dispose();
    }

    private void Kill() => Ports.Kill(_process);
}
