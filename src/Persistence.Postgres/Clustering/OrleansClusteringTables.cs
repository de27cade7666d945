namespace AdOrleans.Persistence.Postgres.Clustering;

/// <summary>The tables of Orleans' ADO.NET clustering provider, created by migration <c>0001-orleans-clustering</c> of <see cref="AdoNet.OrleansSchema"/>.</summary>
public static class OrleansClusteringTables
{
    /// <summary>Applied once; never edited (a change is a new migration).</summary>
    public const string Sql = """
        -- Unquoted on purpose: the provider reads its queries with the fixed statement
        -- "SELECT QueryKey, QueryText FROM OrleansQuery", which PostgreSQL folds to lower case.
        CREATE TABLE OrleansQuery (
            QueryKey  text PRIMARY KEY,
            QueryText text NOT NULL
        );

        -- One row per cluster (the provider's DeploymentId is ClusterOptions.ClusterId). Its version is the etag
        -- of the whole membership table; integer because the provider sends it as a 32-bit int.
        CREATE TABLE orleans_membership_version (
            deployment_id text        PRIMARY KEY,
            version       integer     NOT NULL DEFAULT 0,
            updated_at    timestamptz NOT NULL DEFAULT now()
        );

        -- One row per silo incarnation: a restarted silo keeps address and port but gets a new generation.
        -- SiloName and HostName are NOT NULL because the provider casts them to string when it reads them.
        CREATE TABLE orleans_membership (
            deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address         text        NOT NULL,
            port            integer     NOT NULL,
            generation      integer     NOT NULL,
            silo_name       text        NOT NULL,
            host_name       text        NOT NULL,
            status          integer     NOT NULL,
            proxy_port      integer     NOT NULL,
            suspect_times   text        NULL,
            start_time      timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );
        """;
}
