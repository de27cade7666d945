namespace AdOrleans.Persistence.Postgres.Clustering;

/// <summary>
/// The rows of <c>OrleansQuery</c> that Orleans' ADO.NET clustering provider loads at start and runs by key.
/// Keys, parameter names (<c>@DeploymentId</c> is the cluster id) and result column names are the provider's
/// contract (its DbStoredQueries and RelationalOrleansQueries); the SQL is ours, written for the tables of
/// <see cref="OrleansClusteringTables"/>.
/// </summary>
/// <remarks>
/// The membership protocol is optimistic: every change to a member row must also move the cluster's version row
/// from the version the writer read (<c>@Version</c>) to the next one, atomically, or not happen at all. Each
/// writing query is therefore one statement whose CTEs bump the version only when it still matches, and touch the
/// member row only through that bump. Readers get the version and the members from one statement, hence one
/// snapshot. Each query returns a row even without members (a LEFT JOIN from the version row) because the
/// provider takes the table version from the first row.
/// </remarks>
public static class OrleansClusteringQueries
{
    private const string MemberColumns = """
        v.version         AS "Version",
        m.address         AS "Address",
        m.port            AS "Port",
        m.generation      AS "Generation",
        m.silo_name       AS "SiloName",
        m.host_name       AS "HostName",
        m.status          AS "Status",
        m.proxy_port      AS "ProxyPort",
        m.suspect_times   AS "SuspectTimes",
        m.start_time      AS "StartTime",
        m.i_am_alive_time AS "IAmAliveTime"
    """;

    /// <summary>
    /// Query key to SQL text: every key the provider requires (it refuses to start if one is missing), plus its
    /// one optional key, <c>CleanupDefunctSiloEntryKey</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        // Run once per silo start; true only for the silo that created the cluster's version row.
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO orleans_membership_version (deployment_id)
                VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM inserted)
            """,

        ["MembershipReadAllKey"] = $"""
            SELECT {MemberColumns}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
            """,

        ["MembershipReadRowKey"] = $"""
            SELECT {MemberColumns}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m
                   ON m.deployment_id = v.deployment_id
                  AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId
            """,

        // A silo announces itself: only if it is not there yet and nobody changed the table since it read @Version.
        ["InsertMembershipKey"] = """
            WITH bumped AS (
                UPDATE orleans_membership_version
                   SET version = version + 1, updated_at = now()
                 WHERE deployment_id = @DeploymentId
                   AND version = @Version
                   AND NOT EXISTS (SELECT 1 FROM orleans_membership
                                    WHERE deployment_id = @DeploymentId AND address = @Address
                                      AND port = @Port AND generation = @Generation)
                RETURNING deployment_id
            ), inserted AS (
                INSERT INTO orleans_membership
                    (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                  FROM bumped
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM inserted)
            """,

        // Status changes and suspicions; the EXISTS keeps a missing row from bumping the version for nothing.
        ["UpdateMembershipKey"] = """
            WITH bumped AS (
                UPDATE orleans_membership_version
                   SET version = version + 1, updated_at = now()
                 WHERE deployment_id = @DeploymentId
                   AND version = @Version
                   AND EXISTS (SELECT 1 FROM orleans_membership
                                WHERE deployment_id = @DeploymentId AND address = @Address
                                  AND port = @Port AND generation = @Generation)
                RETURNING deployment_id
            ), updated AS (
                UPDATE orleans_membership m
                   SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                  FROM bumped b
                 WHERE m.deployment_id = b.deployment_id
                   AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM updated)
            """,

        // Heartbeats are not membership changes: the protocol says they leave the version alone.
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE orleans_membership
               SET i_am_alive_time = @IAmAliveTime
             WHERE deployment_id = @DeploymentId
               AND address = @Address AND port = @Port AND generation = @Generation
            """,

        // Clients connect to the proxy (gateway) port of active silos; a silo with proxy port 0 is no gateway.
        ["GatewaysQueryKey"] = """
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
              FROM orleans_membership
             WHERE deployment_id = @DeploymentId
               AND status = @Status
               AND proxy_port > 0
            """,

        // The member rows go with the version row (ON DELETE CASCADE).
        ["DeleteMembershipTableEntriesKey"] = """
            DELETE FROM orleans_membership_version
             WHERE deployment_id = @DeploymentId
            """,

        // Required, but 10.4.2 runs it only when the optional per-row key below is absent. Only rows of dead silos
        // (SiloStatus.Dead = 6) silent since @IAmAliveTime; live members are unaffected, so the version stays:
        // a stale copy that still lists a long-dead silo is harmless.
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM orleans_membership
             WHERE deployment_id = @DeploymentId
               AND i_am_alive_time < @IAmAliveTime
               AND status = 6
            """,

        // Optional; when present the provider reads the table, picks the dead rows old enough and without recent
        // death votes itself, and deletes each with the values it read. The row goes only if it is still exactly
        // that, so a row changed in between (a newer vote, say) survives until the next cleanup.
        ["CleanupDefunctSiloEntryKey"] = """
            DELETE FROM orleans_membership
             WHERE deployment_id = @DeploymentId
               AND address = @Address AND port = @Port AND generation = @Generation
               AND status = 6
               AND start_time = @StartTime
               AND i_am_alive_time = @IAmAliveTime
               AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
            """,
    };
}
