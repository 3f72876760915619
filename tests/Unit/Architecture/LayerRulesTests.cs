using static Pinterest.Modular.Tests.Unit.Architecture.AssemblyRules;

namespace Pinterest.Modular.Tests.Unit.Architecture;

public sealed class LayerRulesTests
{
    private static bool DomainMayUse(string name) => IsFramework(name);

    private static bool ApplicationMayUse(string name) =>
        IsFramework(name) || name == DomainAssembly.GetName().Name
        || name.StartsWith("MassTransit", StringComparison.Ordinal)
        || name.StartsWith("FluentValidation", StringComparison.Ordinal)
        || name == "Cronos"
        || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);

    private static bool InfrastructureMayUse(string name) => name != HostAssembly.GetName().Name;

    [Fact]
    public void Domain_ReferencesOnlyTheFramework() =>
        ForbiddenReferences(DomainAssembly, DomainMayUse).Should().BeEmpty();

    [Fact]
    public void DomainRule_FailsForAnAssemblyWithPackages() =>
        ForbiddenReferences(ApplicationAssembly, DomainMayUse).Should().Contain("MassTransit.Abstractions");

    [Fact]
    public void Application_ReferencesOnlyDomainAndItsMessagingValidationAndCronPackages() =>
        ForbiddenReferences(ApplicationAssembly, ApplicationMayUse).Should().BeEmpty();

    [Fact]
    public void ApplicationRule_FailsForTheInfrastructureAssembly() =>
        ForbiddenReferences(InfrastructureAssembly, ApplicationMayUse).Should().Contain(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

    [Fact]
    public void Infrastructure_DoesNotReferenceTheHost() =>
        ForbiddenReferences(InfrastructureAssembly, InfrastructureMayUse).Should().BeEmpty();

    [Fact]
    public void InfrastructureRule_FailsForAnAssemblyThatReferencesTheHost() =>
        ForbiddenReferences(typeof(LayerRulesTests).Assembly, InfrastructureMayUse).Should().Contain(HostAssembly.GetName().Name);

    [Theory]
    [InlineData("Domain")]
    [InlineData("Application")]
    [InlineData("Infrastructure")]
    [InlineData("Host")]
    public void Types_AreNotNamedManagerHelperOrUtils(string layer) =>
        VagueTypeNames(Layer(layer)).Should().BeEmpty();

    [Fact]
    public void NamingRule_FailsForAVagueName() =>
        VagueTypeNames(typeof(LayerRulesTests).Assembly).Should().Contain(nameof(FixtureHelper));

    [Fact]
    public void Consumers_AreNamedAfterTheMessageTheyTake() =>
        MisnamedConsumers(ApplicationAssembly).Concat(MisnamedConsumers(InfrastructureAssembly)).Should().BeEmpty();

    [Fact]
    public void ConsumerNamingRule_FailsForAMisnamedConsumer() =>
        MisnamedConsumers(typeof(LayerRulesTests).Assembly).Should().Contain($"{nameof(MisnamedHandler)} consumes {nameof(SomeMessage)}");

    private static System.Reflection.Assembly Layer(string name) => name switch
    {
        "Domain" => DomainAssembly,
        "Application" => ApplicationAssembly,
        "Infrastructure" => InfrastructureAssembly,
        _ => HostAssembly,
    };
}
