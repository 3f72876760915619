namespace Pinterest.Modular.Tests.Unit.Architecture.CycleFixture.Right;

// The other half of the deliberate cycle (see CycleFixtureLeft.cs).
internal sealed class RightSide
{
    public Left.LeftSide? Other { get; set; }
}
