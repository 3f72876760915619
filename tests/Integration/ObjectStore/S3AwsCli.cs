using System.Text;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary>
/// The AWS CLI pointed at the test s3rver: path-style addressing, s3rver's keys, checksums only where required.
/// </summary>
public sealed class S3AwsCli : IDisposable
{
    private readonly AwsCli _cli = new(
        S3TestBucket.ServiceUrl,
        S3TestBucket.Credential,
        """
        request_checksum_calculation = when_required
        response_checksum_validation = when_required
        s3 =
            addressing_style = path
        """);

    /// <summary>Runs <c>aws --endpoint-url &lt;s3rver&gt; ARGS</c>; fails the test unless it exits 0. Returns stdout.</summary>
    public Task<string> RunAsync(params string[] args) => _cli.RunAsync(args);

    /// <summary>Writes each object to a file at its key under a folder and uploads the folder in one <c>aws s3 cp --recursive</c>.</summary>
    public async Task UploadAsync(string bucket, IReadOnlyDictionary<string, string> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var folder = Path.Combine(_cli.Home, "upload-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, content) in objects)
        {
            var file = Path.Combine(folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        await RunAsync("s3", "cp", folder, $"s3://{bucket}/", "--recursive");
    }

    public void Dispose() => _cli.Dispose();
}
