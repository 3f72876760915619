using System.Reflection;

namespace Pinterest.Modular.Tests.Unit.Architecture;

/// <summary>Checks over compiled assemblies, returning the violations so a test can show a rule does fail.</summary>
public static class AssemblyRules
{
    public static readonly Assembly DomainAssembly = typeof(Pinterest.Modular.Domain.Common.RecordKind).Assembly;
    public static readonly Assembly ApplicationAssembly = typeof(Pinterest.Modular.Application.DependencyInjection).Assembly;
    public static readonly Assembly InfrastructureAssembly = typeof(Pinterest.Modular.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly HostAssembly = typeof(Pinterest.Modular.Host.Cli.CliApp).Assembly;

    /// <summary>Referenced assemblies whose name is not allowed by <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> ForbiddenReferences(Assembly assembly, Func<string, bool> allowed) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).Where(n => !allowed(n)).Order()];

    public static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal);

    /// <summary>Public and internal types whose names end in a word that says nothing about what they do.</summary>
    public static IReadOnlyList<string> VagueTypeNames(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("Pinterest.Modular", StringComparison.Ordinal) == true)
            .Select(t => t.Name)
            .Where(n => n.EndsWith("Manager", StringComparison.Ordinal) || n.EndsWith("Helper", StringComparison.Ordinal)
                || n.EndsWith("Helpers", StringComparison.Ordinal) || n.EndsWith("Utils", StringComparison.Ordinal))];

    /// <summary>Consumers not named after the message they take (<c>XConsumer</c> consumes <c>X</c>).</summary>
    public static IReadOnlyList<string> MisnamedConsumers(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MassTransit.IConsumer<>))
                .Select(i => (Consumer: t, Message: i.GetGenericArguments()[0])))
            .Where(p => p.Consumer.Name != p.Message.Name + "Consumer")
            .Select(p => $"{p.Consumer.Name} consumes {p.Message.Name}")];
}
