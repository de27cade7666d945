using AdOrleans.Simulator.Cli;

namespace AdOrleans.Simulator;

internal static class SimulatorProgram
{
    public static Task<int> Main(string[] args) => SimulatorCli.InvokeAsync(args, Console.Out, Console.Error);
}
