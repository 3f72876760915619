using System.Text;

namespace Pinterest.Modular.Tests.Integration.Embedded;

/// <summary>Distinct JSON payloads whose text names their number, so a landed line can be traced back.</summary>
public static class Payloads
{
    public static byte[] Json(int number) => Encoding.UTF8.GetBytes($"{{\"index\":{number},\"title\":\"pin {number}\"}}");

    public static string Text(int number) => Encoding.UTF8.GetString(Json(number));

    public static ReadOnlyMemory<byte>[] Range(int start, int count) =>
        [.. Enumerable.Range(start, count).Select(n => (ReadOnlyMemory<byte>)Json(n))];

    public static string TextOf(ReadOnlyMemory<byte> payload) => Encoding.UTF8.GetString(payload.Span);
}
