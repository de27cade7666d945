namespace AdOrleans.Persistence.Postgres.GrainStorage;

/// <summary>
/// The table of Orleans' ADO.NET grain storage provider (migration <c>0002-orleans-grain-storage</c> of
/// <see cref="AdoNet.OrleansSchema"/>) and the move of the grains it took over from the group-commit store
/// (<c>0003-…</c>). Applied once each; never edited (a change is a new migration).
/// </summary>
public static class OrleansGrainStorageTables
{
    public const string Sql = """
        -- One row per grain state. The provider names a state by @ServiceId, @GrainTypeString (the state's name
        -- since Orleans 7, "state" here, not the grain type) and the grain key as it parses it: @GrainIdN0 and
        -- @GrainIdN1 for integer and Guid keys, @GrainIdExtensionString for string keys and key extensions. It also
        -- sends 32-bit hashes of the key and the name, for databases that limit index width; PostgreSQL indexes
        -- the natural key itself, which cannot collide, so the hashes are not stored.
        CREATE TABLE orleans_grain_state (
            service_id   text COLLATE "C" NOT NULL,
            state_name   text COLLATE "C" NOT NULL,
            grain_id_n0  bigint           NOT NULL,
            grain_id_n1  bigint           NOT NULL,
            -- '' for a key without a string part (the provider sends NULL).
            grain_id_ext text COLLATE "C" NOT NULL,
            -- The ETag; integer because the provider sends and parses it as a 32-bit int.
            version      integer          NOT NULL,
            -- NULL after a clear that keeps the row: its version lives on, so a writer holding an older ETag
            -- still conflicts.
            payload      bytea            NULL,
            modified_at  timestamptz      NOT NULL DEFAULT now(),
            PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext)
        );
        """;

    /// <summary>
    /// Slots and segments are written once per admin command, so from this version on Orleans' provider stores
    /// them (<see cref="StorageProviders.PerCommand"/>). Their rows move out of the group-commit table, so that no
    /// such grain starts empty, and no stale copy stays behind. The key is what
    /// <see cref="AdoNetGrainStorageAdapter"/> hands the provider: "grain type/grain key" as a string key, under
    /// the state name "state" and the migrating process's service id. The group-commit store's ETag is its
    /// version count, as the provider's is. The grain types are literals on purpose: this records what moved in
    /// this version, whatever the constants say later.
    /// </summary>
    public const string MoveConfigGrains = """
        DO $$
        BEGIN
            IF to_regclass('grain_state') IS NULL THEN
                RETURN; -- a database without the group-commit store yet has nothing to move
            END IF;

            -- That store's migration 0002 renamed these keys; moving them before it would keep the old ones. A
            -- silo migrates that store before Orleans starts, so this only stops an unusual start order.
            IF NOT EXISTS (SELECT 1 FROM schema_migrations WHERE name = '0002-orleans-grain-keys') THEN
                RAISE EXCEPTION 'grain_state holds data of an older version whose migration 0002-orleans-grain-keys has not run: start a silo of this version first (it migrates that store before this schema)';
            END IF;

            WITH moved AS (
                DELETE FROM grain_state
                 WHERE grain_type IN ('ad-slot', 'user-segment')
                RETURNING grain_type, grain_key, etag, data, updated_at
            )
            INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext, version, payload, modified_at)
            SELECT current_setting('adorleans.service_id'), 'state', 0, 0, grain_type || '/' || grain_key, etag, data, updated_at
              FROM moved;
        END
        $$;
        """;
}
