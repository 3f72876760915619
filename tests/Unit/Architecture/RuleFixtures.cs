namespace Pinterest.Modular.Tests.Unit.Architecture;

// Deliberate violations, so each architecture rule is shown to fail when broken.

/// <summary>Exists only so the naming rule has something to catch.</summary>
internal static class FixtureHelper;

internal sealed record SomeMessage;

/// <summary>Exists only so the consumer naming rule has something to catch.</summary>
internal sealed class MisnamedHandler : MassTransit.IConsumer<SomeMessage>
{
    public Task Consume(MassTransit.ConsumeContext<SomeMessage> context) => Task.CompletedTask;
}

/// <summary>Exists only so the transport-name rule has a member to catch (as Application's old transport switch had).</summary>
internal enum TransportChoiceFixture
{
    Local,
    Kafka,
}
