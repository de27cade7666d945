namespace AdOrleans.Persistence;

/// <summary>Where a grain's state is stored: its grain type name and its key. Stable across activations and processes.</summary>
public readonly record struct StateId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
