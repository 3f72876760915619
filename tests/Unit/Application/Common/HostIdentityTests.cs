using Pinterest.Modular.Application.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Common;

public sealed class HostIdentityTests
{
    [Theory]
    [InlineData("web-1")]
    [InlineData("box/4242/0badf00d")]
    public void NewLeaseOwner_IsOwnedByItsHostOnly_WhateverTheNaming(string name)
    {
        var host = new HostIdentity(name, DateTimeOffset.UnixEpoch);

        var owner = host.NewLeaseOwner();

        HostIdentity.Owns(name, owner).Should().BeTrue();
        HostIdentity.Owns(name + "#", owner).Should().BeFalse();
        HostIdentity.Owns(name[..^1], owner).Should().BeFalse("a name that is a prefix of another is not that host");
        host.NewLeaseOwner().Should().NotBe(owner, "two holders in one process exclude each other");
    }

    [Fact]
    public void Owns_DoesNotTakeAnotherHostsOwnerWhoseNameStartsLikeIt()
    {
        var longer = new HostIdentity("a#12345678", DateTimeOffset.UnixEpoch).NewLeaseOwner();

        HostIdentity.Owns("a", longer).Should().BeFalse();
        HostIdentity.Owns("a#12345678", longer).Should().BeTrue();
    }
}
