namespace AdOrleans.Distributed.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DistributedCollection
{
    /// <summary>One at a time: the tests restart the shared PostgreSQL server and each runs three service processes.</summary>
    public const string Name = "distributed";
}
