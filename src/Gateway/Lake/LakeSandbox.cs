using System.Globalization;
using System.Text;
using AdOrleans.Grains.Lake;
using DuckDB.NET.Data;

namespace AdOrleans.Gateway.Lake;

/// <summary>
/// A throwaway in-memory DuckDB per query that can read the manifest's files and nothing else: views <c>events</c>
/// (Hive columns <c>date</c> and <c>channel</c> from the path) and <c>billing</c> (<c>date</c>) over exactly the listed files, file access limited to
/// the lake directory, no extension loading, and the configuration locked so the query cannot undo any of it.
/// </summary>
internal static class LakeSandbox
{
    /// <summary>The events view's columns when the lake has no file yet, so queries bind the same way.</summary>
    private const string EmptyEvents = """
        SELECT NULL::INTEGER AS log_partition, NULL::BIGINT AS log_offset, NULL::VARCHAR AS event_id, NULL::VARCHAR AS type,
               NULL::VARCHAR AS campaign_id, NULL::VARCHAR AS creative_id, NULL::VARCHAR AS slot_id, NULL::VARCHAR AS auction_id,
               NULL::VARCHAR AS user_id, NULL::VARCHAR AS bid_type, NULL::BIGINT AS value_micros, NULL::BIGINT AS price_micros,
               NULL::BIGINT AS charge_micros, NULL::VARCHAR[] AS segments, NULL::TIMESTAMPTZ AS occurred_at,
               NULL::TIMESTAMPTZ AS received_at, NULL::DATE AS date, NULL::VARCHAR AS channel
        WHERE false
        """;

    private const string EmptyBilling = """
        SELECT NULL::VARCHAR AS campaign_id, NULL::VARCHAR AS creative_id, NULL::TIMESTAMPTZ AS hour_start, NULL::BIGINT AS impressions,
               NULL::BIGINT AS clicks, NULL::BIGINT AS conversions, NULL::BIGINT AS spend_micros, NULL::DATE AS date
        WHERE false
        """;

    public static DuckDBConnection Open(IReadOnlyList<LakeFile> files, LakeOptions options)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        try
        {
            var root = options.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var events = Paths(files, LakePaths.Events, options);
            var billing = Paths(files, LakePaths.Billing, options);
            var setup = new StringBuilder();
            setup.Append(CultureInfo.InvariantCulture, $"SET threads = {options.QueryThreads};");
            setup.Append(CultureInfo.InvariantCulture, $"SET memory_limit = {Quote(options.QueryMemoryLimit)};");
            setup.Append("SET TimeZone = 'UTC'; SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;");
            setup.Append(events.Count == 0
                ? $"CREATE VIEW events AS {EmptyEvents};"
                : $"CREATE VIEW events AS SELECT * FROM read_parquet([{string.Join(',', events)}], hive_partitioning = true, hive_types = {{'date': DATE, 'channel': VARCHAR}});");
            setup.Append(billing.Count == 0
                ? $"CREATE VIEW billing AS {EmptyBilling};"
                : $"CREATE VIEW billing AS SELECT * FROM read_parquet([{string.Join(',', billing)}], hive_partitioning = true, hive_types = {{'date': DATE}});");
            setup.Append(CultureInfo.InvariantCulture, $"SET allowed_directories = [{Quote(root)}];");
            setup.Append("SET enable_external_access = false; SET lock_configuration = true;");
            using var command = connection.CreateCommand();
            command.CommandText = setup.ToString();
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static List<string> Paths(IReadOnlyList<LakeFile> files, string dataset, LakeOptions options) =>
        [.. files.Where(f => f.Dataset == dataset).Select(f => Quote(LakePaths.Full(options.Root, f.Path)))];

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
