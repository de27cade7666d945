using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace AdOrleans.AdServing.Tests;

/// <summary>Banner, video and native impressions in the shapes of the IAB OpenRTB 2.6 examples (slot "1" = imp id "1").</summary>
public sealed class OpenRtbMediaTests : IAsyncLifetime
{
    private const string SimpleBanner = """
        {"id":"80ce30c53c16e6ede735f123ef6e32361bfc7b22","at":1,"cur":["USD"],
         "imp":[{"id":"1","bidfloor":0.03,"banner":{"h":250,"w":300,"pos":0}}],
         "site":{"id":"102855","cat":["IAB3-1"],"domain":"www.foobar.com","page":"http://www.foobar.com/1234.html",
                 "publisher":{"id":"8953","name":"foobar.com","cat":["IAB3-1"],"domain":"foobar.com"}},
         "device":{"ua":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_6_8) AppleWebKit/537.13 (KHTML, like Gecko) Version/5.1.7 Safari/534.57.2","ip":"123.145.167.10"},
         "user":{"id":"55816b39711f9b5acf3b90e313ed29e51665623f"}}
        """;

    private const string VideoRequest = """
        {"id":"1234567893","at":2,"tmax":120,
         "imp":[{"id":"1","bidfloor":0.03,"video":{"w":640,"h":480,"pos":1,"startdelay":0,"minduration":5,"maxduration":30,"maxextended":30,
                 "minbitrate":300,"maxbitrate":1500,"api":[1,2],"protocols":[2,3],"mimes":["video/x-flv","video/mp4","application/javascript"],
                 "linearity":1,"boxingallowed":1,"playbackmethod":[1,3],"delivery":[2],"battr":[13,14],
                 "companionad":[{"id":"1234567893-1","w":300,"h":250,"pos":1,"battr":[13,14],"expdir":[2,4]}],"companiontype":[1,2]}}],
         "site":{"id":"1345135123","name":"Site ABCD","domain":"siteabcd.com","cat":["IAB2-1","IAB2-2"],"page":"http://siteabcd.com/page.htm",
                 "publisher":{"id":"pub12345","name":"Publisher A"},"content":{"id":"1234567","series":"All About Cars","season":"2","episode":23,"title":"Car Show","cat":["IAB2-2"]}},
         "device":{"ua":"Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10.6; en-US; rv:1.9.2.16) Gecko/20110319 Firefox/3.6.16","os":"OS X","js":1},
         "user":{"id":"456789876567897654678987656789","buyeruid":"545678765467876567898765678987654"}}
        """;

    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static string NativeRequest(bool descriptionRequired)
    {
        var native = JsonSerializer.Serialize(new
        {
            ver = "1.2", context = 2, plcmttype = 1, plcmtcnt = 1,
            assets = new object[]
            {
                new { id = 123, required = 1, title = new { len = 140 } },
                new { id = 128, required = 1, img = new { type = 3, wmin = 836, hmin = 627 } },
                new { id = 126, required = 0, data = new { type = 1, len = 25 } },
                new { id = 127, required = descriptionRequired ? 1 : 0, data = new { type = 2, len = 140 } },
            },
            eventtrackers = new[] { new { @event = 1, methods = new[] { 1, 2 } } },
        });
        return JsonSerializer.Serialize(new
        {
            id = "native-req-1",
            imp = new[] { new { id = "1", bidfloor = 0.5, native = new { ver = "1.2", request = native } } },
            app = new { id = "agltb3B1Yi1pbmNyDAsSA0FwcBiJkfIUDA", bundle = "com.example.news", name = "News" },
            device = new { devicetype = 4, os = "Android" },
            user = new { id = "u-native" },
        });
    }

