namespace AdOrleans.Gateway.Experiments;

/// <summary><c>POST /v1/experiments</c> (API.md "Marketing intelligence"); all optional here so validation can name every missing field.</summary>
public sealed class ExperimentRequest
{
    public string? Id { get; set; }

    public string? CampaignId { get; set; }

    public string? Metric { get; set; }

    public List<VariantRequest?>? Variants { get; set; }

    public long? MinSamplePerVariant { get; set; }

    public double? Alpha { get; set; }
}

public sealed class VariantRequest
{
    public string? Id { get; set; }

    public string? CreativeId { get; set; }

    public int? Weight { get; set; }
}
