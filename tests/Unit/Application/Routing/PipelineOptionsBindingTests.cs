using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Routing;

/// <summary>The <c>Pipeline</c> section as <c>AddApplication()</c> binds and validates it.</summary>
public class PipelineOptionsBindingTests
{
    [Fact]
    public async Task AddApplication_BindsPrefixAndRoutesFromConfiguration()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?>
        {
            ["Pipeline:TopicPrefix"] = "0eb84f80c29b",
            ["Pipeline:Routes:pin"] = "Stream",
            ["Pipeline:Routes:User"] = "Batch",
        });

        var table = host.Resolve<RouteTable>();

        table.Topics.Select(d => d.Name).Should().Equal("0eb84f80c29b.geo", "0eb84f80c29b.user");
        table.Streams.Select(d => d.Name).Should().Equal("streaming-0eb84f80c29b-pin", "streaming-0eb84f80c29b-geo");
        table.IsOpen(RecordKind.User, Route.Stream).Should().BeFalse();
    }

    [Fact]
    public async Task AddApplication_WhenARouteIsBad_FailsOptionsNamingTheKey()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Pipeline:Routes:geo"] = "Both" });

        var act = () => host.Resolve<IOptions<PipelineOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain("Pipeline:Routes:geo: 'Both' is not a route; use Batch, Stream or Batch,Stream.");
    }

    [Theory]
    [InlineData("has space", "Pipeline:TopicPrefix may hold only letters, digits, '.', '_' and '-'.")]
    [InlineData("a/b", "Pipeline:TopicPrefix may hold only letters, digits, '.', '_' and '-'.")]
    [InlineData("", "Pipeline:TopicPrefix must not be empty.")]
    public async Task AddApplication_WhenPrefixIsBad_FailsOptionsNamingTheKey(string prefix, string message)
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Pipeline:TopicPrefix"] = prefix });

        var act = () => host.Resolve<IOptions<PipelineOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }
}
