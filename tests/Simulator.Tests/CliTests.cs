using AdOrleans.Simulator.Cli;

namespace AdOrleans.Simulator.Tests;

public sealed class CliTests
{
    [Theory]
    [InlineData("--target", "http://127.0.0.1:9", "Cannot reach http://127.0.0.1:9/")]
    [InlineData("--target", "not a url", "is not an absolute http(s) URL")]
    [InlineData("--duration", "forever", "--duration 'forever' is not a duration")]
    [InlineData("--rate", "lots", "lots")]
    [InlineData("--incident", "traffic-spike", "--incident 'traffic-spike': expected KIND[:TARGET]@START+LENGTH[*FACTOR]")]
    [InlineData("--incident", "meteor@1m+1m", "Incidents[0] (meteor): Kind must be one of ctr-collapse, traffic-spike, stalled-partition.")]
    public async Task BadInputIsOneClearMessageAndExitCodeTwo(string flag, string value, string message)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        string[] common = flag == "--duration" ? ["--admin-key", "a", "--quiet"] : ["--admin-key", "a", "--duration", "2s", "--quiet"];
        var code = await SimulatorCli.InvokeAsync([flag, value, .. common], output, error);

        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheIncidentFlagRepeatsOncePerIncident()
    {
        var flags = new CliFlags();
        var parsed = flags.RunCommand().Parse(["--incident", "ctr-collapse:sim-c-winter-sale@30s+2m", "--incident", "stalled-partition:channel:web@1m+1m"]);

        var options = flags.ReadRun(parsed, out _);

        Assert.Equal(["ctr-collapse sim-c-winter-sale", "stalled-partition channel:web"], options.Incidents.Select(i => $"{i.Kind} {i.Target}"));
    }

    [Fact]
    public async Task VerifyWithoutATruthFileSaysSoAndExitsTwo()
    {
        var error = new StringWriter();

        var code = await SimulatorCli.InvokeAsync(["verify", "--truth", "/nonexistent/truth.json", "--admin-key", "a"], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("No ground truth file", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("01:30:00", 5400)]
    [InlineData("15", 15)]
    public void DurationsParseAsPeopleWriteThem(string text, int seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }
}
