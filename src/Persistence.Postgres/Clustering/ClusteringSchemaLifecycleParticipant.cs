namespace AdOrleans.Persistence.Postgres.Clustering;

/// <summary>
/// Migrates as a step of the silo's own start rather than inside <c>UsePostgresClustering</c>: configuring a
/// builder does no I/O, the step gets the start's cancellation and logging, and a failure aborts the start.
/// The stage is the first one of the runtime, well before <c>RuntimeGrainServices</c>, where the membership
/// table manager initialises the ADO.NET provider, which then loads <c>OrleansQuery</c>.
/// </summary>
internal sealed class ClusteringSchemaLifecycleParticipant(PostgresClusteringMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusteringSchemaLifecycleParticipant), Stage, migrator.EnsureMigratedAsync);
}
