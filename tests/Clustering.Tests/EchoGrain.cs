namespace AdOrleans.Clustering.Tests;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<string> Echo(string text);
}

/// <summary>The smallest grain that proves a call crossed from a client to a silo.</summary>
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> Echo(string text) => Task.FromResult(text);
}
