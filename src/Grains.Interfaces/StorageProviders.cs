namespace AdOrleans.Grains;

/// <summary>
/// The grain storage providers grains name in <c>[PersistentState]</c>, by how often their grains write. Which
/// storage serves each name is the host's choice per mode (README: "Which grains use which storage").
/// </summary>
public static class StorageProviders
{
    /// <summary>
    /// Grains written per poll of the log (per event, in effect): the group-commit storage, many grains' writes and
    /// their emitted rows in one transaction, in both modes.
    /// </summary>
    public const string PerEvent = "per-event";

    /// <summary>
    /// Grains written per admin command: Orleans' ADO.NET provider on PostgreSQL in distributed mode; the
    /// group-commit storage on SQLite in embedded mode.
    /// </summary>
    public const string PerCommand = "per-command";
}
