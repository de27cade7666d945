using System.Runtime.InteropServices;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// These tests need Debian's librdkafka1 and a PostgreSQL server (see .ci/run). Without them a developer's run
/// skips them with the reason; with CI=true nothing is skipped, so a broken CI machine fails loudly instead.
/// </summary>
internal static class Prerequisites
{
    private static readonly Lazy<string?> Missing = new(Check);

    public static string? SkipReason => PostgresServer.IsCi ? null : Missing.Value;

    private static string? Check() =>
        NativeLibrary.TryLoad("librdkafka.so.1", out _)
            ? PostgresServer.Unreachable
            : "librdkafka.so.1 is not installed (apt-get install librdkafka1)";
}

/// <summary>A fact that is skipped, with the reason, when Kafka's library or PostgreSQL is absent outside CI.</summary>
public sealed class DistributedFactAttribute : FactAttribute
{
    public DistributedFactAttribute()
    {
        if (Prerequisites.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DistributedCollection
{
    /// <summary>One at a time: the tests restart the shared PostgreSQL server and each runs three service processes.</summary>
    public const string Name = "distributed";
}
