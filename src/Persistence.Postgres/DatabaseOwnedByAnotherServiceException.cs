namespace AdOrleans.Persistence.Postgres;

/// <summary>Start-up refused: the database was claimed by another Orleans service (<see cref="PostgresGrainStateStore.ClaimAsync"/>).</summary>
public sealed class DatabaseOwnedByAnotherServiceException(string owner, string serviceId) : InvalidOperationException(
    $"The PostgreSQL database in ConnectionStrings:Postgres belongs to the Orleans service '{owner}', but this process runs " +
    $"Orleans:ServiceId '{serviceId}'. Two services in one database would overwrite each other's grain state and offsets: " +
    $"give this service its own database in ConnectionStrings:Postgres, or set Orleans:ServiceId to '{owner}' if it is the same service.")
{
    public string Owner { get; } = owner;
}
