namespace AdOrleans.Runtime;

/// <summary>Identity of a grain: its registered type name and its key. Stable across activations and processes.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
