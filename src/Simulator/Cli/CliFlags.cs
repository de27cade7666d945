using System.CommandLine;
using AdOrleans.Simulator.Options;

namespace AdOrleans.Simulator.Cli;

public sealed record VerifySettings(string? Target, string? AdminKey, string TruthPath, TimeSpan Wait, TimeSpan Settle, bool Strict);

/// <summary>The command-line flags and how they map onto <see cref="SimulatorOptions"/>.</summary>
public sealed class CliFlags
{
    private readonly Option<string> _target = new("--target") { Description = "Gateway base URL.", DefaultValueFactory = _ => "http://localhost:5080" };
    private readonly Option<string?> _adminKey = new("--admin-key") { Description = "Admin API key (or env ADORLEANS_ADMIN_KEY)." };
    private readonly Option<string?> _clientKey = new("--client-key") { Description = "Client API key (or env ADORLEANS_CLIENT_KEY)." };
    private readonly Option<double> _rate = new("--rate") { Description = "Mean events per second.", DefaultValueFactory = _ => 1000 };
    private readonly Option<string> _duration = new("--duration") { Description = "Run length: 90s, 10m, 1h, 01:30:00.", DefaultValueFactory = _ => "1m" };
    private readonly Option<double> _timeScale = new("--time-scale") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for every random choice (default: random, printed)." };
    private readonly Option<string?> _truth = new("--truth") { Description = "Write the ground truth JSON here." };
    private readonly Option<int> _users = new("--users") { Description = "Simulated users.", DefaultValueFactory = _ => 20_000 };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = "Events per batch request (≤ 1000).", DefaultValueFactory = _ => 500 };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "Batches in flight.", DefaultValueFactory = _ => 4 };
    private readonly Option<int> _adConcurrency = new("--ad-concurrency") { Description = "Auctions in flight.", DefaultValueFactory = _ => 32 };
    private readonly Option<double> _adShare = new("--ad-share") { Description = "Share of activities that are ad opportunities.", DefaultValueFactory = _ => 0.1 };
    private readonly Option<string> _tracking = new("--tracking") { Description = "beacon (GET tracking URLs) or events (token in batches).", DefaultValueFactory = _ => "beacon" };
    private readonly Option<double> _diurnal = new("--diurnal-amplitude") { Description = "Daily swing 0…0.95 (0 = flat).", DefaultValueFactory = _ => 0.6 };
    private readonly Option<string[]> _incidents = new("--incident")
    {
        Description = $"Stage an incident (repeatable): {IncidentParser.Syntax}; kinds ctr-collapse, traffic-spike, stalled-partition.",
        DefaultValueFactory = _ => [],
    };
    private readonly Option<bool> _noSetup = new("--no-setup") { Description = "Do not create campaigns, slots and segments." };
    private readonly Option<string?> _runId = new("--run-id") { Description = "Prefix of event ids (default: fresh per run)." };
    private readonly Option<bool> _quiet = new("--quiet") { Description = "No progress display." };
    private readonly Option<string> _truthIn = new("--truth") { Description = "Ground truth JSON written by a run.", Required = true };
    private readonly Option<string?> _verifyTarget = new("--target") { Description = "Gateway base URL (default: the one in the truth file)." };
    private readonly Option<string> _wait = new("--wait") { Description = "How long to wait for the service to catch up.", DefaultValueFactory = _ => "60s" };
    private readonly Option<string> _settle = new("--settle") { Description = "Give up early when readings stop changing for this long.", DefaultValueFactory = _ => "5s" };
    private readonly Option<bool> _strict = new("--strict") { Description = "A missing KPI or billing API is a failure, not a skip." };

    public RootCommand RunCommand() => new("AdOrleans traffic simulator: web, social, email, purchase and ad traffic with ground truth.")
    {
        _target, _adminKey, _clientKey, _rate, _duration, _timeScale, _seed, _truth, _users, _batchSize, _concurrency, _adConcurrency,
        _adShare, _tracking, _diurnal, _incidents, _noSetup, _runId, _quiet,
    };

    public Command VerifyCommand() => new("verify", "Compare a ground truth file with the service's totals, KPIs and billing report.")
    {
        _verifyTarget, _adminKey, _truthIn, _wait, _settle, _strict,
    };

    public SimulatorOptions ReadRun(ParseResult parsed, out bool quiet)
    {
        quiet = parsed.GetValue(_quiet);
        return new SimulatorOptions
        {
            Target = parsed.GetValue(_target),
            AdminKey = parsed.GetValue(_adminKey) ?? Environment.GetEnvironmentVariable("ADORLEANS_ADMIN_KEY"),
            ClientKey = parsed.GetValue(_clientKey) ?? Environment.GetEnvironmentVariable("ADORLEANS_CLIENT_KEY"),
            EventsPerSecond = parsed.GetValue(_rate),
            Duration = Duration(parsed.GetValue(_duration), "--duration"),
            TimeScale = parsed.GetValue(_timeScale),
            Seed = parsed.GetValue(_seed),
            TruthPath = parsed.GetValue(_truth),
            Users = parsed.GetValue(_users),
            BatchSize = parsed.GetValue(_batchSize),
            Concurrency = parsed.GetValue(_concurrency),
            AdConcurrency = parsed.GetValue(_adConcurrency),
            AdShare = parsed.GetValue(_adShare),
            Tracking = parsed.GetValue(_tracking)!,
            DiurnalAmplitude = parsed.GetValue(_diurnal),
            Incidents = [.. (parsed.GetValue(_incidents) ?? []).Select(IncidentParser.Parse)],
            Setup = !parsed.GetValue(_noSetup),
            RunId = parsed.GetValue(_runId),
        };
    }

    public VerifySettings ReadVerify(ParseResult parsed) => new(
        parsed.GetValue(_verifyTarget),
        parsed.GetValue(_adminKey) ?? Environment.GetEnvironmentVariable("ADORLEANS_ADMIN_KEY"),
        parsed.GetValue(_truthIn)!,
        Duration(parsed.GetValue(_wait), "--wait"),
        Duration(parsed.GetValue(_settle), "--settle"),
        parsed.GetValue(_strict));

    private static TimeSpan Duration(string? text, string flag) =>
        DurationParser.TryParse(text, out var duration) ? duration : throw new SimulatorException($"{flag} '{text}' is not a duration (e.g. 90s, 10m, 1h, 01:30:00).");
}
