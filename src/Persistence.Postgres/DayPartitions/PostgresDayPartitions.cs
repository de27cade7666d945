namespace AdOrleans.Persistence.Postgres.DayPartitions;

/// <summary>
/// A rollup table range-partitioned by UTC day of a unix-seconds column: partitions <c>{table}_YYYYMMDD</c> for
/// <c>[midnight, next midnight)</c>, plus <c>{table}_default</c> for rows whose day has none. Register one per
/// table in DI; <see cref="DayPartitionMaintenance"/> creates the day partitions ahead of time.
/// </summary>
public sealed record DayPartitionedTable(string Table, string KeyColumn);

internal static class PostgresDayPartitions
{
    /// <summary>
    /// For the migration that creates <paramref name="table"/> (<c>PARTITION BY RANGE</c> on its key column): the
    /// default partition and the shared, idempotent <c>ensure_day_partitions</c> function.
    /// </summary>
    public static string DefaultPartitionAndEnsureFunction(string table) => $"""
        CREATE TABLE {table}_default PARTITION OF {table} DEFAULT;
        {EnsureFunction}
        """;

    /// <summary>
    /// Creates the missing day partitions of [first_day, last_day] (unix seconds, UTC midnights). A day that already
    /// has rows in the default partition is skipped: they stay there, still correct, just not pruned. The advisory
    /// lock serialises processes running this at once; the lock timeout bounds how long it may queue behind (and so
    /// hold up) commits and queries, since creating a partition locks the parent table.
    /// </summary>
    private const string EnsureFunction = """
        CREATE OR REPLACE FUNCTION ensure_day_partitions(parent text, key_column text, first_day bigint, last_day bigint) RETURNS integer
        LANGUAGE plpgsql SET lock_timeout = '5s' AS $$
        DECLARE
            day bigint;
            name text;
            crowded boolean;
            created integer := 0;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('ensure_day_partitions'));
            FOR day IN SELECT generate_series(first_day, last_day, 86400) LOOP
                name := parent || '_' || to_char(to_timestamp(day) AT TIME ZONE 'UTC', 'YYYYMMDD');
                CONTINUE WHEN to_regclass(name) IS NOT NULL;
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)', parent || '_default', key_column, key_column)
                    INTO crowded USING day, day + 86400;
                CONTINUE WHEN crowded;
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', name, parent, day, day + 86400);
                created := created + 1;
            END LOOP;
            RETURN created;
        END
        $$;
        """;
}
