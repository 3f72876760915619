namespace Pinterest.Modular.Tests.Common;

/// <summary>
/// A clock that moves only when told to. Its timers (what <c>Task.Delay(span, clock)</c> waits on) fire when the
/// clock is moved past their due time, in due order, each seeing the clock at its own due time.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;

    public static DateTimeOffset DefaultStart { get; } = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Setting it forward is <see cref="AdvanceTo"/>.</summary>
    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set => AdvanceTo(value);
    }

    /// <summary>When the waiting timers are due, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return [.. _timers.Select(t => t.Due).OfType<DateTimeOffset>().Order()];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    /// <summary>
    /// Moves the clock without firing timers, as a machine waking from suspension sees it; the overdue timers fire at
    /// the next <see cref="Advance"/> (even by zero), with the clock where it is.
    /// </summary>
    public void Skip(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            Timer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = target > _now ? target : _now;
                    return;
                }

                _now = next.Due!.Value > _now ? next.Due.Value : _now;
                next.Due = next.Period > TimeSpan.Zero ? _now + next.Period : null;
            }

            next.Callback(next.State); // outside the lock: the callback may read the clock or set timers
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        /// <summary>Null while stopped; guarded by the clock's lock.</summary>
        public DateTimeOffset? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }

                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
