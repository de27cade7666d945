namespace AdOrleans.Distributed.Bench;

/// <summary>
/// What one benchmark process measures. Arguments: [events] [lag-rate] [phases]; the rest from the environment
/// (DISTRIBUTED_BENCH_*), so that compare-distributed.sh and run-all.sh pass the same three arguments the baseline's
/// benchmark takes (events, lag rate) and only add knobs.
/// </summary>
internal sealed record BenchOptions
{
    public static readonly string[] AllPhases = ["drain", "live", "lag", "drain-cyclic", "auction", "leases"];

    /// <summary>Events of the backlog drain and of produce + consume (the baseline's N).</summary>
    public int Events { get; init; } = 600_000;

    public int LagRate { get; init; } = 20_000;

    public int LagSeconds { get; init; } = 10;

    /// <summary>Uncounted events through a first silo before anything is measured (JIT, pools), as the baseline's 50,000.</summary>
    public int WarmUp { get; init; } = 50_000;

    /// <summary>Campaign keys; Zipf(<see cref="Zipf"/>) over them, as Pipeline.Bench's skewed workload.</summary>
    public int Keys { get; init; } = 1_000;

    public double Zipf { get; init; } = 1.0;

    /// <summary>Distinct users of the skewed workload (Pipeline.Bench's 50,000): each key keeps up to 2,000 open web sessions of them.</summary>
    public int Users { get; init; } = 50_000;

    /// <summary>Partitions of every topic in the pipeline phases: 8, as the baseline's benchmark.</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>The producer's compression.type; lz4 so that the backlog fits the mock broker (<see cref="Producer"/>).</summary>
    public string Compression { get; init; } = "lz4";

    public int WrkSeconds { get; init; } = 10;

    public int AuctionRounds { get; init; } = 3;

    public int LeaseRounds { get; init; } = 3;

    /// <summary>Auctions offered per second in the leases phase (the issue's 5,000 with 3 gateways).</summary>
    public int LeaseRate { get; init; } = 5_000;

    /// <summary>Each campaign's budget in the leases phase, in currency units (a maximal charge is 0.0020–0.0024).</summary>
    public int LeaseBudgetUnits { get; init; } = 10;

    /// <summary>How long the committed offsets may stand still before the benchmark fails.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(120);

    public string Postgres { get; init; } = "Host=127.0.0.1;Username=adorleans;Password=adorleans;Database=postgres";

    public IReadOnlySet<string> Phases { get; init; } = new HashSet<string>(AllPhases.Except(["drain-cyclic", "leases"]), StringComparer.OrdinalIgnoreCase);

    public bool Runs(string phase) => Phases.Contains(phase);

    public bool RunsPipeline => AllPhases[..4].Any(Runs);

    public static BenchOptions Parse(string[] args)
    {
        var phases = (args.Length > 2 ? args[2] : "drain,live,lag,auction")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (phases.Except(AllPhases, StringComparer.OrdinalIgnoreCase).ToList() is [_, ..] unknown)
        {
            // A misspelt phase would otherwise be skipped silently and the run would look complete.
            throw new ArgumentException($"Unknown phases {string.Join(",", unknown)}; there are {string.Join(",", AllPhases)}.");
        }

        return new BenchOptions
        {
            Events = args.Length > 0 ? Positive(args[0], "events") : 600_000,
            LagRate = args.Length > 1 ? Positive(args[1], "lag rate") : 20_000,
            Phases = new HashSet<string>(phases, StringComparer.OrdinalIgnoreCase),
            LagSeconds = Env("DISTRIBUTED_BENCH_LAG_SECONDS", 10),
            WarmUp = Env("DISTRIBUTED_BENCH_WARMUP", 50_000),
            Keys = Env("DISTRIBUTED_BENCH_KEYS", 1_000),
            Zipf = double.TryParse(Environment.GetEnvironmentVariable("DISTRIBUTED_BENCH_ZIPF"), CultureInfo.InvariantCulture, out var s) && s >= 0 ? s : 1.0,
            Users = Env("DISTRIBUTED_BENCH_USERS", 50_000),
            Partitions = Env("DISTRIBUTED_BENCH_PARTITIONS", 8),
            Compression = Environment.GetEnvironmentVariable("DISTRIBUTED_BENCH_COMPRESSION") is { Length: > 0 } c ? c : "lz4",
            WrkSeconds = Env("DISTRIBUTED_BENCH_WRK_SECONDS", 10),
            AuctionRounds = Env("DISTRIBUTED_BENCH_AUCTION_ROUNDS", 3),
            LeaseRounds = Env("DISTRIBUTED_BENCH_LEASE_ROUNDS", 3),
            LeaseRate = Env("DISTRIBUTED_BENCH_LEASE_RATE", 5_000),
            LeaseBudgetUnits = Env("DISTRIBUTED_BENCH_LEASE_BUDGET", 10),
            Stall = TimeSpan.FromSeconds(Env("DISTRIBUTED_BENCH_STALL_SECONDS", 120)),
            Postgres = Environment.GetEnvironmentVariable("ADORLEANS_BENCH_POSTGRES") is { Length: > 0 } pg ? pg : new BenchOptions().Postgres,
        };
    }

    private static int Positive(string text, string what) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"{what} must be a positive whole number, not '{text}'.");

    private static int Env(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? Positive(text, name) : fallback;
}
