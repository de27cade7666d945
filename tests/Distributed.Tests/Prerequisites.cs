using System.Runtime.InteropServices;
using Npgsql;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// These tests need Debian's librdkafka1 and a PostgreSQL server (see .ci/run). Without them a developer's run
/// skips them with the reason; with CI=true nothing is skipped, so a broken CI machine fails loudly instead.
/// </summary>
internal static class Prerequisites
{
    /// <summary>A role that may create databases; override with ADORLEANS_TEST_POSTGRES.</summary>
    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("ADORLEANS_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=adorleans;Password=adorleans;Database=postgres;Timeout=5";

    private static readonly Lazy<string?> Missing = new(Check);

    public static string? SkipReason =>
        Environment.GetEnvironmentVariable("CI") == "true" ? null : Missing.Value;

    private static string? Check()
    {
        if (!NativeLibrary.TryLoad("librdkafka.so.1", out _))
        {
            return "librdkafka.so.1 is not installed (apt-get install librdkafka1)";
        }

        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return $"PostgreSQL is not reachable with {AdminConnectionString} ({e.Message}); see .ci/run for the setup";
        }
    }
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
