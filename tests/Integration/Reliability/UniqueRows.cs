using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The emulator's rows with a key of the test's choosing (pin <c>index</c>, geo and user <c>ind</c>), so every record
/// a test sends can be found again by its key in the log, the landing zone and the warehouse; and the requests that
/// carry them on each route, in the emulator's own request shapes.
/// </summary>
internal static class UniqueRows
{
    /// <summary>The row of <paramref name="kind"/> keyed <paramref name="id"/>; otherwise the emulator's event 2863.</summary>
    public static string Row(RecordKind kind, long id)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            _ when kind == RecordKind.Pin => EmulatorPayloads.Pin.Replace("\"index\": 2863", "\"index\": " + key, StringComparison.Ordinal),
            _ when kind == RecordKind.Geo => EmulatorPayloads.Geo.Replace("\"ind\": 2863", "\"ind\": " + key, StringComparison.Ordinal),
            _ => EmulatorPayloads.User.Replace("\"ind\": 2863", "\"ind\": " + key, StringComparison.Ordinal),
        };
    }

    /// <summary>The topic (batch) or stream (stream route) of a kind, named as the AWS build named them.</summary>
    public static string Destination(Route route, RecordKind kind) => route == Route.Batch
        ? EmulatorPayloads.Prefix + "." + kind.Name
        : "streaming-" + EmulatorPayloads.Prefix + "-" + kind.Name;

    /// <summary>
    /// One request carrying <paramref name="rows"/>: a REST proxy produce (<c>POST /topics/t</c>) on the batch route, a
    /// Kinesis proxy PutRecords (<c>PUT /streams/s/records</c>) on the stream route, or with <paramref name="oneRecord"/>
    /// a PutRecord of the single row (<c>PUT /streams/s/record</c>).
    /// </summary>
    public static HttpRequestMessage Request(Route route, RecordKind kind, IEnumerable<string> rows, bool oneRecord = false)
    {
        var values = rows.ToArray();
        var destination = Destination(route, kind);
        var (method, path, body, contentType) = (route, oneRecord) switch
        {
            (Route.Batch, _) => (HttpMethod.Post, "topics/" + destination, EmulatorPayloads.Produce(values), EmulatorPayloads.KafkaJson),
            (_, true) => (HttpMethod.Put, "streams/" + destination + "/record", EmulatorPayloads.PutRecord(destination, values.Single()), EmulatorPayloads.Json),
            _ => (HttpMethod.Put, "streams/" + destination + "/records", EmulatorPayloads.PutRecords(values), EmulatorPayloads.Json),
        };
        return new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
    }

    /// <summary>The key of a row as it travels (<c>index</c> of a pin, <c>ind</c> otherwise); null when it has none.</summary>
    public static long? KeyOf(RecordKind kind, ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var key = kind.KeyField;
            while (reader.Read() && reader.CurrentDepth >= 1)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(key))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
