using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Unit.Application.Batch;

/// <summary><c>BatchJob:LeaseDuration</c> is checked at start, and a wrong value is named with its key.</summary>
public class BatchJobOptionsValidatorTests
{
    private static async Task<BatchJobOptions> ResolveAsync(string? leaseDuration)
    {
        var settings = new Dictionary<string, string?>();
        if (leaseDuration is not null)
        {
            settings["BatchJob:LeaseDuration"] = leaseDuration;
        }

        await using var host = new ApplicationTestHost(settings);
        return host.Resolve<IOptions<BatchJobOptions>>().Value;
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("00:00:05", 5)]
    [InlineData("00:10:00", 600)]
    [InlineData("1.00:00:00", 86_400)]
    public async Task LeaseDuration_WhenPositive_IsTaken(string? configured, int seconds)
    {
        (await ResolveAsync(configured)).LeaseDuration.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    [InlineData("1.00:00:01")]
    public async Task LeaseDuration_WhenNotPositiveOrOverADay_FailsNamingTheKey(string configured)
    {
        var resolve = () => ResolveAsync(configured);

        await resolve.Should().ThrowAsync<OptionsValidationException>()
            .WithMessage($"BatchJob:LeaseDuration must be more than 00:00:00 and at most 1.00:00:00 (hh:mm:ss); it is *{configured.TrimStart('-')}*");
    }
}
