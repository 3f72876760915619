using System.CommandLine;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Host.Api.Client;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>emulate --api URL --mode batch|stream [--events N] [--rate R] [--concurrency C] [--records-per-request K]
/// [--random [--seed S]] [--api-key K] [--data-dir D]</c>: the posting emulator of spec §6 against a running API, over
/// HTTP, with the AWS pipeline's requests. Topic and stream names come from <c>Pipeline:TopicPrefix</c>, as the
/// AWS user id named them; the URL and key may come from configuration (<c>Emulator:Api</c>, <c>Emulator:ApiKey</c>).
/// </summary>
public static class EmulateCommand
{
    public const long DefaultEvents = 1000;
    public const string ApiSetting = "Emulator:Api";
    public const string ApiKeySetting = "Emulator:ApiKey";

    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var api = new Option<string?>("--api")
        {
            Description = "The API's base URL, with its stage if any (http://localhost:8082, https://<id>.execute-api.<region>.amazonaws.com/test); config Emulator:Api.",
        };
        var mode = new Option<string?>("--mode") { Description = "batch (Kafka REST proxy produce requests) or stream (Kinesis proxy PUT requests)." };
        var events = new Option<long>("--events") { Description = "Posting events to send (each a pin, geo and user row).", DefaultValueFactory = _ => DefaultEvents };
        var rate = new Option<double?>("--rate") { Description = "Events per second across all workers (default: as fast as answers come; with --random, the AWS loop's 0 or 1 s sleep)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once (1..256).", DefaultValueFactory = _ => 1 };
        var recordsPerRequest = new Option<int>("--records-per-request") { Description = "Rows per request (1..500); the AWS emulators sent 1.", DefaultValueFactory = _ => 1 };
        var random = new Option<bool>("--random") { Description = "Pick each event's row at random in 0..11000, as the AWS loop did, instead of in order." };
        var seed = new Option<int?>("--seed") { Description = "Seed of --random (default 1): the same seed posts the same rows." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (hh:mm:ss); in order without --events, it alone ends the run." };
        var startOffset = new Option<long>("--start-offset") { Description = "The source row the first event reads (in order; not with --random)." };
        var partitionKey = new Option<string?>("--partition-key")
        {
            Description = "stream mode: each record's PartitionKey: fixed (the AWS emulators' partition-1, one hot shard), ind (the row's key) or random.",
        };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as the x-api-key header; config Emulator:ApiKey keeps it off the command line." };
        var command = new Command("emulate", "Post rows from the source database to the API over HTTP, as the AWS pipeline's emulator did, and report what was acknowledged.")
        {
            api, mode, events, rate, concurrency, recordsPerRequest, random, seed, duration, startOffset, partitionKey, apiKey, dataDir,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var isRandom = result.GetValue(random);
            var chosenSeed = result.GetValue(seed);
            if (chosenSeed is not null && !isRandom)
            {
                throw new ArgumentException("--seed only applies with --random.");
            }

            var partitionKeys = PartitionKeys.Parse(result.GetValue(partitionKey));
            var rateValue = result.GetValue(rate);
            // A run in order bounded by its duration alone: its events are read as needed, however many.
            var durationValue = result.GetValue(duration);
            var eventCount = durationValue is not null && !isRandom && result.GetResult(events) is null or { Implicit: true }
                ? long.MaxValue
                : result.GetValue(events);
            var plan = new EmulationPlan(
                eventCount,
                [ParseMode(result.GetValue(mode))],
                Random: isRandom,
                Seed: chosenSeed ?? 1,
                RatePerSecond: rateValue,
                Concurrency: result.GetValue(concurrency),
                RecordsPerRequest: result.GetValue(recordsPerRequest),
                AwsPauses: isRandom && rateValue is null,
                StartOffset: result.GetValue(startOffset),
                Duration: durationValue);
            var problems = plan.Validate().Select(v => v.ErrorMessage).ToList();
            if (problems.Count > 0)
            {
                throw new ArgumentException(string.Join(" ", problems));
            }

            var overrides = CommonOptions.Overrides(result, dataDir);
            if (result.GetValue(api) is { Length: > 0 } url)
            {
                overrides[ApiSetting] = url;
            }

            if (result.GetValue(apiKey) is { Length: > 0 } key)
            {
                overrides[ApiKeySetting] = key;
            }

            var progress = new ConsoleProgressReporter();
            using var host = PipelineHost.Build(overrides, progress);
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            var options = new HttpPostingOptions(ParseApi(configuration[ApiSetting]), ApiKeyFrom(configuration), plan.Concurrency)
            {
                PartitionKeys = partitionKeys,
            };
            var summary = await RunAsync(host.Services, options, plan, progress, cancellationToken);
            EmulationReport.Print(summary);
            Console.Out.WriteLine(EmulationReport.ToJson(summary));
            return summary.Failed == 0 ? CliRun.Ok : CliRun.Failed;
        }));
        return command;
    }

    /// <summary>Runs the emulator from <paramref name="services"/> (source database, route table) with the HTTP target.</summary>
    public static async Task<EmulationSummary> RunAsync(
        IServiceProvider services, HttpPostingOptions options, EmulationPlan plan, ConsoleProgressReporter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        using var target = new HttpPostingTarget(options);
        var emulator = ActivatorUtilities.CreateInstance<PostingEmulator>(services, target, progress);
        return await progress.RunAsync(() => emulator.RunAsync(plan, cancellationToken));
    }

    /// <summary><c>Emulator:ApiKey</c> (set by <c>--api-key</c>), or null when none is set.</summary>
    public static string? ApiKeyFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[ApiKeySetting];
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        // A header value cannot carry spaces or line breaks; API Gateway keys are letters and digits anyway.
        return key.All(c => c is >= '!' and <= '~')
            ? key
            : throw new ArgumentException("--api-key (config Emulator:ApiKey) may hold only visible ASCII characters, no spaces.");
    }

    private static Route ParseMode(string? mode) => mode?.Trim().ToUpperInvariant() switch
    {
        "BATCH" => Route.Batch,
        "STREAM" => Route.Stream,
        null or "" => throw new ArgumentException("--mode is required: batch (Kafka REST proxy) or stream (Kinesis proxy)."),
        _ => throw new ArgumentException($"--mode '{mode}' is not a mode; use batch or stream."),
    };

    private static Uri ParseApi(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("--api is required (or config Emulator:Api): the API's base URL, e.g. http://localhost:8082.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttp && api.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--api '{text}' is not an http:// or https:// URL.");
        }

        if (api.Query.Length > 0 || api.Fragment.Length > 0)
        {
            throw new ArgumentException($"--api '{text}' must not carry a query or fragment: give the base URL that topics/ and streams/ go under.");
        }

        return api;
    }
}
