using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Emulation;

/// <summary>Whether a post was acknowledged, and why not.</summary>
public sealed record PostOutcome(bool Acknowledged, string? Error)
{
    public static PostOutcome Ack { get; } = new(true, null);
}

/// <summary>Where the emulator sends one request's rows: in process (the demo) or the HTTP API (as a client would).</summary>
public interface IPostingTarget
{
    Task<PostOutcome> PostAsync(Destination destination, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken);
}
