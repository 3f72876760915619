using static Pinterest.Modular.Tests.Unit.Architecture.AssemblyRules;
using static Pinterest.Modular.Tests.Unit.Architecture.NamespaceRules;

namespace Pinterest.Modular.Tests.Unit.Architecture;

public sealed class NamespaceRulesTests
{
    /// <summary>
    /// What carries a transport's wire format: the Kafka and AWS clients' types, the adapters that speak to them, the
    /// proxies' request and answer shapes, and HTTP itself. The application's handlers see records and ports only.
    /// </summary>
    private static readonly string[] WireNamespaces =
    [
        "Confluent.Kafka",
        "Amazon",
        "System.Net.Http",
        "Microsoft.AspNetCore",
        "Pinterest.Modular.Infrastructure.Kafka",
        "Pinterest.Modular.Infrastructure.Kinesis",
        "Pinterest.Modular.Host.Api.RestProxy",
        "Pinterest.Modular.Host.Api.KinesisProxy",
    ];

    [Fact]
    public void Host_FeatureNamespaces_HaveNoCycles() =>
        SiblingCycles(HostAssembly, "Pinterest.Modular.Host").Should().BeEmpty();

    [Fact]
    public void CycleRule_FailsForTwoNamespacesThatUseEachOther() =>
        SiblingCycles(typeof(NamespaceRulesTests).Assembly, "Pinterest.Modular.Tests.Unit.Architecture.CycleFixture")
            .Should().Equal("CycleFixture.Left -> CycleFixture.Right (LeftSide); CycleFixture.Right -> CycleFixture.Left (RightSide)");

    [Fact]
    public void Application_NamesNoTransportWireTypes() =>
        TypesNaming(ApplicationAssembly, WireNamespaces).Should().BeEmpty();

    [Fact]
    public void WireTypeRule_FailsForTheTransportAdapters() =>
        TypesNaming(InfrastructureAssembly, WireNamespaces).Should().Contain("Pinterest.Modular.Infrastructure.Kafka.KafkaCluster");

    /// <summary>The transports by name: Application picks none of them (each registers itself in Infrastructure).</summary>
    private static readonly string[] TransportNames = ["Kinesis", "Kafka", "Embedded", "Msk", "Sqs", "S3"];

    [Fact]
    public void Application_HasNoTypeOrMemberNamedForATransport() =>
        NamesContaining(ApplicationAssembly, TransportNames).Should().BeEmpty();

    [Fact]
    public void TransportNameRule_FailsForTheAdaptersAndForAnEnumThatListsTransports()
    {
        NamesContaining(InfrastructureAssembly, TransportNames).Should().Contain("Pinterest.Modular.Infrastructure.Kinesis.KinesisRegistration");
        NamesContaining(typeof(NamespaceRulesTests).Assembly, TransportNames)
            .Should().Contain(typeof(TransportChoiceFixture).FullName + "." + nameof(TransportChoiceFixture.Kafka));
    }

    [Fact]
    public void Domain_NamesNothingButTheFrameworkAndItself() =>
        TypesNamingPackages(DomainAssembly, "Pinterest.Modular.Domain").Should().BeEmpty();

    [Fact]
    public void DomainPackageRule_FailsForTheApplication() =>
        TypesNamingPackages(ApplicationAssembly, "Pinterest.Modular.Application").Should().Contain(n => n.StartsWith("Pinterest.Modular.Application.Ingest.", StringComparison.Ordinal));
}
