using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MethodDays.Tests.Infrastructure;

/// <summary>
/// A local OpenID Connect provider answering as a Microsoft Entra ID tenant does (oauth2-mock-server from the
/// repository's node_modules, wrapped by <c>oidc-tenant.mjs</c>): HTTPS on a free port with a certificate made
/// here, the tenant's discovery document, keys and v2.0 tokens, and a control API to choose who signs in next,
/// mint tokens and rotate the signing key.
/// </summary>
public sealed class OidcTenant : IAsyncDisposable
{
    public const string TenantId = "7f3c1b2a-5d4e-4f60-9a8b-1c2d3e4f5a6b";

    /// <summary>The API's app registration (the token's audience).</summary>
    public const string ApiClientId = "3b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b";

    /// <summary>The page's app registration (MSAL's client id).</summary>
    public const string SpaClientId = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";

    public const string ApiScope = $"api://{ApiClientId}/access_as_user";

    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly string _directory;

    private OidcTenant(Process process, int port, X509Certificate2 certificate, string directory)
    {
        _process = process;
        _directory = directory;
        Certificate = certificate;
        Instance = new Uri($"https://localhost:{port}/");
        _http = new HttpClient(TrustingHandler()) { BaseAddress = Instance };
    }

    /// <summary>Like <c>https://login.microsoftonline.com/</c>.</summary>
    public Uri Instance { get; }

    /// <summary>The tenant's authority and token issuer, <c>{instance}{tenant}/v2.0</c>.</summary>
    public string Authority => $"{Instance}{TenantId}/v2.0";

    /// <summary>The provider's self-signed TLS certificate (only this one is trusted, and only by the test's clients).</summary>
    public X509Certificate2 Certificate { get; }

    public static async Task<OidcTenant> StartAsync()
    {
        var script = RepoPaths.Combine("tests", "MethodDays.Tests", "Infrastructure", "oidc-tenant.mjs");
        if (!Directory.Exists(RepoPaths.Combine("node_modules", "oauth2-mock-server")))
        {
            throw new InvalidOperationException("oauth2-mock-server is not installed: run `npm ci` in the repository root (the test command does).");
        }

        var directory = Directory.CreateTempSubdirectory("methoddays-oidc-").FullName;
        var certificate = CreateCertificate(directory);
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, Path.Combine(directory, "key.pem"), Path.Combine(directory, "cert.pem"), TenantId, ApiClientId, SpaClientId,
            },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The OpenID provider did not start.");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            // The script prints {"port": N, ...} once it listens.
            if (e.Data?.StartsWith('{') == true)
            {
                ready.TrySetResult(JsonNode.Parse(e.Data)!["port"]!.GetValue<int>());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The OpenID provider exited during start: {errors}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var tenant = new OidcTenant(process, port, certificate, directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Ports.Kill(process);
        return tenant;
    }

    /// <summary>An HTTP handler that trusts this provider's certificate (and no other self-signed one).</summary>
    public HttpMessageHandler TrustingHandler()
    {
        var raw = Certificate.RawData;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (cert is not null && cert.RawData.AsSpan().SequenceEqual(raw)),
        };
    }

    /// <summary>The person the next interactive sign-in (the page's redirect) authenticates, consent given.</summary>
    public async Task SignsInNextAsync(string objectId, string name, string email)
    {
        using var r = await _http.PostAsJsonAsync("/_test/next-person", new { oid = objectId, name, email });
        r.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// An access token as the tenant issues it to the page for the API (aud, iss, tid, scp, azp, ver 2.0), with
    /// <paramref name="claims"/> added or replacing those (null leaves a claim out); optionally expired, or signed with the
    /// rotated-out key.
    /// </summary>
    public async Task<string> TokenAsync(IDictionary<string, object?> claims, int expiredSecondsAgo = 0, bool retiredKey = false)
    {
        using var r = await _http.PostAsJsonAsync("/_test/token", new { claims, expiredSecondsAgo, retiredKey });
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A token for a person with the usual claims: oid, name, preferred_username.</summary>
    public Task<string> TokenForAsync(string objectId, string name, string email) =>
        TokenAsync(new Dictionary<string, object?> { ["oid"] = objectId, ["name"] = name, ["preferred_username"] = email });

    /// <summary>Signs with a new key from now on and removes the old one from the published key set.</summary>
    public async Task RotateKeysAsync()
    {
        using var r = await _http.PostAsync("/_test/rotate", null);
        r.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Ports.Kill(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _http.Dispose();
        Certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A self-signed certificate for localhost, written as PEM for the provider.</summary>
    private static X509Certificate2 CreateCertificate(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        return certificate;
    }
}
