using Amazon.Runtime;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

/// <summary>A <see cref="KinesisClient"/> over a scripted handler, on a manual clock whose waits the test drives.</summary>
internal sealed class KinesisTestClient
{
    public KinesisTestClient(int maxAttempts = 4)
    {
        Options = new KinesisOptions
        {
            ServiceUrl = "http://kinesis.test:4567/",
            Region = "eu-west-1",
            MaxAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
        };
        Client = new KinesisClient(new HttpClient(Handler), Options, new BasicAWSCredentials("AKIDEXAMPLE", "secret"), Clock);
    }

    public ScriptedKinesisHandler Handler { get; } = new();

    public ManualClock Clock { get; } = new(ManualClock.DefaultStart);

    public KinesisOptions Options { get; }

    public KinesisClient Client { get; }

    /// <summary>The waits the client asked for between tries, as the clock was moved through them.</summary>
    public List<TimeSpan> Waits { get; } = [];

    /// <summary>Runs a call, moving the clock through each backoff wait it starts, until the call ends.</summary>
    public Task<T> RunAsync<T>(Func<KinesisClient, Task<T>> call) => Poll.ThroughTimersAsync(Clock, call(Client), Waits.Add);

    public Task RunAsync(Func<KinesisClient, Task> call) => RunAsync(async c =>
    {
        await call(c);
        return true;
    });
}
