using System.Globalization;
using AdOrleans.Simulator.Options;

namespace AdOrleans.Simulator.Cli;

/// <summary>
/// Reads <c>--incident KIND[:TARGET]@START+LENGTH[*FACTOR]</c>, e.g. <c>ctr-collapse:sim-c-winter-sale@30s+2m</c>,
/// <c>traffic-spike@5m+1m*10</c>, <c>stalled-partition:channel:web@1m+3m</c>. START is after the run starts, real time.
/// </summary>
public static class IncidentParser
{
    public const string Syntax = "KIND[:TARGET]@START+LENGTH[*FACTOR]";

    public static IncidentSpec Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var plus = text.IndexOf('+', Math.Max(at, 0));
        if (at <= 0 || plus < 0)
        {
            throw Bad(text, $"expected {Syntax}");
        }

        var head = text[..at];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        var star = text.IndexOf('*', plus);
        var lengthText = star < 0 ? text[(plus + 1)..] : text[(plus + 1)..star];
        double? factor = null;
        if (star >= 0)
        {
            factor = double.TryParse(text[(star + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : throw Bad(text, "FACTOR is not a number");
        }

        return new IncidentSpec
        {
            Kind = colon < 0 ? head : head[..colon],
            Target = colon < 0 ? null : head[(colon + 1)..],
            StartsAfter = Offset(text[(at + 1)..plus], text),
            Length = DurationParser.TryParse(lengthText, out var length) ? length : throw Bad(text, "LENGTH is not a duration"),
            Factor = factor,
        };
    }

    /// <summary>Like a duration, but 0 is allowed: an incident may start with the run.</summary>
    private static TimeSpan Offset(string text, string whole) =>
        text.Trim() is "0" or "0s" ? TimeSpan.Zero : DurationParser.TryParse(text, out var offset) ? offset : throw Bad(whole, "START is not a duration");

    private static SimulatorException Bad(string text, string why) => new($"--incident '{text}': {why} (e.g. ctr-collapse:sim-c-winter-sale@30s+2m, traffic-spike@5m+1m*10).");
}
