namespace AdOrleans.Service.Tests;

/// <summary>
/// Sets process environment variables for one test and restores them. Orleans' Kubernetes hosting reads the pod's
/// variables from the process environment only, so tests that set them run in <see cref="ProcessEnvironmentCollection"/>:
/// any silo starting meanwhile in this process would see them too.
/// </summary>
internal sealed class ProcessEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _before;

    public ProcessEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        _before = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _before)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>Tests that change the process environment or must not see it changed: xunit runs this collection alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
