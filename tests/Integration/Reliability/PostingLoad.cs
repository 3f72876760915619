using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// Concurrent clients posting records with unique keys to one route until stopped, each request pin, geo and user in
/// turn, and every outcome written to an <see cref="AckLedger"/>. With a pace, each client sends one request per
/// period (steady load, as in the soak); without, as fast as the host answers (as in the kill tests).
/// </summary>
internal sealed class PostingLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private long _requests;

    private PostingLoad(HttpClient http, Route route, AckLedger ledger, int clients, int recordsPerRequest, TimeSpan? pace)
    {
        _clients = [.. Enumerable.Range(0, clients).Select(i => Task.Run(() => PostAsync(http, route, ledger, i, recordsPerRequest, pace)))];
    }

    /// <summary>Requests answered so far, whatever the answer.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static PostingLoad Start(HttpClient http, Route route, AckLedger ledger, int clients, int recordsPerRequest, TimeSpan? pace = null) =>
        new(http, route, ledger, clients, recordsPerRequest, pace);

    /// <summary>Stops the clients; a request in flight is abandoned and its keys recorded as unknown.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_clients);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task PostAsync(HttpClient http, Route route, AckLedger ledger, int client, int recordsPerRequest, TimeSpan? pace)
    {
        var turn = client;
        using var timer = pace is { } period ? new PeriodicTimer(period) : null;
        while (!_stop.IsCancellationRequested)
        {
            var kind = RecordKinds.All[turn++ % RecordKinds.All.Count];
            var keys = ledger.Reserve(recordsPerRequest);
            using var request = UniqueRows.Request(route, kind, keys.Select(k => UniqueRows.Row(kind, k)));
            try
            {
                using var response = await http.SendAsync(request, _stop.Token);
                Interlocked.Increment(ref _requests);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ledger.Acked(kind, keys);
                }
                else
                {
                    ledger.Unknown(kind, keys);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    ledger.Error(string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}"));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or SocketException)
            {
                // Killed mid-request, refused after the kill, or stopped: the host may or may not hold these. A socket
                // reset while the connection is being set up escapes HttpClient unwrapped (seen in CI after kill -9).
                ledger.Unknown(kind, keys);
            }

            if (timer is not null && !_stop.IsCancellationRequested)
            {
                try
                {
                    await timer.WaitForNextTickAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
