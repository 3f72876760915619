using System.Collections.Concurrent;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>One request the emulator made.</summary>
internal sealed record Post(Destination Destination, IReadOnlyList<byte[]> Rows);

/// <summary>Acknowledges every post unless its destination is told to fail (with an answer or an exception).</summary>
internal sealed class FakePostingTarget : IPostingTarget
{
    private readonly ConcurrentQueue<Post> _posts = new();

    public IReadOnlyList<Post> Posts => [.. _posts];

    /// <summary>Destinations answered with a failed outcome carrying this error.</summary>
    public Dictionary<string, string> RefuseWith { get; } = new(StringComparer.Ordinal);

    /// <summary>Destinations whose post throws this message.</summary>
    public Dictionary<string, string> ThrowWith { get; } = new(StringComparer.Ordinal);

    public Task<PostOutcome> PostAsync(Destination destination, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        _posts.Enqueue(new Post(destination, [.. rows.Select(r => r.ToArray())]));
        if (ThrowWith.TryGetValue(destination.Name, out var thrown))
        {
            throw new HttpRequestException(thrown);
        }

        return Task.FromResult(RefuseWith.TryGetValue(destination.Name, out var error) ? new PostOutcome(false, error) : PostOutcome.Ack);
    }
}
