using System.ComponentModel;
using System.Diagnostics;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// The AWS CLI (<c>aws</c>, installed by <c>scripts/test-servers.sh up</c>) pointed at one test server: a client that
/// shares no code with what it checks. Its own config file and keys keep any profile of the machine's user out.
/// </summary>
public sealed class AwsCli : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempDir _home = new("pm-awscli-");
    private readonly Uri _endpoint;
    private readonly string _credential;

    /// <param name="config">The <c>[default]</c> profile's settings after its region line, in the CLI's config syntax.</param>
    public AwsCli(Uri endpoint, string credential, string config = "")
    {
        _endpoint = endpoint;
        _credential = credential;
        File.WriteAllText(ConfigFile, "[default]\nregion = us-east-1\n" + config);
    }

    /// <summary>A folder of its own, deleted with the CLI.</summary>
    public string Home => _home.Path;

    private string ConfigFile => _home.Combine("config");

    /// <summary>Runs <c>aws --endpoint-url &lt;server&gt; ARGS</c>; fails the test unless it exits 0. Returns stdout.</summary>
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
        start.ArgumentList.Add(_endpoint.ToString());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_CONFIG_FILE"] = ConfigFile;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = _home.Combine("no-credentials");
        start.Environment["AWS_ACCESS_KEY_ID"] = _credential;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = _credential;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
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

    public void Dispose() => _home.Dispose();
}
