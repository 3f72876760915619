using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Tests.Unit.Application.Landing;

public class LandingObjectKeyTests
{
    [Theory]
    [InlineData("pinterest.pin", 0, 0, "topics/pinterest.pin/partition=0/pinterest.pin+0+0000000000.json")]
    [InlineData("0eb84f80c29b.geo", 3, 42, "topics/0eb84f80c29b.geo/partition=3/0eb84f80c29b.geo+3+0000000042.json")]
    [InlineData("pinterest.user", 12, 9_999_999_999, "topics/pinterest.user/partition=12/pinterest.user+12+9999999999.json")]
    [InlineData("pinterest.user", 0, 12_345_678_901, "topics/pinterest.user/partition=0/pinterest.user+0+12345678901.json")]
    public void ToString_WritesTheS3SinkLayoutWithOffsetPaddedToTenDigits(string topic, int partition, long offset, string key) =>
        new LandingObjectKey(topic, partition, offset).ToString().Should().Be(key);

    [Theory]
    [InlineData("pinterest.pin", 0, 0)]
    [InlineData("my_topic-1.pin", 7, 1_000)]
    [InlineData("pinterest.geo", 0, 12_345_678_901)]
    public void TryParse_ReadsBackWhatToStringWrote(string topic, int partition, long offset)
    {
        var key = new LandingObjectKey(topic, partition, offset);

        LandingObjectKey.TryParse(key.ToString(), out var parsed).Should().BeTrue();

        parsed.Should().Be(key);
    }

    [Fact]
    public void TryParse_WhenKeyHasABucketPrefix_ReadsTheKeyAfterIt()
    {
        LandingObjectKey.TryParse("bucket/sub/topics/pinterest.pin/partition=1/pinterest.pin+1+0000000010.json", out var parsed)
            .Should().BeTrue();

        parsed.Should().Be(new LandingObjectKey("pinterest.pin", 1, 10));
    }

    [Theory]
    [InlineData("")]
    [InlineData("topics/pinterest.pin/partition=0/")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.pin+0+0000000000.jsonl")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.pin+0+0000000000")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.geo+0+0000000000.json")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.pin+1+0000000000.json")]
    [InlineData("topics/pinterest.pin/partition=x/pinterest.pin+x+0000000000.json")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.pin+0+-000000001.json")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.pin+0+00000000ab.json")]
    [InlineData("topics/pinterest.pin/partition=99999999999/pinterest.pin+99999999999+0000000000.json")]
    [InlineData("topics/pinterest.pin/partition=0/pinterest.pin+0+99999999999999999999.json")]
    [InlineData("topic/pinterest.pin/partition=0/pinterest.pin+0+0000000000.json")]
    [InlineData("topics/pinterest.pin/pinterest.pin+0+0000000000.json")]
    public void TryParse_WhenKeyIsNotASinkObject_Refuses(string key) =>
        LandingObjectKey.TryParse(key, out _).Should().BeFalse();

    [Theory]
    [InlineData(0, "pinterest.pin/2/40")]
    [InlineData(1, "pinterest.pin/2/41")]
    [InlineData(9, "pinterest.pin/2/49")]
    public void SourceOfLine_IsTopicPartitionAndTheLinesOffset(int line, string source) =>
        new LandingObjectKey("pinterest.pin", 2, 40).SourceOfLine(line).Should().Be(source);

    [Fact]
    public void TopicPrefix_IsTheFolderOfTheTopicsObjects()
    {
        var prefix = LandingObjectKey.TopicPrefix("pinterest.pin");

        prefix.Should().Be("topics/pinterest.pin/");
        new LandingObjectKey("pinterest.pin", 5, 1).ToString().Should().StartWith(prefix);
        new LandingObjectKey("pinterest.pins", 5, 1).ToString().Should().NotStartWith(prefix);
    }
}
