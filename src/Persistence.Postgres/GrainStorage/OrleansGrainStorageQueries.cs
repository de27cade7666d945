namespace AdOrleans.Persistence.Postgres.GrainStorage;

/// <summary>
/// The rows of <c>OrleansQuery</c> that Orleans' ADO.NET grain storage provider loads at start and runs by key.
/// Keys, parameter names and result column names are the provider's contract (its <c>AdoNetGrainStorage</c>); the
/// SQL is ours, written for the table of <see cref="OrleansGrainStorageTables"/>.
/// </summary>
/// <remarks>
/// Every writing query returns exactly one row, its new version or NULL when nothing was written. The provider
/// reads NULL as a conflict and raises <c>InconsistentStateException</c>; it would take no row at all as success
/// for a grain without an ETag, so "no row" is never an answer. Each is one statement: an update whose condition
/// includes the expected version, or an insert only when there is none. Two writers with the same version cannot
/// both succeed: the second waits on the row lock, then finds the version moved (or the row inserted) and writes
/// nothing.
/// </remarks>
public static class OrleansGrainStorageQueries
{
    private const string Key = """
        service_id = @ServiceId
               AND state_name = @GrainTypeString
               AND grain_id_n0 = @GrainIdN0
               AND grain_id_n1 = @GrainIdN1
               AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
        """;

    /// <summary>Query key to SQL text: the three keys the provider requires and the optional one for <c>DeleteStateOnClear</c>.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        // No row: the grain has no state yet. A NULL payload (a cleared state) reads as a fresh state with the row's version.
        ["ReadFromStorageKey"] = $"""
            SELECT payload AS "PayloadBinary", version AS "Version"
              FROM orleans_grain_state
             WHERE {Key}
            """,

        // @GrainStateVersion is the grain's ETag: NULL when it believes no row exists, then only an insert may succeed.
        ["WriteToStorageKey"] = $"""
            WITH updated AS (
                UPDATE orleans_grain_state
                   SET version = version + 1, payload = @PayloadBinary, modified_at = now()
                 WHERE {Key}
                   AND version = @GrainStateVersion
                RETURNING version
            ), inserted AS (
                INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext, version, payload)
                SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), 1, @PayloadBinary
                 WHERE @GrainStateVersion IS NULL
                ON CONFLICT DO NOTHING
                RETURNING version
            )
            SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS "NewGrainStateVersion"
            """,

        // Keeps the row with its version moved on, so a writer still holding the old ETag conflicts.
        ["ClearStorageKey"] = $"""
            WITH cleared AS (
                UPDATE orleans_grain_state
                   SET version = version + 1, payload = NULL, modified_at = now()
                 WHERE {Key}
                   AND version = @GrainStateVersion
                RETURNING version
            )
            SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
            """,

        // Optional (DeleteStateOnClear). The provider compares the answer with the grain's ETag to detect a
        // conflict, so a deletion answers the deleted version + 1, never the ETag itself.
        ["DeleteStorageKey"] = $"""
            WITH deleted AS (
                DELETE FROM orleans_grain_state
                 WHERE {Key}
                   AND version = @GrainStateVersion
                RETURNING version
            )
            SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"
            """,
    };
}