    [Fact]
    public async Task ABannerImpressionGetsAnHtmlBannerWithMtype1()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("ban", 2_000_000, "1", adomain: ["acme.example"], categories: ["IAB2-1"]), "ban");

        var (response, bid) = await _service.OneBidAsync(SimpleBanner);

        Assert.Equal("USD", response.Text("cur"));
        Assert.Equal(1, bid.GetProperty("mtype").GetInt32());
        Assert.Equal(2.0m, bid.GetProperty("price").GetDecimal());
        Assert.StartsWith("<a href=", bid.Text("adm"));
        Assert.Equal(["acme.example"], bid.GetProperty("adomain").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["IAB2-1"], bid.GetProperty("cat").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal((300, 250), (bid.GetProperty("w").GetInt32(), bid.GetProperty("h").GetInt32()));
        Assert.False(bid.TryGetProperty("dealid", out _));
    }

    [Fact]
    public async Task AVideoImpressionGetsAVastWrapperWithTheImpressionBeaconAndMtype2()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("vid", 2_000_000, "1", OpenRtb.Video("vid", vastUrl: "https://vast.example/ad.xml")), "vid");
        await _service.CampaignAsync(OpenRtb.Campaign("ban-high", 9_000_000, "1"), "ban-high");
        await _service.CampaignAsync(OpenRtb.Campaign("vid-long", 8_000_000, "1", OpenRtb.Video("vid-long", vastUrl: "https://vast.example/long.xml", durationSeconds: 60)), "vid-long");

        var (_, bid) = await _service.OneBidAsync(VideoRequest);

        Assert.Equal("vid-video", bid.Text("crid"));
        Assert.Equal(2, bid.GetProperty("mtype").GetInt32());
        var vast = XDocument.Parse(bid.Text("adm")!).Root!;
        Assert.Equal("VAST", vast.Name.LocalName);
        var wrapper = vast.Element("Ad")!.Element("Wrapper")!;
        Assert.Equal("https://vast.example/ad.xml", wrapper.Element("VASTAdTagURI")!.Value);
        Assert.Equal(bid.Text("burl"), wrapper.Element("Impression")!.Value);
        var click = wrapper.Descendants("ClickTracking").Single().Value;
        Assert.Equal(HttpStatusCode.Redirect, (await _service.Ads().GetAsync(click)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _service.Ads().GetAsync(wrapper.Element("Impression")!.Value)).StatusCode);
    }

    [Fact]
    public async Task AnInlineVastDocumentIsAnsweredUnchanged()
    {
        const string Inline = """<VAST version="4.2"><Ad id="a1"><InLine><AdSystem>Acme</AdSystem><AdTitle>Spot</AdTitle><Impression>https://acme.example/i</Impression><Creatives><Creative><Linear><Duration>00:00:15</Duration><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="640" height="480">https://cdn.example/spot.mp4</MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>""";
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("inline", 2_000_000, "1", OpenRtb.Video("inline", vastXml: Inline)), "inline");

        var (_, bid) = await _service.OneBidAsync(VideoRequest);

        Assert.Equal(2, bid.GetProperty("mtype").GetInt32());
        Assert.Equal(Inline, bid.Text("adm"));
        Assert.Contains("/v1/t/imp?token=", bid.Text("nurl"));
    }

    [Fact]
    public async Task ANativeImpressionGetsANative12ResponseAnsweringTheRequestedAssetIds()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("nat", 2_000_000, "1", OpenRtb.Native("nat")), "nat");
        await _service.CampaignAsync(OpenRtb.Campaign("nat-ban", 9_000_000, "1"), "nat-ban");

        var (_, bid) = await _service.OneBidAsync(NativeRequest(descriptionRequired: false));

        Assert.Equal(4, bid.GetProperty("mtype").GetInt32());
        var native = JsonDocument.Parse(bid.Text("adm")!).RootElement;
        Assert.Equal("1.2", native.Text("ver"));
        var assets = native.GetProperty("assets").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetInt32());
        Assert.Equal([123, 128, 126], assets.Keys);
        Assert.Equal("The new Acme roadster", assets[123].GetProperty("title").Text("text"));
        Assert.Equal("https://cdn.example/nat.jpg", assets[128].GetProperty("img").Text("url"));
        Assert.Equal("Acme", assets[126].GetProperty("data").Text("value"));
        Assert.Equal(bid.Text("burl"), native.GetProperty("imptrackers")[0].GetString());
        Assert.Equal(bid.Text("burl"), native.GetProperty("eventtrackers")[0].Text("url"));
        var click = await _service.Ads().GetAsync(native.GetProperty("link").Text("url"));
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal(OpenRtb.Landing, click.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ANativeRequestWithARequiredAssetNoCreativeCanFillGetsNoBid()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("nat-desc", 2_000_000, "1", OpenRtb.Native("nat-desc")), "nat-desc");

        var response = await _service.BidAsync(NativeRequest(descriptionRequired: true));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task AVideoCreativeNeverAnswersABannerImpressionNorTheV1Auction()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("vid-only", 2_000_000, "1", OpenRtb.Video("vid-only", vastUrl: "https://vast.example/ad.xml")), "vid-only");

        Assert.Equal(HttpStatusCode.NoContent, (await _service.BidAsync(SimpleBanner)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "1" })).StatusCode);
    }
}
