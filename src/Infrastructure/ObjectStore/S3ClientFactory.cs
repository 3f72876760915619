using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>Builds the S3 client from <c>ObjectStore:*</c>; credentials come from the SDK's standard chain.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(ObjectStoreOptions options) => new AmazonS3Client(ConfigFor(options));

    /// <summary>The client configuration alone, for a caller that brings its own credentials.</summary>
    public static AmazonS3Config ConfigFor(ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.ServiceUrl.Length > 0)
        {
            // ServiceURL and RegionEndpoint exclude each other; the region still names the signing scope.
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;

            // S3-compatible stores (s3rver among them) predate the SDK's default checksums: send and check them only
            // where an operation requires them.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return config;
    }
}
