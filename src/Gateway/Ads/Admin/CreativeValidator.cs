using System.Xml;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Admin;

/// <summary>Checks a campaign's creatives per format (banner, video, native) and builds them; reports every problem at once.</summary>
public static class CreativeValidator
{
    public const int MaxCreatives = 50;

    public const int MaxVastXmlChars = 32 * 1024;

    private static readonly string[] Formats = [CreativeFormats.Banner, CreativeFormats.Video, CreativeFormats.Native];

    public static List<Creative> Validate(List<CreativeRequest?>? requests, Dictionary<string, string[]> e)
    {
        if (requests is null || requests.Count is 0 or > MaxCreatives)
        {
            e["creatives"] = [$"Give 1 to {MaxCreatives} creatives."];
            return [];
        }

        var creatives = new List<Creative>();
        for (var i = 0; i < requests.Count; i++)
        {
            var c = requests[i];
            var path = $"creatives[{i}]";
            if (c is null)
            {
                e[path] = ["The creative is missing."];
                continue;
            }

            var format = c.Format ?? CreativeFormats.Banner;
            if (!Formats.Contains(format))
            {
                e[path + ".format"] = [$"Must be one of: {string.Join(", ", Formats)}."];
            }

            Ids.Check(c.Id, path + ".id", e, required: true);
            if (c.Id is not null && creatives.Any(x => x.Id == c.Id))
            {
                e[path + ".id"] = ["Creative ids must be unique within the campaign."];
            }

            // A banner is its image: url and size are required. Video and native describe themselves otherwise.
            var banner = format == CreativeFormats.Banner;
            Url(c.Url, path + ".url", e, required: banner);
            Url(c.LandingUrl, path + ".landingUrl", e, required: format == CreativeFormats.Native);
            if (banner ? c.Width is < 1 or > 10_000 || c.Height is < 1 or > 10_000 : c.Width is < 0 or > 10_000 || c.Height is < 0 or > 10_000)
            {
                e[path + ".size"] = [banner ? "width and height must be 1 to 10000 pixels." : "width and height must be 0 (unknown) to 10000 pixels."];
            }

            if (format == CreativeFormats.Video)
            {
                Video(c, path, e);
            }
            else if (format == CreativeFormats.Native)
            {
                Native(c, path, e);
            }

            creatives.Add(new Creative(c.Id ?? "", c.Url ?? "", c.Width, c.Height, c.LandingUrl)
            {
                Format = format, VastUrl = c.VastUrl, VastXml = c.VastXml, DurationSeconds = c.DurationSeconds ?? 0,
                Mimes = c.Mimes?.OfType<string>().ToList(), Title = c.Title, ImageUrl = c.ImageUrl, SponsoredBy = c.SponsoredBy,
            });
        }

        return creatives;
    }

    private static void Video(CreativeRequest c, string path, Dictionary<string, string[]> e)
    {
        if (c.VastUrl is null == c.VastXml is null)
        {
            e[path + ".vastUrl"] = ["A video creative needs exactly one of vastUrl or vastXml."];
        }

        Url(c.VastUrl, path + ".vastUrl", e, required: false);
        if (c.VastXml is not null && !IsVast(c.VastXml))
        {
            e[path + ".vastXml"] = [$"Must be a VAST XML document (root element VAST, at most {MaxVastXmlChars} characters)."];
        }

        if (c.DurationSeconds is null or < 1 or > 3600)
        {
            e[path + ".durationSeconds"] = ["Required: 1 to 3600 seconds."];
        }

        if (c.Mimes is null || c.Mimes.Count is 0 or > 20 || c.Mimes.Any(m => m is null || m.Length > 100 || !m.Contains('/') || m.Any(ch => char.IsControl(ch) || char.IsWhiteSpace(ch))))
        {
            e[path + ".mimes"] = ["Give 1 to 20 MIME types such as video/mp4."];
        }
    }

    private static void Native(CreativeRequest c, string path, Dictionary<string, string[]> e)
    {
        Text(c.Title, path + ".title", 140, e, required: true);
        Url(c.ImageUrl, path + ".imageUrl", e, required: true);
        Text(c.SponsoredBy, path + ".sponsoredBy", 100, e, required: false);
    }

    /// <summary>Well-formed XML whose root is VAST; DTDs are refused (no entity expansion from advertiser input).</summary>
    private static bool IsVast(string xml)
    {
        if (xml.Length > MaxVastXmlChars)
        {
            return false;
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "VAST")
            {
                return false;
            }

            while (reader.Read())
            {
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static void Url(string? value, string field, Dictionary<string, string[]> e, bool required)
    {
        if (value is null ? required : !Ids.IsHttpUrl(value))
        {
            e[field] = ["Must be an absolute http or https URL."];
        }
    }

    private static void Text(string? value, string field, int max, Dictionary<string, string[]> e, bool required)
    {
        if (value is null ? required : string.IsNullOrWhiteSpace(value) || value.Length > max || value.Any(char.IsControl))
        {
            e[field] = [$"Required: 1 to {max} printable characters."];
        }
    }
}
