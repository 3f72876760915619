using System.Text;
using FluentValidation;
using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Common;

/// <summary>The one validation step, as the mediator runs it in front of every consumer.</summary>
public class ValidationFilterTests
{
    private static IngestRecords KeylessPin() =>
        new(new Destination(RecordKind.Pin, Route.Batch, "pinterest.pin"), [new IngestRecord(Encoding.UTF8.GetBytes("""{"title":"no key"}"""))]);

    [Fact]
    public async Task Request_WhenCallerAcceptsCommandInvalid_GetsItAndTheHandlerDoesNotRun()
    {
        await using var host = new ApplicationTestHost();

        var answer = await host.IngestAsync(KeylessPin());

        answer.Should().BeOfType<CommandInvalid>();
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Request_WhenCallerDoesNotAcceptCommandInvalid_FailsWithTheValidationException()
    {
        await using var host = new ApplicationTestHost();
        var client = host.Mediator.CreateRequestClient<IngestRecords>();

        var act = () => client.GetResponse<IngestResult>(KeylessPin(), host.Timeout);

        // In process, the mediator hands the caller the filter's exception itself, wrapped in the request's failure.
        (await act.Should().ThrowAsync<RequestException>())
            .WithInnerException<ValidationException>()
            .WithMessage("records[0].value.index is missing: every pin row needs its key.");
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Send_WithoutAnyResponseExpected_ThrowsTheValidationException()
    {
        await using var host = new ApplicationTestHost();

        var act = () => host.Mediator.Send(KeylessPin(), host.Timeout);

        (await act.Should().ThrowAsync<ValidationException>())
            .Which.Message.Should().Contain("records[0].value.index");
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Request_WhenCommandIsValid_PassesThroughToTheHandler()
    {
        await using var host = new ApplicationTestHost();
        var client = host.Mediator.CreateRequestClient<IngestRecords>();

        var response = await client.GetResponse<IngestResult>(
            new IngestRecords(host.Destination(Route.Batch, "pinterest.pin"), [new IngestRecord(Encoding.UTF8.GetBytes("""{"index":1}"""))]),
            host.Timeout);

        response.Message.Status.Should().Be(IngestStatus.Accepted);
        host.Topics.AppendCalls.Should().Be(1);
    }
}
