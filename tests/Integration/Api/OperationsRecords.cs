using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>Raw rows as the emulator sends them, posted through the ingest command the ingest APIs send (no HTTP).</summary>
internal static class OperationsRecords
{
    public static string Pin(long ind, string followers = "12k", string category = "travel") =>
        $$"""{"index":{{ind}},"unique_id":"00000000-0000-0000-0000-{{ind:D12}}","title":"Title {{ind}}","description":"d","poster_name":"Poster {{ind}}","follower_count":"{{followers}}","tag_list":"a,b","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/aa/bb/cc/x.jpg","downloaded":1,"save_location":"Local save in /data/{{category}}","category":"{{category}}"}""";

    public static string Geo(long ind, double latitude = 10.5) =>
        $$"""{"ind":{{ind}},"timestamp":"2019-03-01 10:00:00","latitude":{{latitude}},"longitude":-20.25,"country":"Chad"}""";

    public static string User(long ind, int age = 30) =>
        $$"""{"ind":{{ind}},"first_name":"Ann","last_name":"Lee","age":{{age}},"date_joined":"2016-01-02 08:00:00"}""";

    /// <summary>Posts rows to the topic (batch route) or stream of <paramref name="destination"/>; fails the test unless accepted.</summary>
    public static async Task PostAsync(ApiServer server, Route route, string destination, params string[] rows)
    {
        var ingest = server.Services.GetRequiredService<IngestSender>();
        var result = await ingest.SendAsync(route, destination, [.. rows.Select(r => new IngestRecord(Encoding.UTF8.GetBytes(r)))], CancellationToken.None);
        result.Status.Should().Be(IngestStatus.Accepted, result.Message);
    }

    public static string Topic(string kind) => RouteTable.NameOf("pinterest", Parse(kind), Route.Batch);

    public static string Stream(string kind) => RouteTable.NameOf("pinterest", Parse(kind), Route.Stream);

    private static Domain.Common.RecordKind Parse(string kind) =>
        Domain.Common.RecordKinds.TryParse(kind, out var parsed) ? parsed : throw new ArgumentException(kind, nameof(kind));
}
