using System.Diagnostics;
using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Telemetry;

/// <summary>
/// <c>pinterest-modular serve</c> as a child process, as systemd runs it: its stdout read line by line while it runs,
/// killed on dispose.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _stdout = [];
    private readonly Task _reading;

    private ServeProcess(Process process)
    {
        _process = process;
        _reading = ReadAsync(process.StandardOutput);
        _ = process.StandardError.ReadToEndAsync(); // drained, so a chatty stderr cannot block the child
    }

    /// <summary>The child's process id (the app itself: the dotnet host runs it in its own process).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _stdout];
            }
        }
    }

    public static ServeProcess Start(string dataDir, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(CliProcess.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        foreach (var arg in new[] { CliProcess.AssemblyPath, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", dataDir })
        {
            start.ArgumentList.Add(arg);
        }

        CliProcess.IsolateEnvironment(start.Environment);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start serve"));
    }

    /// <summary>Waits for a stdout line that satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var line = StdoutLines.FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited || waited.Elapsed > StartDeadline)
            {
                throw new TimeoutException($"serve never wrote {what}; stdout so far:{Environment.NewLine}{string.Join(Environment.NewLine, StdoutLines)}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync(StreamReader stdout)
    {
        while (await stdout.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _stdout.Add(line);
            }
        }
    }
}
