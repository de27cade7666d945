namespace AdOrleans.Bench;

/// <summary>The benchmark failed (stalled, wrong totals, a failed check); <see cref="BenchmarkProcess"/> logs the message and exits 1.</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
