using System.Security.Cryptography;
using System.Text;

namespace MethodDays.Features.PracticeBank;

/// <summary>
/// Short-lived signed links to a practice file or a finished export. A <c>&lt;video&gt;</c> element or a new tab
/// cannot send the bearer token, so the page asks (signed in, access checked) for a link valid two hours — long
/// enough to watch a lesson video to the end; the link streams with Range support, so a video plays and seeks
/// without downloading whole. The signing key is
/// random and shared by every instance (<see cref="LinkKeyStore"/>).
/// </summary>
public sealed class FileLinkSigner(LinkKeyStore keys, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private byte[]? _key;

    public async Task<FileLink> SignAsync(string kind, string municipalityId, string id, string? fileId, CancellationToken ct)
    {
        var key = await KeyAsync(ct);
        var expires = time.GetUtcNow().Add(Lifetime);
        var payload = Encoding.UTF8.GetBytes($"{kind}|{municipalityId}|{id}|{fileId}|{expires.ToUnixTimeSeconds()}");
        var token = $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(key, payload))}";
        return new FileLink($"/api/links/{token}", expires);
    }

    /// <summary>The link's parts when its signature holds and it has not expired; null otherwise.</summary>
    public async Task<(string Kind, string MunicipalityId, string Id, string FileId)?> VerifyAsync(string token, CancellationToken ct)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 1024)
        {
            return null;
        }

        var key = await KeyAsync(ct);
        try
        {
            var payload = FromBase64Url(token[..dot]);
            var signature = FromBase64Url(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
            {
                return null;
            }

            var parts = Encoding.UTF8.GetString(payload).Split('|');
            if (parts.Length != 5 || !long.TryParse(parts[4], out var expires) || DateTimeOffset.FromUnixTimeSeconds(expires) < time.GetUtcNow())
            {
                return null;
            }

            return (parts[0], parts[1], parts[2], parts[3]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct) => _key ??= await keys.GetOrCreateAsync(ct);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
