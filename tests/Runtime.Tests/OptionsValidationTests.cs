using Microsoft.Extensions.Options;

namespace AdOrleans.Runtime.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task InconsistentRuntimeOptionsStopTheStartWithEveryProblemNamed()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => RuntimeHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Runtime:IdleDeactivationAge"] = "00:00:01",
            ["Runtime:CollectionInterval"] = "00:00:05",
            ["Runtime:TurnsPerSlice"] = "0",
        }));

        Assert.Contains(failure.Failures, f => f.Contains("Runtime:CollectionInterval"));
        Assert.Contains(failure.Failures, f => f.Contains("TurnsPerSlice"));
    }
}
