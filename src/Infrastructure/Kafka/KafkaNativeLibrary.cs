using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Loads the native librdkafka (Debian's <c>librdkafka1</c>) into Confluent.Kafka, once per process and only when a
/// Kafka client is about to be made, so the embedded default runs on a machine without it. Confluent.Kafka opens the
/// library through <c>dlopen</c> imported from "libdl", which Debian 12 ships only as <c>libdl.so.2</c>, and then binds
/// its functions to "librdkafka", which without the -dev package's <c>librdkafka.so</c> link exists only under its soname.
/// </summary>
public static class KafkaNativeLibrary
{
    /// <summary>The soname of Debian's package; the dynamic loader finds it on the usual library path.</summary>
    public const string LibraryName = "librdkafka.so.1";

    private static readonly Lock Loading = new();
    private static bool _loaded;

    /// <summary>Loads librdkafka unless done already; throws <see cref="InvalidOperationException"/> saying what to install.</summary>
    public static void EnsureLoaded()
    {
        lock (Loading)
        {
            if (_loaded)
            {
                return;
            }

            if (OperatingSystem.IsLinux())
            {
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, ResolveDebianNames);
            }

            try
            {
                Library.Load(LibraryName);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"Pipeline:BatchTransport=Kafka needs the native librdkafka ({LibraryName}): install it with `apt-get install librdkafka1`. {ex.Message}",
                    ex);
            }

            _loaded = true;
        }
    }

    private static IntPtr ResolveDebianNames(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        var soname = name switch
        {
            "libdl" => "libdl.so.2",
            "librdkafka" => LibraryName,
            _ => null,
        };
        return soname is not null && NativeLibrary.TryLoad(soname, assembly, searchPath, out var handle) ? handle : IntPtr.Zero;
    }
}
