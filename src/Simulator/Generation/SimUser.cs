namespace AdOrleans.Simulator.Generation;

/// <summary>One simulated person: what an ad client knows about them, plus whether they bought before this run.</summary>
public sealed record SimUser(
    string Id,
    string UserAgent,
    string Referrer,
    string Geo,
    string Device,
    IReadOnlyList<string> Segments,
    bool ExistingCustomer);
