using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>Leases in memory with the store's compare-and-set rules; a test can make another host hold one.</summary>
internal sealed class FakeLeaseStore : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LeaseState> _leases = new(StringComparer.Ordinal);

    private readonly List<LeaseState> _taken = [];

    public int Acquisitions { get; private set; }

    /// <summary>Every lease taken through <see cref="TryAcquireAsync"/>, in order.</summary>
    public IReadOnlyList<LeaseState> Taken
    {
        get
        {
            lock (_gate)
            {
                return [.. _taken];
            }
        }
    }

    /// <summary>As if another host took (or took over) the lease.</summary>
    public void Hold(string name, string owner, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            _leases[name] = new LeaseState(name, owner, expiresAt);
        }
    }

    public LeaseState? Find(string name)
    {
        lock (_gate)
        {
            return _leases.GetValueOrDefault(name);
        }
    }

    public Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner != owner && held.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _leases[name] = new LeaseState(name, owner, expiresAt);
            _taken.Add(_leases[name]);
            Acquisitions++;
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewAsync(string name, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_leases.TryGetValue(name, out var held) || held.Owner != owner)
            {
                return Task.FromResult(false);
            }

            _leases[name] = held with { ExpiresAt = expiresAt };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner == owner)
            {
                _leases.Remove(name);
            }

            return Task.CompletedTask;
        }
    }

    public Task<LeaseState?> FindAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Find(name));

    public Task<IReadOnlyList<LeaseState>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<LeaseState> leases =
                [.. _leases.Values.Where(l => l.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(l => l.Name, StringComparer.Ordinal)];
            return Task.FromResult(leases);
        }
    }
}
