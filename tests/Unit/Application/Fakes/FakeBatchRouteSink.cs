using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>
/// A sink that runs a given action when flushed, e.g. landing an object the job must then find, or failing the run;
/// and that can hold a flush open, so a test sees a run in progress.
/// </summary>
internal sealed class FakeBatchRouteSink : IBatchRouteSink
{
    private int _flushes;

    public int Flushes => Volatile.Read(ref _flushes);

    public Action? OnFlush { get; set; }

    /// <summary>When set, a flush waits for this task (or for its cancellation) before it returns.</summary>
    public Task? HoldFlush { get; set; }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _flushes);
        OnFlush?.Invoke();
        if (HoldFlush is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }
    }
}
