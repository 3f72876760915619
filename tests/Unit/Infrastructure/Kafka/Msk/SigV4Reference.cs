using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka.Msk;

/// <summary>
/// SigV4 for presigned URLs written from the AWS documentation ("Create a signed AWS API request"), independent of the
/// AWS SDK, so tests can check a signature the code under test produced.
/// </summary>
internal static class SigV4Reference
{
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The hex signature of a GET of <paramref name="host"/><paramref name="path"/> with these query parameters, signed header <c>host</c> only.</summary>
    public static string PresignSignature(
        string host,
        string path,
        IReadOnlyDictionary<string, string> query,
        string payloadHash,
        string secretKey,
        DateTimeOffset signedAt,
        string region,
        string service)
    {
        // Canonical query: each name and value URI-encoded, sorted by encoded name (byte order), joined with '&'.
        var canonicalQuery = string.Join('&', query
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var canonicalRequest = $"GET\n{path}\n{canonicalQuery}\nhost:{host}\n\nhost\n{payloadHash}";

        var date = signedAt.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var stamp = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>SigV4's URI encoding: every byte but A-Z a-z 0-9 - _ . ~ as %XX, upper-case hex.</summary>
    public static string Encode(string value)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
