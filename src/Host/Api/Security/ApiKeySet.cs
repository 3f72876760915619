using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// The configured <c>Api:Keys</c>, held as SHA-256 digests. A presented key is hashed and compared with every digest in
/// constant time, so neither its length nor how much of it matched shows in the response time. Keys are known to logs
/// only by number (<c>key #2</c>), never by value.
/// </summary>
public sealed class ApiKeySet
{
    private readonly byte[][] _digests;

    public ApiKeySet(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _digests = [.. options.Value.Keys.Select(Digest)];
    }

    public int Count => _digests.Length;

    public bool IsEmpty => _digests.Length == 0;

    /// <summary>The 1-based number of the key that matches <paramref name="presented"/>, or null.</summary>
    public int? Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var digest = Digest(presented);
        int? number = null;
        for (var i = 0; i < _digests.Length; i++)
        {
            // No early exit: every key is compared whatever matched before.
            if (CryptographicOperations.FixedTimeEquals(digest, _digests[i]))
            {
                number ??= i + 1;
            }
        }

        return number;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
