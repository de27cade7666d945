namespace AdOrleans.Grains.Ctr;

/// <summary>Which events train the CTR model, and their features.</summary>
public static class CtrExamples
{
    /// <summary>Impressions and clicks of an auction: they carry the slot, campaign and creative from the signed token.</summary>
    public static bool Trains(TrackedEvent e) =>
        e.Type is EventTypes.Impression or EventTypes.Click && e.SlotId is not null && e.CampaignId is not null && e.CreativeId is not null;

    /// <summary>The event's feature indexes (<paramref name="into"/> at least <see cref="CtrFeatures.MaxFeatures"/> long); returns how many.</summary>
    public static int Features(Span<int> into, int bits, TrackedEvent e)
    {
        var count = CtrFeatures.Context(into, bits, e.SlotId!, e.Device, e.Geo, e.OccurredAt.UtcDateTime.Hour, e.Segments);
        CtrFeatures.Candidate(into[count..], bits, CtrFeatures.Hash(CtrFeatures.Field.Campaign, e.CampaignId), e.CreativeId!, CtrFeatures.Hash(CtrFeatures.Field.Slot, e.SlotId));
        return count + CtrFeatures.CandidateCount;
    }
}
