namespace AdOrleans.Simulator.Verify;

/// <summary>One number that does not match: where it was read, for what, which field, what the truth says and what the service says.</summary>
public sealed record Difference(string Source, string Subject, string Field, long Expected, long Actual, string? Rule = null)
{
    public override string ToString() =>
        $"{Source,-8} {Subject,-28} {Field,-22} expected {Expected,14:N0}  actual {Actual,14:N0}  ({Actual - Expected:+#,0;-#,0;0}){(Rule is null ? "" : "  " + Rule)}";
}

public sealed class VerifyReport
{
    public List<Difference> Differences { get; } = [];

    /// <summary>What was compared, and what was skipped and why.</summary>
    public List<string> Notes { get; } = [];

    public int Compared { get; set; }

    public bool Passed => Differences.Count == 0;
}
