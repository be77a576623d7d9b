using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MethodDays.Tests.Browser;

/// <summary>
/// Like <see cref="BrowserAppFactory"/>, but served as production serves the page to a phone: over TLS, with HTTP/2
/// offered (ALPN) beside HTTP/1.1. The certificate is made for the run (self-signed, 127.0.0.1); a browser trusts it by
/// its public key (<see cref="SpkiHash"/>, Chromium's <c>--ignore-certificate-errors-spki-list</c>), so the page is a
/// secure context with no certificate error and its service worker registers as it does in production.
/// </summary>
public sealed class Http2BrowserAppFactory : BrowserAppFactory
{
    private readonly X509Certificate2 certificate = Create();

    /// <summary>Base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's flag takes it.</summary>
    public string SpkiHash => Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    protected override void UseServer() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(certificate);
    }));

    /// <summary>A client of the TLS server that trusts exactly this run's certificate.</summary>
    protected override HttpClient NewClient() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.Thumbprint },
    })
    {
        BaseAddress = BaseAddress,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        certificate.Dispose();
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        // Through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
