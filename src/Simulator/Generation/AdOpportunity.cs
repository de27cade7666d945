namespace AdOrleans.Simulator.Generation;

/// <summary>A user seeing a page with an ad slot. <c>Draws</c> seeds its click/convert decisions, so they do not depend on which worker runs it.</summary>
public sealed record AdOpportunity(SimUser User, string SlotId, DateTimeOffset SimTime, ulong Draws, long Sequence);
