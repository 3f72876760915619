using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// Broker errors on demand from librdkafka's mock cluster (<c>rdkafka_mock.h</c>, not wrapped by Confluent.Kafka): the
/// next requests of one kind are answered with the given error codes, or a broker goes down and comes back up.
/// </summary>
internal static class KafkaMockFaults
{
    /// <summary>Kafka protocol ApiKey of Produce.</summary>
    public const short Produce = 0;

    /// <summary>Queues <paramref name="errors"/> as the answers to the next requests of <paramref name="apiKey"/>.</summary>
    public static void PushRequestErrors(IClient owner, short apiKey, params ErrorCode[] errors) =>
        rd_kafka_mock_push_request_errors_array(MockCluster(owner), apiKey, (nuint)errors.Length, [.. errors.Select(e => (int)e)]);

    /// <summary>
    /// Down: the broker drops its connections and refuses new ones (its port stays bound), as a broker that crashed;
    /// its partitions keep it as leader, so nothing is produced to them until it is up again. Up: it takes connections.
    /// </summary>
    public static void SetBrokerUp(IClient owner, int brokerId, bool up)
    {
        var cluster = MockCluster(owner);
        var error = up ? rd_kafka_mock_broker_set_up(cluster, brokerId) : rd_kafka_mock_broker_set_down(cluster, brokerId);
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster did not set broker {brokerId} {(up ? "up" : "down")}: {(ErrorCode)error}.");
        }
    }

    private static IntPtr MockCluster(IClient owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var cluster = rd_kafka_handle_mock_cluster(NativeHandle(owner));
        return cluster != IntPtr.Zero ? cluster : throw new InvalidOperationException("The client owns no mock cluster.");
    }

    /// <summary>The rd_kafka_t behind a client; Confluent.Kafka keeps it internal.</summary>
    private static IntPtr NativeHandle(IClient client)
    {
        var handle = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(client.Handle);
        return ((SafeHandle)handle!).DangerousGetHandle();
    }

    /// <summary>
    /// Binds the calls below to the librdkafka Confluent.Kafka already loaded (the one librdkafka.redist bundles), found
    /// by its path in the process's mappings: the mock cluster lives in that copy's memory, so no other copy (Debian's,
    /// say) may be asked about it.
    /// </summary>
    static KafkaMockFaults() =>
        NativeLibrary.SetDllImportResolver(typeof(KafkaMockFaults).Assembly, (name, _, _) =>
            name == LoadedLibrdkafka ? NativeLibrary.Load(LoadedLibraryPath()) : IntPtr.Zero);

    private const string LoadedLibrdkafka = "librdkafka (as loaded by Confluent.Kafka)";

    private static string LoadedLibraryPath() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line[(line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? at : line.Length)..])
            .FirstOrDefault(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("librdkafka is not loaded: make a Confluent.Kafka client first.");

    // DllImport rather than LibraryImport: the test project has no unsafe code to allow for a few calls.
    [DllImport(LoadedLibrdkafka)]
    private static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    [DllImport(LoadedLibrdkafka)]
    private static extern void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short apiKey, nuint count, int[] errors);

    [DllImport(LoadedLibrdkafka)]
    private static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [DllImport(LoadedLibrdkafka)]
    private static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);
}
