using System.Text;
using Pinterest.Modular.Host.Api.Client;

namespace Pinterest.Modular.Tests.Unit.Host.Api.Client;

public sealed class PooledJsonContentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5_000)]
    public async Task ReadAsByteArray_WhateverTheSizeHint_GivesExactlyWhatWasWrittenWithItsLength(int rows)
    {
        using var content = new PooledJsonContent("application/json", w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < rows; i++)
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
        }, sizeHint: 16);

        var bytes = await content.ReadAsByteArrayAsync();

        Encoding.UTF8.GetString(bytes).Should().Be("[" + string.Join(",", Enumerable.Range(0, rows)) + "]");
        content.Headers.ContentLength.Should().Be(bytes.Length);
        content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact]
    public async Task CopyTo_AfterDispose_Throws()
    {
        var content = new PooledJsonContent("application/json", w => w.WriteStringValue("row"), sizeHint: 64);
        content.Dispose();

        var copy = () => content.CopyToAsync(Stream.Null);

        await copy.Should().ThrowAsync<ObjectDisposedException>();
    }
}
