namespace AdOrleans.Runtime.Tests;

/// <summary>Tests that measure wall-clock parallelism run alone, not beside other test classes that load the cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
