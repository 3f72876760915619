using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Routing;

public class RouteTableTests
{
    private static RouteTable Table(string prefix = "pinterest", params (string Kind, string Routes)[] routes)
    {
        var options = new PipelineOptions { TopicPrefix = prefix };
        foreach (var (kind, value) in routes)
        {
            options.Routes[kind] = value;
        }

        return new RouteTable(Options.Create(options));
    }

    private static RecordKind Kind(string name) => RecordKinds.TryParse(name, out var kind) ? kind : throw new ArgumentException(name);

    [Theory]
    [InlineData("pin", Route.Batch, "pinterest.pin")]
    [InlineData("geo", Route.Batch, "pinterest.geo")]
    [InlineData("user", Route.Batch, "pinterest.user")]
    [InlineData("pin", Route.Stream, "streaming-pinterest-pin")]
    [InlineData("geo", Route.Stream, "streaming-pinterest-geo")]
    [InlineData("user", Route.Stream, "streaming-pinterest-user")]
    public void NameOf_NamesTopicsWithDotsAndStreamsWithStreamingPrefix(string kind, Route route, string expected) =>
        RouteTable.NameOf("pinterest", Kind(kind), route).Should().Be(expected);

    [Fact]
    public void Constructor_ByDefault_OpensBothRoutesForEveryKind()
    {
        var table = Table();

        table.Topics.Select(d => d.Name).Should().Equal("pinterest.pin", "pinterest.geo", "pinterest.user");
        table.Streams.Select(d => d.Name).Should().Equal("streaming-pinterest-pin", "streaming-pinterest-geo", "streaming-pinterest-user");
        table.All.Should().HaveCount(6);
    }

    [Fact]
    public void Constructor_WithCustomPrefix_NamesEveryDestinationWithIt()
    {
        var table = Table("0eb84f80c29b");

        table.Prefix.Should().Be("0eb84f80c29b");
        table.All.Select(d => d.Name).Should().BeEquivalentTo(
            "0eb84f80c29b.pin", "0eb84f80c29b.geo", "0eb84f80c29b.user",
            "streaming-0eb84f80c29b-pin", "streaming-0eb84f80c29b-geo", "streaming-0eb84f80c29b-user");
        table.TryResolve(Route.Batch, "0eb84f80c29b.geo", out var geo).Should().BeTrue();
        geo.Should().Be(new Destination(RecordKind.Geo, Route.Batch, "0eb84f80c29b.geo"));
        table.TryResolve(Route.Batch, "pinterest.geo", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(Route.Batch, "pinterest.user", "user")]
    [InlineData(Route.Stream, "streaming-pinterest-user", "user")]
    [InlineData(Route.Stream, "streaming-pinterest-pin", "pin")]
    public void TryResolve_WhenNameMatchesRoute_FindsTheKind(Route route, string name, string kind)
    {
        Table().TryResolve(route, name, out var destination).Should().BeTrue();

        destination.Should().Be(new Destination(Kind(kind), route, name));
    }

    [Theory]
    [InlineData(Route.Stream, "pinterest.pin")]
    [InlineData(Route.Batch, "streaming-pinterest-pin")]
    [InlineData(Route.Batch, "pinterest.board")]
    [InlineData(Route.Batch, "PINTEREST.PIN")]
    [InlineData(Route.Batch, "")]
    public void TryResolve_WhenNameIsUnknownOrOnTheOtherRoute_FindsNothing(Route route, string name) =>
        Table().TryResolve(route, name, out _).Should().BeFalse();

    [Theory]
    [InlineData("Batch", true, false)]
    [InlineData("Stream", false, true)]
    [InlineData("Batch,Stream", true, true)]
    [InlineData(" stream , BATCH ", true, true)]
    [InlineData("Batch,Batch", true, false)]
    public void Constructor_WithRoutesConfigured_OpensExactlyThoseForTheKind(string value, bool batchOpen, bool streamOpen)
    {
        var table = Table("pinterest", ("pin", value));

        table.IsOpen(RecordKind.Pin, Route.Batch).Should().Be(batchOpen);
        table.IsOpen(RecordKind.Pin, Route.Stream).Should().Be(streamOpen);
        table.TryResolve(Route.Batch, "pinterest.pin", out _).Should().Be(batchOpen);
        table.TryResolve(Route.Stream, "streaming-pinterest-pin", out _).Should().Be(streamOpen);
        table.IsOpen(RecordKind.Geo, Route.Batch).Should().BeTrue("other kinds keep both routes");
        table.IsOpen(RecordKind.Geo, Route.Stream).Should().BeTrue("other kinds keep both routes");
    }

    [Fact]
    public void Constructor_WhenARouteIsClosed_ItsDestinationCannotBeResolvedOrListed()
    {
        var table = Table("pinterest", ("geo", "Stream"));

        table.TryResolve(Route.Batch, "pinterest.geo", out _).Should().BeFalse();
        table.TryGet(RecordKind.Geo, Route.Batch, out _).Should().BeFalse();
        table.Topics.Select(d => d.Name).Should().Equal("pinterest.pin", "pinterest.user");
        table.TryGet(RecordKind.Geo, Route.Stream, out var stream).Should().BeTrue();
        stream.Name.Should().Be("streaming-pinterest-geo");
    }

    [Theory]
    [InlineData("pins", "Batch", "Pipeline:Routes:pins: unknown record kind; use pin, geo or user.")]
    [InlineData("geo", "Kafka", "Pipeline:Routes:geo: 'Kafka' is not a route; use Batch, Stream or Batch,Stream.")]
    [InlineData("user", "Batch,Kinesis", "Pipeline:Routes:user: 'Kinesis' is not a route; use Batch, Stream or Batch,Stream.")]
    [InlineData("user", "7", "Pipeline:Routes:user: '7' is not a route; use Batch, Stream or Batch,Stream.")]
    [InlineData("pin", "", "Pipeline:Routes:pin: at least one route must stay open.")]
    [InlineData("pin", " , ", "Pipeline:Routes:pin: at least one route must stay open.")]
    public void Constructor_WhenRoutesAreInvalid_ThrowsNamingTheKey(string kind, string value, string message)
    {
        var act = () => Table("pinterest", (kind, value));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(message);
    }

    [Fact]
    public void ParseRoutes_WhenSeveralKeysAreBad_ReportsEveryOne()
    {
        var options = new PipelineOptions();
        options.Routes["pin"] = "Nowhere";
        options.Routes["board"] = "Batch";

        var (_, errors) = options.ParseRoutes(new RecordKindRegistry(BuiltInKinds.All));

        errors.Should().HaveCount(3);
        errors.Should().Contain(e => e.StartsWith("Pipeline:Routes:pin: 'Nowhere'", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("Pipeline:Routes:pin: at least one", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("Pipeline:Routes:board:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_WhenRoutesAreValid_Succeeds()
    {
        var options = new PipelineOptions();
        options.Routes["pin"] = "Stream";

        new PipelineOptionsValidator(new RecordKindRegistry(BuiltInKinds.All)).Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validator_WhenARouteIsBad_FailsWithMessagesNamingTheKey()
    {
        var options = new PipelineOptions();
        options.Routes["user"] = "Sideways";

        var result = new PipelineOptionsValidator(new RecordKindRegistry(BuiltInKinds.All)).Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Equal(
            "Pipeline:Routes:user: 'Sideways' is not a route; use Batch, Stream or Batch,Stream.",
            "Pipeline:Routes:user: at least one route must stay open.");
    }
}
