using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Experiments;

/// <summary>Checks a create request against the campaign it names; every problem becomes a field error (400).</summary>
public static class ExperimentValidator
{
    public const int MaxVariants = 10;

    /// <summary>The experiment to create, or null with <paramref name="errors"/> filled.</summary>
    public static ExperimentConfig? Validate(
        ExperimentRequest request, CampaignConfig? campaign, AuctionIndex index, ExperimentOptions defaults, Dictionary<string, string[]> errors)
    {
        Ids.Check(request.Id, "id", errors, required: true);
        Ids.Check(request.CampaignId, "campaignId", errors, required: true);
        if (request.CampaignId is not null && !errors.ContainsKey("campaignId") && campaign is null)
        {
            errors["campaignId"] = [$"No campaign '{request.CampaignId}' exists."];
        }

        if (request.Metric is not (ExperimentMetrics.Ctr or ExperimentMetrics.Cvr))
        {
            errors["metric"] = [$"Must be one of: {ExperimentMetrics.Ctr}, {ExperimentMetrics.Cvr}."];
        }

        var minSample = request.MinSamplePerVariant ?? defaults.DefaultMinSamplePerVariant;
        if (minSample is < 1 or > 1_000_000_000)
        {
            errors["minSamplePerVariant"] = ["Must be 1 to 1000000000."];
        }

        var alpha = request.Alpha ?? defaults.DefaultAlpha;
        if (alpha is < 0.001 or > 0.2 || double.IsNaN(alpha))
        {
            errors["alpha"] = ["Must be 0.001 to 0.2."];
        }

        var variants = CheckVariants(request.Variants, campaign, index, errors);
        return errors.Count > 0 || variants is null ? null : new ExperimentConfig
        {
            Id = request.Id!,
            CampaignId = request.CampaignId!,
            Metric = request.Metric!,
            Variants = variants,
            MinSamplePerVariant = minSample,
            Alpha = alpha,
        };
    }

    private static List<ExperimentVariant>? CheckVariants(
        List<VariantRequest?>? requested, CampaignConfig? campaign, AuctionIndex index, Dictionary<string, string[]> errors)
    {
        if (requested is not { Count: >= 2 and <= MaxVariants })
        {
            errors["variants"] = [$"Needs 2 to {MaxVariants} variants."];
            return null;
        }

        var variants = new List<ExperimentVariant>();
        for (var i = 0; i < requested.Count; i++)
        {
            var field = $"variants[{i}]";
            if (requested[i] is not { } v)
            {
                errors[field] = ["Required."];
                continue;
            }

            Ids.Check(v.Id, field + ".id", errors, required: true);
            Ids.Check(v.CreativeId, field + ".creativeId", errors, required: true);
            if (v.Weight is not (>= 1 and <= 99))
            {
                errors[field + ".weight"] = ["Must be a whole number from 1 to 99 (percent)."];
            }

            if (v.CreativeId is { } creative && campaign is not null && !errors.ContainsKey(field + ".creativeId"))
            {
                CheckCreative(creative, campaign, index, field + ".creativeId", errors);
            }

            variants.Add(new ExperimentVariant(v.Id ?? "", v.CreativeId ?? "", v.Weight ?? 0));
        }

        if (variants.Select(v => v.Id).Distinct(StringComparer.Ordinal).Count() < variants.Count)
        {
            errors["variants[].id"] = ["Variant ids must be distinct."];
        }

        if (variants.Select(v => v.CreativeId).Distinct(StringComparer.Ordinal).Count() < variants.Count)
        {
            errors["variants[].creativeId"] = ["Each variant needs its own creative."];
        }

        var sum = variants.Sum(v => v.Weight);
        if (sum != 100)
        {
            errors["variants[].weight"] = [$"The weights must sum to 100; they sum to {sum}."];
        }

        return variants;
    }

    /// <summary>
    /// The creative must be the campaign's, and no other campaign's: results are read from the KPI rollups of the
    /// creative id, which would mix two campaigns' traffic.
    /// </summary>
    private static void CheckCreative(string creative, CampaignConfig campaign, AuctionIndex index, string field, Dictionary<string, string[]> errors)
    {
        if (!campaign.Creatives.Any(c => c.Id == creative))
        {
            errors[field] = [$"Campaign '{campaign.Id}' has no creative '{creative}'."];
        }
        else if (index.Campaigns.FirstOrDefault(c => c.Id != campaign.Id && c.Config.Creatives.Any(x => x.Id == creative)) is { } other)
        {
            errors[field] = [$"Creative '{creative}' is also a creative of campaign '{other.Id}'; experiment results are counted per creative id and would mix."];
        }
    }
}
