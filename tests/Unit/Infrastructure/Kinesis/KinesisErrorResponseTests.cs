using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

public sealed class KinesisErrorResponseTests
{
    [Theory]
    [InlineData("ResourceNotFoundException", "ResourceNotFoundException")]
    [InlineData("com.amazonaws.kinesis#ResourceNotFoundException", "ResourceNotFoundException")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("aws.protocoltests.restjson#FooError", "FooError")]
    public async Task Error_TypeWithNamespaceOrUri_IsSanitisedToItsShortName(string raw, string expected)
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(400, $$"""{"__type":"{{raw}}","message":"m"}""");

        var call = () => kinesis.RunAsync(c => c.DeleteStreamAsync("s", CancellationToken.None));

        (await call.Should().ThrowAsync<KinesisException>()).Which.ErrorType.Should().Be(expected);
    }

    [Theory]
    [InlineData("""{"__type":"SerializationException","Message":"Unexpected field type"}""", null, "SerializationException", "Unexpected field type")]
    [InlineData("""{"code":"InvalidArgumentException","__type":"Other","message":"bad"}""", null, "InvalidArgumentException", "bad")]
    [InlineData("""{"__type":"Other","message":"bad"}""", "ValidationException:http://x", "ValidationException", "bad")]
    [InlineData("not json", null, "UnknownError", "HTTP 400 without an error message.")]
    public async Task Error_TypeAndMessage_AreReadFromHeaderCodeOrType(string body, string? header, string type, string message)
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(400, body, header);

        var call = () => kinesis.RunAsync(c => c.DeleteStreamAsync("s", CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.ErrorType.Should().Be(type);
        error.Message.Should().Be($"{type}: {message}");
        error.StatusCode.Should().Be(400);
    }
}
