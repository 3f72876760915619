using MassTransit.Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Tests.Unit.Application.Fakes;

namespace Pinterest.Modular.Tests.Unit.Application;

/// <summary>
/// The application layer wired as in production (<c>AddApplication()</c>: mediator, consumers, validation filter,
/// options from configuration) with every port replaced by a fake the test can inspect.
/// </summary>
internal sealed class ApplicationTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public ApplicationTestHost(
        IReadOnlyDictionary<string, string?>? settings = null,
        FakeSourceDatabase? source = null,
        bool realPostingTarget = false,
        bool scheduler = false)
    {
        Source = source ?? new FakeSourceDatabase(100);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics(); // as the generic host does; each test host has its own meter factory
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ITopicWriter>(Topics);
        services.AddSingleton<IStreamWriter>(Streams);
        services.AddSingleton<IWarehouse>(Warehouse);
        services.AddSingleton<IWarehouseChanges>(Warehouse);
        services.AddSingleton<IObjectStore>(Landing);
        services.AddSingleton<IBatchRouteSink>(Sink);
        services.AddSingleton<IBatchRunStore>(Runs);
        services.AddSingleton<IAnalyticsQueries>(Analytics);
        services.AddSingleton<IMaintainedAnalytics>(Analytics);
        services.AddSingleton<IAnalyticsResultStore>(Results);
        services.AddSingleton<ISourceDatabase>(Source);
        services.AddSingleton<ITransportMonitor>(Routes);
        services.AddSingleton<ILeaseStore>(Leases);
        if (!realPostingTarget)
        {
            services.AddSingleton<IPostingTarget>(Target);
        }

        services.AddApplication();
        if (scheduler)
        {
            services.AddBatchScheduler();
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ManualClock Clock { get; } = new(ManualClock.DefaultStart);

    public FakeTopicWriter Topics { get; } = new();

    public FakeStreamWriter Streams { get; } = new();

    public FakeWarehouse Warehouse { get; } = new();

    public FakeObjectStore Landing { get; } = new();

    public FakeBatchRouteSink Sink { get; } = new();

    public FakeBatchRunStore Runs { get; } = new();

    public FakeAnalyticsQueries Analytics { get; } = new();

    public FakeAnalyticsResultStore Results { get; } = new();

    public FakeSourceDatabase Source { get; }

    public FakePostingTarget Target { get; } = new();

    public FakeTransportMonitor Routes { get; } = new();
    public FakeLeaseStore Leases { get; } = new();

    /// <summary>Cancels after a generous deadline, so a hung consumer fails its test instead of the run.</summary>
    public CancellationToken Timeout => _timeout.Token;

    public IMediator Mediator => _provider.GetRequiredService<IMediator>();

    public T Resolve<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A destination of the route table, as <see cref="IngestSender"/> resolves it; fails the test when there is none.</summary>
    public Destination Destination(Route route, string name) =>
        Resolve<RouteTable>().TryResolve(route, name, out var destination)
            ? destination
            : throw new ArgumentException($"{name} is not a {route} destination of the route table.", nameof(name));

    /// <summary>Sends the command as the API does (accepting either answer) and returns the answer's message.</summary>
    public async Task<object> IngestAsync(IngestRecords command)
    {
        var response = await Mediator.CreateRequestClient<IngestRecords>()
            .GetResponse<IngestResult, CommandInvalid>(command, Timeout);
        return response.Message;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _timeout.Dispose();
    }
}
