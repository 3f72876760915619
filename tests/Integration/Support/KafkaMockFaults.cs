using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// Broker errors on demand from librdkafka's mock cluster (<c>rdkafka_mock.h</c>, not wrapped by Confluent.Kafka): the
/// next requests of one kind are answered with the given error codes.
/// </summary>
internal static class KafkaMockFaults
{
    /// <summary>Kafka protocol ApiKey of Produce.</summary>
    public const short Produce = 0;

    /// <summary>Queues <paramref name="errors"/> as the answers to the next requests of <paramref name="apiKey"/>.</summary>
    public static void PushRequestErrors(IClient owner, short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var cluster = rd_kafka_handle_mock_cluster(NativeHandle(owner));
        if (cluster == IntPtr.Zero)
        {
            throw new InvalidOperationException("The client owns no mock cluster.");
        }

        rd_kafka_mock_push_request_errors_array(cluster, apiKey, (nuint)errors.Length, [.. errors.Select(e => (int)e)]);
    }

    /// <summary>The rd_kafka_t behind a client; Confluent.Kafka keeps it internal.</summary>
    private static IntPtr NativeHandle(IClient client)
    {
        var handle = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(client.Handle);
        return ((SafeHandle)handle!).DangerousGetHandle();
    }

    // DllImport rather than LibraryImport: the test project has no unsafe code to allow for two calls.
    [DllImport("librdkafka.so.1")]
    private static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    [DllImport("librdkafka.so.1")]
    private static extern void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short apiKey, nuint count, int[] errors);
}
