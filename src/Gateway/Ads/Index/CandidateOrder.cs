namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// The order of a slot's candidates: CPC campaigns first (their eCPM moves with their click rate), then CPM campaigns
/// by bid, highest first, ties by id. An auction can then stop at the first CPM bid below the floor or the second
/// price so far: with thousands of campaigns per slot it reads a handful instead of all of them.
/// </summary>
public static class CandidateOrder
{
    public static IndexedCampaign[] With(IndexedCampaign[] candidates, IndexedCampaign campaign)
    {
        var list = new List<IndexedCampaign>(candidates.Length + 1);
        list.AddRange(candidates);
        var at = list.FindIndex(c => Compare(campaign, c) < 0);
        list.Insert(at < 0 ? list.Count : at, campaign);
        return [.. list];
    }

    private static int Compare(IndexedCampaign a, IndexedCampaign b) =>
        a.IsCpc != b.IsCpc ? (a.IsCpc ? -1 : 1)
        : !a.IsCpc && a.BidMicros != b.BidMicros ? b.BidMicros.CompareTo(a.BidMicros)
        : string.CompareOrdinal(a.Id, b.Id);
}
