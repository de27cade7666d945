using AdOrleans.Simulator.Running;
using Spectre.Console;

namespace AdOrleans.Simulator.Cli;

/// <summary>Live progress: a refreshing table on a terminal, a plain line every 5 s otherwise (CI logs, pipes).</summary>
public static class ProgressDisplay
{
    public static async Task ShowAsync(SimulationRunner runner, double targetRate, bool quiet, CancellationToken cancellationToken)
    {
        if (quiet)
        {
            return;
        }

        var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        var period = interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        long lastAccepted = 0;
        var lastAt = DateTimeOffset.UtcNow;
        string[] headers = ["elapsed", "target/s", "accepted/s", "accepted", "rejected", "dropped", "429", "503", "net err", "p50 ms", "p99 ms", "auctions", "no bid"];
        var table = new Table().AddColumns(headers);
        table.AddEmptyRow();
        async Task LoopAsync(Action<string[]> show)
        {
            using var timer = new PeriodicTimer(period);
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken))
                {
                    var s = runner.Stats;
                    var now = DateTimeOffset.UtcNow;
                    var rate = (s.EventsAccepted - lastAccepted) / (now - lastAt).TotalSeconds;
                    (lastAccepted, lastAt) = (s.EventsAccepted, now);
                    var elapsed = runner.StartedAt is { } start ? now - start : TimeSpan.Zero;
                    show([
                        elapsed.ToString(@"hh\:mm\:ss"), $"{targetRate:N0}", $"{rate:N0}", $"{s.EventsAccepted:N0}", $"{s.EventsRejected:N0}", $"{s.EventsDropped:N0}",
                        $"{s.Status429:N0}", $"{s.Status503:N0}", $"{s.TransportErrors:N0}", $"{s.Latency.PercentileMs(0.5):N1}", $"{s.Latency.PercentileMs(0.99):N1}",
                        $"{s.Auctions:N0}", $"{s.NoBids:N0}",
                    ]);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (!interactive)
        {
            await LoopAsync(cells => Console.WriteLine(string.Join("  ", headers.Select((h, i) => $"{h}={cells[i]}"))));
            return;
        }

        await AnsiConsole.Live(table).StartAsync(async context => await LoopAsync(cells =>
        {
            table.Rows.Clear();
            table.AddRow(cells);
            if (runner.Stats.LastError is { } error)
            {
                table.Caption(new TableTitle(Markup.Escape("last error: " + error)));
            }

            context.Refresh();
        }));
    }
}
