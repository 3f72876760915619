namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The reliability tests run one class at a time: each drives a host hard (or measures its memory), and two of them at
/// once on two cores would stretch each other's deadlines and blur the soak's figures.
/// A MariaDB container is started for the collection when a test on MySQL first asks for one.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityGroup : ICollectionFixture<MariaDbOnDemand>
{
    public const string Name = "Reliability";
}
