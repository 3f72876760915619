using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// Thousands of malformed requests from a seeded generator against both ingest APIs of one real server: every answer
/// must be a 4xx (never a 5xx, never a hang, never a record taken), and the server must still serve afterwards.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20_261_121;
    private const int Cases = 3000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MalformedRequests_AreAllRefusedWith4xx_AndTheServerStaysHealthy()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = PerRequest };
        var cases = FuzzCases.Generate(Seed, Cases).Concat(FuzzCases.OverTheSizeLimit()).ToList();
        var wrong = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();

        using var budget = new CancellationTokenSource(Budget);
        try
        {
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = budget.Token }, async (fuzz, cancellationToken) =>
            {
                var (status, answer) = await SendAsync(client, fuzz, cancellationToken);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status is < 400 or > 499)
                {
                    wrong.Enqueue($"{status} {answer} <- {fuzz}");
                }
            });
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            throw new TimeoutException($"{statuses.Values.Sum()} of {cases.Count} requests answered within {Budget.TotalSeconds:N0} s; first wrong: {wrong.FirstOrDefault()}");
        }

        wrong.Should().BeEmpty("every malformed request is refused with a 4xx; status counts {0}", string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        statuses.GetValueOrDefault(413).Should().Be(2, "the two bodies over the size limit are refused as too large");
        cases.Select(c => c.Category).Distinct().Should().HaveCount(9, "every kind of malformation was sent");
        var progress = await server.Services.GetRequiredService<IRouteMonitor>().GetProgressAsync(CancellationToken.None);
        progress.Sum(p => p.Accepted).Should().Be(0, "no malformed request may leave a record behind");

        using var health = await client.GetAsync(new Uri("health", UriKind.Relative));
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var valid in new[] { FuzzCases.Valid("pin", stream: false), FuzzCases.Valid("geo", stream: true) })
        {
            var (status, answer) = await SendAsync(client, valid, CancellationToken.None);
            status.Should().Be(200, "a valid request still succeeds after the fuzz: {0} <- {1}", answer, valid);
        }
    }

    [Fact]
    public void Generate_WithTheSameSeed_GivesTheSameCases()
    {
        var first = FuzzCases.Generate(7, 200);
        var again = FuzzCases.Generate(7, 200);

        again.Select(c => c.ToString()).Should().Equal(first.Select(c => c.ToString()));
        again.Select(c => c.Body.Length).Should().Equal(first.Select(c => c.Body.Length));
    }

    /// <summary>The status and the start of the answer; a timeout or a dropped connection is status 0.</summary>
    private static async Task<(int Status, string Answer)> SendAsync(HttpClient client, FuzzCase fuzz, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(fuzz.Method, new Uri(fuzz.Path, UriKind.Relative)) { Content = new ByteArrayContent(fuzz.Body) };

        // As curl does for a big body: a server that refuses it by its length can say so before it is sent.
        request.Headers.ExpectContinue = fuzz.Body.Length > 1 << 20;
        if (fuzz.ContentType is not null)
        {
            // Without validation: some cases send content types that are not even well-formed.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType).Should().BeTrue();
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            return ((int)response.StatusCode, answer.Length <= 200 ? answer : answer[..200]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, $"no answer: {ex.GetType().Name} {ex.Message}");
        }
    }
}
