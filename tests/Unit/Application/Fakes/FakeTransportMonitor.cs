using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>A transport monitor that reports whatever progress the test sets.</summary>
internal sealed class FakeTransportMonitor : ITransportMonitor
{
    public IReadOnlyList<DestinationProgress> Progress { get; set; } = [];

    /// <summary>When set, every reading throws it (a warehouse that is unavailable).</summary>
    public Exception? FailWith { get; set; }

    public Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken) =>
        FailWith is null ? Task.FromResult(Progress) : Task.FromException<IReadOnlyList<DestinationProgress>>(FailWith);
}
