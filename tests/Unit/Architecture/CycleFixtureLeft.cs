namespace Pinterest.Modular.Tests.Unit.Architecture.CycleFixture.Left;

// A deliberate violation: this namespace and CycleFixture.Right use each other, so the namespace cycle rule has
// something to catch.
internal sealed class LeftSide
{
    public Right.RightSide? Other { get; set; }
}
