using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary>
/// The AWS CLI (<c>aws</c>, installed by <c>scripts/test-servers.sh up</c>) pointed at the test s3rver: a client that
/// shares no code with the store under test. Its own config file sets path-style addressing and s3rver's keys, and
/// keeps any profile of the machine's user out.
/// </summary>
public sealed class S3AwsCli : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempDir _home = new("pm-awscli-");

    public S3AwsCli() =>
        File.WriteAllText(
            _home.Combine("config"),
            """
            [default]
            region = us-east-1
            request_checksum_calculation = when_required
            response_checksum_validation = when_required
            s3 =
                addressing_style = path
            """);

    /// <summary>Runs <c>aws --endpoint-url &lt;s3rver&gt; ARGS</c>; fails the test unless it exits 0. Returns stdout.</summary>
    public async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("aws")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _home.Path,
        };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(S3TestBucket.ServiceUrl.ToString());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_CONFIG_FILE"] = _home.Combine("config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = _home.Combine("no-credentials");
        start.Environment["AWS_ACCESS_KEY_ID"] = S3TestBucket.Credential;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = S3TestBucket.Credential;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_PROFILE");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("The AWS CLI (aws) is missing: run scripts/test-servers.sh up, which installs it.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"aws {string.Join(' ', args)} did not exit within {Deadline.TotalSeconds} s.");
            }

            var output = await stdout;
            process.ExitCode.Should().Be(0, "aws {0} should succeed; stderr: {1}", string.Join(' ', args), await stderr);
            return output;
        }
    }

    /// <summary>Writes each object to a file at its key under a folder and uploads the folder in one <c>aws s3 cp --recursive</c>.</summary>
    public async Task UploadAsync(string bucket, IReadOnlyDictionary<string, string> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var folder = _home.Combine("upload-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, content) in objects)
        {
            var file = Path.Combine(folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        await RunAsync("s3", "cp", folder, $"s3://{bucket}/", "--recursive");
    }

    public void Dispose() => _home.Dispose();
}
