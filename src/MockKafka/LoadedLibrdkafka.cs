using System.Runtime.InteropServices;

namespace AdOrleans.MockKafka;

/// <summary>
/// The librdkafka Confluent.Kafka loaded, so that the mock cluster and the clients share one copy of it.
/// librdkafka.redist ships a default Linux build that links the system's <c>libsasl2.so.3</c> (Debian 12 and
/// Ubuntu 24.04 only have <c>.so.2</c>) and a <c>centos8</c> build that links only glibc. Left alone (no
/// <c>Library.Load</c>, whose dlopen P/Invokes a <c>libdl</c> those systems lack), Confluent.Kafka tries
/// <c>librdkafka</c> and then <c>centos8-librdkafka</c> through .NET's native probing (the app's
/// <c>runtimes/&lt;rid&gt;/native</c>). The same names, in the same order, probed for Confluent.Kafka's assembly
/// resolve to the same file, and loading a file that is already loaded returns the existing handle.
/// </summary>
internal static class LoadedLibrdkafka
{
    private static readonly string[] ConfluentOrder = ["librdkafka", "centos8-librdkafka"];

    public static nint Handle { get; } = Find();

    private static nint Find()
    {
        // Confluent.Kafka chooses first; reading the version makes it load its library.
        _ = Confluent.Kafka.Library.Version;
        var assembly = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var name in ConfluentOrder)
        {
            if (NativeLibrary.TryLoad(name, assembly, null, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException($"Confluent.Kafka loaded a librdkafka that is none of {string.Join(", ", ConfluentOrder)}");
    }
}
