using System.Buffers;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>The OpenRTB <c>adm</c> of a won impression, per creative format, and its <c>mtype</c>.</summary>
public static class AdMarkup
{
    public const int MtypeBanner = 1;
    public const int MtypeVideo = 2;
    public const int MtypeNative = 4;

    public static int Mtype(Creative creative) => creative.Kind switch
    {
        CreativeFormats.Video => MtypeVideo,
        CreativeFormats.Native => MtypeNative,
        _ => MtypeBanner,
    };

    /// <summary>Banner: the image, linked through the signed click URL.</summary>
    public static string Banner(Creative creative, string click) =>
        $"<a href=\"{WebUtility.HtmlEncode(click)}\"><img src=\"{WebUtility.HtmlEncode(creative.Url)}\" width=\"{creative.Width}\" height=\"{creative.Height}\"></a>";

    /// <summary>
    /// Video: inline <c>vastXml</c> goes out unchanged (its impression is counted through nurl/burl); a <c>vastUrl</c>
    /// is wrapped in a VAST 3.0 Wrapper that also fires the impression beacon and, with a landing URL, tracks clicks.
    /// </summary>
    public static string Video(Creative creative, string impression, string click)
    {
        if (creative.VastXml is { } xml)
        {
            return xml;
        }

        var clicks = creative.LandingUrl is null ? ""
            : $"<Creatives><Creative><Linear><VideoClicks><ClickTracking>{SecurityElement.Escape(click)}</ClickTracking></VideoClicks></Linear></Creative></Creatives>";
        return $"<VAST version=\"3.0\"><Ad id=\"{SecurityElement.Escape(creative.Id)}\"><Wrapper><AdSystem>AdOrleans</AdSystem>"
            + $"<VASTAdTagURI>{SecurityElement.Escape(creative.VastUrl)}</VASTAdTagURI><Impression>{SecurityElement.Escape(impression)}</Impression>"
            + $"{clicks}</Wrapper></Ad></VAST>";
    }

    /// <summary>
    /// Native: an OpenRTB Native 1.2 response answering the request's asset ids, the link through the signed click
    /// URL, and the impression beacon as both imptracker and (event 1 impression, method 1 image) eventtracker.
    /// </summary>
    public static string Native(Creative creative, NativeAsk ask, string impression, string click)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("ver", "1.2");
            w.WriteStartArray("assets");
            foreach (var asset in ask.Fill(creative) ?? [])
            {
                w.WriteStartObject();
                w.WriteNumber("id", asset.Id);
                switch (asset.Kind)
                {
                    case NativeAsk.AssetKind.Title:
                        w.WriteStartObject("title");
                        w.WriteString("text", creative.Title);
                        break;
                    case NativeAsk.AssetKind.Image:
                        w.WriteStartObject("img");
                        w.WriteString("url", creative.ImageUrl);
                        if (creative.Width > 0 && creative.Height > 0)
                        {
                            w.WriteNumber("w", creative.Width);
                            w.WriteNumber("h", creative.Height);
                        }

                        break;
                    default:
                        w.WriteStartObject("data");
                        w.WriteString("value", creative.SponsoredBy);
                        break;
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("link");
            w.WriteString("url", click);
            w.WriteEndObject();
            w.WriteStartArray("imptrackers");
            w.WriteStringValue(impression);
            w.WriteEndArray();
            w.WriteStartArray("eventtrackers");
            w.WriteStartObject();
            w.WriteNumber("event", 1);
            w.WriteNumber("method", 1);
            w.WriteString("url", impression);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
