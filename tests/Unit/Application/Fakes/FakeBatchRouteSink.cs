using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>A sink that runs a given action when flushed, e.g. landing an object the job must then find.</summary>
internal sealed class FakeBatchRouteSink : IBatchRouteSink
{
    public int Flushes { get; private set; }

    public Action? OnFlush { get; set; }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        OnFlush?.Invoke();
        return Task.CompletedTask;
    }
}
