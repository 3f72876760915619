using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>
/// Runs the built CLI (<c>dotnet pinterest-modular.dll ...</c>) as a child process, the way a user would, with a
/// deadline after which the process is killed so a hung verb fails its test rather than the whole run.
/// </summary>
public static class CliProcess
{
    public const string AssemblyFile = "pinterest-modular.dll";

    private static readonly Lazy<string> Assembly = new(LocateAssembly);

    /// <summary>The CLI assembly: the project reference copies it beside the tests; else the Host project's own output.</summary>
    public static string AssemblyPath => Assembly.Value;

    public static Task<CliOutput> RunAsync(params string[] args) => RunAsync(new CliCall(args));

    public static async Task<CliOutput> RunAsync(CliCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var scratch = call.WorkingDirectory is null ? new TempDir("pm-cli-cwd-") : null;
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = call.WorkingDirectory ?? scratch!.Path,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in call.Args)
        {
            start.ArgumentList.Add(arg);
        }

        IsolateEnvironment(start.Environment);
        foreach (var (name, value) in call.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {call}");
        var stdout = CaptureAsync(process.StandardOutput.BaseStream);
        var stderr = CaptureAsync(process.StandardError.BaseStream);
        await FeedAsync(process.StandardInput, call.Stdin);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(call.Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var said = Encoding.UTF8.GetString(await stderr);
            throw new TimeoutException($"{call} did not exit within {call.Timeout.TotalSeconds:N0} s and was killed; stderr so far:{Environment.NewLine}{said}");
        }

        return new CliOutput(call, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The child reads configuration from every environment variable, so the runner's own settings (anything with the
    /// <c>__</c> section separator, the environment name) must not leak in; and no colour codes in captured output.
    /// </summary>
    internal static void IsolateEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }

        environment.Remove("DOTNET_ENVIRONMENT");
        environment.Remove("ASPNETCORE_ENVIRONMENT");
        environment["NO_COLOR"] = "1";
    }

    private static async Task<byte[]> CaptureAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task FeedAsync(StreamWriter stdin, string? text)
    {
        try
        {
            if (text is not null)
            {
                await stdin.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(text));
            }

            stdin.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of stdin (e.g. it refused its arguments); its exit code tells the story.
        }
    }

    /// <summary>The dotnet host running these tests when the SDK says which it is, else the one on PATH.</summary>
    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string LocateAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        if (File.Exists(beside))
        {
            return beside;
        }

        var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var built = Path.Combine(folder.FullName, "src", "Host", "bin", configuration, "net10.0", AssemblyFile);
            if (File.Exists(built))
            {
                return built;
            }
        }

        throw new FileNotFoundException($"{AssemblyFile} is neither beside the tests nor in src/Host/bin/{configuration}/net10.0; build the solution first.");
    }
}
