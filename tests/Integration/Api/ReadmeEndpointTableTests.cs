using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// The README's endpoint table against the routes <c>serve</c> maps: every mapped route is listed, and every listed
/// route is mapped (<c>GET /swagger</c>, served by the Swagger UI middleware, is answered over HTTP instead).
/// </summary>
public sealed partial class ReadmeEndpointTableTests
{
    private const string SwaggerUi = "GET /swagger";
    private const string AnyMethod = "ANY ";

    [Fact]
    public async Task EndpointTable_ListsExactlyTheRoutesTheHostMaps()
    {
        await using var server = await ApiServer.StartAsync();
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [AnyMethod.Trim()])
                .Select(method => $"{method} {Normalize(e.RoutePattern.RawText ?? "")}"))
            .ToHashSet(StringComparer.Ordinal);

        var listed = ListedRoutes(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));

        // A route mapped for any method (the health checks) is listed with the method clients use.
        static string PathOf(string route) => route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var anyMethod = mapped.Where(r => r.StartsWith(AnyMethod, StringComparison.Ordinal)).Select(PathOf).ToHashSet(StringComparer.Ordinal);
        mapped.Where(r => r.StartsWith(AnyMethod, StringComparison.Ordinal) ? !listed.Any(l => PathOf(l) == PathOf(r)) : !listed.Contains(r))
            .Should().BeEmpty("every route the host maps belongs in the README's endpoint table");
        listed.Where(l => l != SwaggerUi && !mapped.Contains(l) && !anyMethod.Contains(PathOf(l)))
            .Should().BeEmpty("every route the README lists must exist");
        using var swagger = await server.Client.GetAsync(new Uri("swagger", UriKind.Relative));
        ((int)swagger.StatusCode).Should().BeLessThan(400, "the README lists {0}", SwaggerUi);
    }

    /// <summary>
    /// The table's first column: backticked <c>METHOD[/METHOD] /path</c> items (a missing method repeats the previous
    /// one), <c>[/segment]</c> optional, query strings dropped.
    /// </summary>
    private static HashSet<string> ListedRoutes(string readme)
    {
        var table = readme[readme.IndexOf("| endpoints | what |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Split('\n').Skip(2))
        {
            var methods = new[] { "GET" };
            foreach (Match item in Item().Matches(row.Split('|')[1]))
            {
                if (item.Groups["methods"].Success)
                {
                    methods = item.Groups["methods"].Value.Split('/');
                }

                var path = item.Groups["path"].Value.Split('?')[0];
                var optional = Optional().Match(path);
                var paths = optional.Success
                    ? new[] { path.Remove(optional.Index, optional.Length), path.Remove(optional.Index, optional.Length).Insert(optional.Index, optional.Groups[1].Value) }
                    : [path];
                foreach (var method in methods)
                {
                    routes.UnionWith(paths.Select(p => $"{method} {Normalize(p)}"));
                }
            }
        }

        return routes;
    }

    /// <summary>Parameter names and constraints do not matter (<c>{p}</c> in the README is <c>{partition:int}</c> in code).</summary>
    private static string Normalize(string route) => Parameter().Replace("/" + route.TrimStart('/'), "{}").TrimEnd('/') is { Length: > 0 } r ? r : "/";

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pinterest.Modular.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("The repository root (Pinterest.Modular.sln) was not found above the test's folder.");
    }

    [GeneratedRegex(@"`(?:(?<methods>[A-Z]+(?:/[A-Z]+)*) )?(?<path>/[^`]*)`")]
    private static partial Regex Item();

    [GeneratedRegex(@"\[(/[^\]]+)\]")]
    private static partial Regex Optional();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
