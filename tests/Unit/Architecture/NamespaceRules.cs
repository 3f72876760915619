using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Pinterest.Modular.Tests.Unit.Architecture;

/// <summary>Checks over namespaces with NetArchTest, returning the violations so a test can show a rule does fail.</summary>
public static class NamespaceRules
{
    /// <summary>
    /// Cycles between sibling namespaces under <paramref name="root"/>, at every level: <c>Api</c>, <c>Cli</c> and
    /// <c>Dashboard</c> (each with what lies below it), then <c>Api.Security</c>, <c>Api.Operations</c>, ... A parent's
    /// own types (<c>Api</c>'s registration and shared types) compose its children and are not one of them. Each cycle
    /// reads <c>Api -> Cli (ApiHost); Cli -> Api (ServeCommand)</c>: the step, and the types that make it.
    /// </summary>
    public static IReadOnlyList<string> SiblingCycles(Assembly assembly, string root)
    {
        var namespaces = Types.InAssembly(assembly).GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal)).Distinct().ToList();
        var parents = namespaces.SelectMany(Ancestors).Where(ns => ns.Length >= root.Length).Distinct().Order(StringComparer.Ordinal);
        return [.. parents.SelectMany(parent => CyclesAmongChildren(assembly, parent, namespaces))];

        IEnumerable<string> Ancestors(string ns)
        {
            for (var at = ns.LastIndexOf('.'); at > 0; at = ns.LastIndexOf('.', at - 1))
            {
                yield return ns[..at];
            }
        }
    }

    /// <summary>Types of <paramref name="assembly"/> that name anything in the given namespaces.</summary>
    public static IReadOnlyList<string> TypesNaming(Assembly assembly, params string[] namespaces) =>
        [.. (Types.InAssembly(assembly).That().HaveDependencyOnAny(namespaces).GetTypes() ?? [])
            .Select(t => Outermost(t).FullName!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// Types of <paramref name="assembly"/>, and members of its types (enum values included), whose names contain one
    /// of <paramref name="words"/> (ignoring case), as <c>Namespace.Type</c> or <c>Namespace.Type.Member</c>. Compiler
    /// generated types and members are left out.
    /// </summary>
    public static IReadOnlyList<string> NamesContaining(Assembly assembly, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        bool Matches(string name) => words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var names = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => !t.Name.Contains('<', StringComparison.Ordinal)))
        {
            if (Matches(type.Name))
            {
                names.Add(type.FullName!);
            }

            names.AddRange(type.GetMembers(Declared)
                .Where(m => !m.Name.Contains('<', StringComparison.Ordinal) && Matches(m.Name))
                .Select(m => $"{type.FullName}.{m.Name}"));
        }

        return [.. names.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Types of <paramref name="assembly"/> that name anything but the framework (<c>System.*</c>) and
    /// <paramref name="ownNamespace"/>; the compiler's own helpers (<c>&lt;PrivateImplementationDetails&gt;</c> for
    /// constant data, <c>&lt;&gt;z__ReadOnlyArray</c> for collection expressions) are neither a package nor ours.
    /// </summary>
    public static IReadOnlyList<string> TypesNamingPackages(Assembly assembly, string ownNamespace) =>
        [.. (Types.InAssembly(assembly).That().DoNotHaveNameStartingWith("<")
            .Should().OnlyHaveDependenciesOn("System", ownNamespace, "<PrivateImplementationDetails>", "<>z__ReadOnlyArray")
            .GetResult().FailingTypeNames ?? [])
            .Order(StringComparer.Ordinal)];

    private static List<string> CyclesAmongChildren(Assembly assembly, string parent, IReadOnlyList<string> namespaces)
    {
        var children = namespaces.Where(ns => ns.StartsWith(parent + ".", StringComparison.Ordinal))
            .Select(ns => ns[(parent.Length + 1)..].Split('.')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        var edges = children.ToDictionary(c => c, _ => new SortedDictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var from in children)
        {
            foreach (var to in children.Where(c => c != from))
            {
                var users = Types.InAssembly(assembly).That().ResideInNamespaceMatching(Subtree(parent, from))
                    .And().HaveDependencyOn($"{parent}.{to}").GetTypes()
                    .Select(t => Outermost(t).Name).Distinct().Order(StringComparer.Ordinal).ToList();
                if (users.Count > 0)
                {
                    edges[from][to] = string.Join(", ", users);
                }
            }
        }

        var cycles = new List<string>();
        foreach (var start in children)
        {
            Walk(start, [start]);
        }

        return cycles;

        void Walk(string start, List<string> path)
        {
            foreach (var next in edges[path[^1]].Keys)
            {
                if (next == start && path.All(c => string.CompareOrdinal(start, c) <= 0)) // each cycle once, from its first name
                {
                    var steps = path.Zip([.. path.Skip(1), start], (a, b) => $"{Relative(a)} -> {Relative(b)} ({edges[a][b]})");
                    cycles.Add(string.Join("; ", steps));
                }
                else if (!path.Contains(next))
                {
                    Walk(start, [.. path, next]);
                }
            }
        }

        string Relative(string child) => $"{parent[(parent.LastIndexOf('.') + 1)..]}.{child}";
    }

    private static string Subtree(string parent, string child) => $"^{Regex.Escape($"{parent}.{child}")}(\\..+)?$";

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
