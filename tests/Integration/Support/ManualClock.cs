namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>A clock that moves only when told to (no timers: use it where only "now" is read).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
