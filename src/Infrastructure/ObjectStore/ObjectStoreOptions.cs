namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>
/// Configuration section <c>ObjectStore</c>: where the landing zone lives. <c>Files</c> (the default) keeps it under
/// <c>&lt;Pipeline:DataDir&gt;/landing/</c>; <c>S3</c> keeps it in a bucket, credentials from the standard AWS chain
/// (environment, profile, container or instance role), never from these settings.
/// </summary>
public sealed class ObjectStoreOptions
{
    public const string Section = "ObjectStore";
    public const string Files = "Files";
    public const string S3 = "S3";
    public const int MiB = 1024 * 1024;

    /// <summary>S3's smallest part of a multipart upload (all parts but the last).</summary>
    public const int MinPartBytes = 5 * MiB;

    /// <summary>Bounds the memory one part takes; S3 itself allows up to 5 GiB.</summary>
    public const int MaxPartBytes = 512 * MiB;

    public static IReadOnlyList<string> Providers { get; } = [Files, S3];

    /// <summary><c>ObjectStore:Provider</c>: <c>Files</c> or <c>S3</c>.</summary>
    public string Provider { get; set; } = Files;

    /// <summary><c>ObjectStore:Bucket</c>: the bucket (S3 only, required there).</summary>
    public string Bucket { get; set; } = "";

    /// <summary>
    /// <c>ObjectStore:ServiceUrl</c>: an S3-compatible endpoint such as <c>http://127.0.0.1:4568</c>; empty means
    /// the AWS endpoint of <see cref="Region"/>.
    /// </summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary><c>ObjectStore:Region</c>: the AWS region, also the signing region of a <see cref="ServiceUrl"/>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary><c>ObjectStore:ForcePathStyle</c>: <c>/bucket/key</c> addressing, which most S3-compatible stores need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// <c>ObjectStore:Prefix</c>: put in front of every key (e.g. <c>pipeline</c> gives <c>pipeline/topics/...</c>, what the
    /// S3 sink connector writes with <c>topics.dir=pipeline/topics</c>). Empty: keys start at the bucket root.
    /// </summary>
    public string Prefix { get; set; } = "";

    /// <summary><c>ObjectStore:MultipartThresholdBytes</c>: larger objects go up in parts; smaller ones in one PUT.</summary>
    public int MultipartThresholdBytes { get; set; } = 8 * MiB;

    /// <summary><c>ObjectStore:PartBytes</c>: the size of each part but the last.</summary>
    public int PartBytes { get; set; } = 8 * MiB;

    public bool IsS3 => string.Equals(Provider, S3, StringComparison.OrdinalIgnoreCase);

    /// <summary>The prefix as it goes in front of a key: no leading '/', one trailing '/', or empty.</summary>
    public string KeyPrefix => Prefix.Trim('/') is { Length: > 0 } trimmed ? trimmed + "/" : "";
}
