using System.Reflection;
using System.Runtime.InteropServices;

namespace AdOrleans.Streaming.Kafka;

/// <summary>
/// Confluent.Kafka 1.9.3 looks for a bundled librdkafka (there is no librdkafka.redist here) and for
/// <c>libdl</c>, which Debian only ships as <c>libdl.so.2</c>; map both to the system libraries.
/// </summary>
internal static class KafkaNative
{
    private static int _registered;

    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        var mapped = name switch
        {
            "libdl" or "libdl.so" => "libdl.so.2",
            "librdkafka" or "librdkafka.so" => "librdkafka.so.1",
            _ => null,
        };
        return mapped is not null && NativeLibrary.TryLoad(mapped, out var handle) ? handle : 0;
    }
}
