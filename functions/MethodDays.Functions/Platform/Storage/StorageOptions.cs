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

    /// <summary>
    /// How long storage may keep a person waiting in one request (<c>/api</c>), all calls and retries together.
    /// With the page's own margin the answer — data or a clear 503 — comes within 10 s. Timers and queue work are
    /// not bound by it: they keep <see cref="StorageSetup.BackgroundTryTimeout"/> per try.
    /// </summary>
    public TimeSpan InteractiveTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>One try's patience within a person's request, so a stuck connection is given up while a retry still fits.</summary>
    public TimeSpan InteractiveTryTimeout { get; set; } = TimeSpan.FromSeconds(4);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableServiceUri is null || BlobServiceUri is null || QueueServiceUri is null))
        {
            yield return new ValidationResult(
                "Set Storage:ConnectionString, or all of Storage:TableServiceUri, Storage:BlobServiceUri and Storage:QueueServiceUri.",
                [nameof(ConnectionString)]);
        }

        if (InteractiveTimeout <= TimeSpan.Zero || InteractiveTimeout > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("Storage:InteractiveTimeout: more than 0 and at most 00:00:30.", [nameof(InteractiveTimeout)]);
        }

        if (InteractiveTryTimeout <= TimeSpan.Zero || InteractiveTryTimeout > InteractiveTimeout)
        {
            yield return new ValidationResult("Storage:InteractiveTryTimeout: more than 0 and at most Storage:InteractiveTimeout.", [nameof(InteractiveTryTimeout)]);
        }
    }
}
