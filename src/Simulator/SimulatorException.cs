namespace AdOrleans.Simulator;

/// <summary>A problem the user can act on (unreachable target, wrong key, bad flag): shown as one message, with the exit code to use.</summary>
public sealed class SimulatorException(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
