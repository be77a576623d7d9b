using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Routes;

/// <summary>
/// Certificates of route items (удостоверения, сертификаты) in container <c>route-certificates</c>, one blob per upload
/// named <c>{municipality}/{school}/{teacher}/{period}/{guid}</c>; the item keeps the blob's name. The only place that
/// touches the container.
/// </summary>
public sealed class RouteCertificateStore(BlobServiceClient blobs, StorageNames names)
{
    public const string Container = "route-certificates";

    private BlobContainerClient Certificates => blobs.GetBlobContainerClient(names.Container(Container));

    internal static string NewBlobName(string m, string s, string teacherId, string period) => $"{m}/{s}/{teacherId}/{period}/{Guid.NewGuid():N}";

    internal async Task PutAsync(string blobName, BinaryData bytes, string contentType, CancellationToken ct) =>
        await Certificates.GetBlobClient(blobName).UploadAsync(bytes, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);

    internal async Task<Stream> OpenAsync(string blobName, CancellationToken ct) =>
        (await Certificates.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;

    /// <summary>Removes a replaced or unused certificate; a blob already gone is fine.</summary>
    internal async Task DeleteAsync(string blobName, CancellationToken ct) =>
        await Certificates.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: ct);
}
