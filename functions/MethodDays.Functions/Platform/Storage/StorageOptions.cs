using System.ComponentModel.DataAnnotations;

namespace MethodDays.Platform.Storage;

/// <summary>
/// Where the records, files and queues live. Locally a connection string to Azurite; in Azure the service URIs
/// with the app's managed identity (no keys). App settings: <c>Storage__ConnectionString</c> or
/// <c>Storage__TableServiceUri</c>, <c>Storage__BlobServiceUri</c>, <c>Storage__QueueServiceUri</c>.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity, when one is used.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix for table, queue and container names; lets tests share one Azurite safely.</summary>
    [RegularExpression("^[a-z]{0,12}$", ErrorMessage = "Storage:Prefix: only lower-case Latin letters, at most 12.")]
    public string Prefix { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableServiceUri is null || BlobServiceUri is null || QueueServiceUri is null))
        {
            yield return new ValidationResult(
                "Set Storage:ConnectionString, or all of Storage:TableServiceUri, Storage:BlobServiceUri and Storage:QueueServiceUri.",
                [nameof(ConnectionString)]);
        }
    }
}
