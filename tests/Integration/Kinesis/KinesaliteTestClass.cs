namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>A test class whose every test gets streams of its own on kinesalite, deleted after the test.</summary>
public abstract class KinesaliteTestClass : IAsyncLifetime
{
    protected KinesaliteStreams Streams { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Streams = KinesaliteStreams.Open();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Streams.DisposeAsync();
}
