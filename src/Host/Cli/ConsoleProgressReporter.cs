using System.Collections.Concurrent;
using Pinterest.Modular.Application.Common;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>Progress bars on stderr, one per stage, while a verb's work runs inside <see cref="RunAsync{T}"/>.</summary>
public sealed class ConsoleProgressReporter : IProgressReporter
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new();
    private ProgressContext? _context;

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await CliRun.Error.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ValueColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                _context = context;
                try
                {
                    return await work();
                }
                finally
                {
                    foreach (var task in _tasks.Values)
                    {
                        task.StopTask();
                    }

                    _context = null;
                }
            });
    }

    public void Report(string stage, long done, long? total)
    {
        var context = _context;
        if (context is null)
        {
            return;
        }

        var task = _tasks.GetOrAdd(stage, s => context.AddTask(s, maxValue: Math.Max(1, total ?? 1)));
        if (total is { } max && max > 0)
        {
            task.MaxValue = max;
        }
        else
        {
            task.IsIndeterminate = true;
        }

        task.Value = done;
    }

    /// <summary>Shows the running count next to the bar.</summary>
    private sealed class ValueColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(FormattableString.Invariant($"{task.Value:N0}/{task.MaxValue:N0}"));
    }
}
