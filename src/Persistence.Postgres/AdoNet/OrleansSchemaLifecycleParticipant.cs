namespace AdOrleans.Persistence.Postgres.AdoNet;

/// <summary>
/// Migrates as a step of the silo's own start rather than inside <c>UsePostgresClustering</c> or
/// <c>AddPostgresGrainStorage</c>: configuring a builder does no I/O, the step gets the start's cancellation and
/// logging, and a failure aborts the start. The stage is the first one of the runtime, well before
/// <c>RuntimeGrainServices</c>, where the membership table manager initialises the ADO.NET clustering provider, and
/// <c>ApplicationServices</c>, where the grain storage provider initialises; each then loads <c>OrleansQuery</c>.
/// </summary>
internal sealed class OrleansSchemaLifecycleParticipant(OrleansSchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrleansSchemaLifecycleParticipant), Stage, migrator.EnsureMigratedAsync);
}
