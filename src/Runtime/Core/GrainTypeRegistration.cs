namespace AdOrleans.Runtime;

/// <summary>What the host registers for a grain class. Added to DI by <c>AddGrain</c>.</summary>
public sealed record GrainTypeRegistration(string Name, Type InterfaceType, Type ImplementationType, IReadOnlyList<string> Topics);
