using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using AdOrleans.Simulator.Options;

namespace AdOrleans.Simulator.Cli;

/// <summary>
/// <c>simulator [run flags]</c> generates traffic and writes the ground truth; <c>simulator verify</c> checks it.
/// Exit codes: 0 fine, 1 verification found differences, 2 bad flags, unreachable target or refused key.
/// </summary>
public static class SimulatorCli
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var flags = new CliFlags();
        var root = flags.RunCommand();
        var verify = flags.VerifyCommand();
        root.Subcommands.Add(verify);
        root.SetAction((parsed, ct) => GuardAsync(error, async () =>
        {
            var options = flags.ReadRun(parsed, out var quiet);
            var failures = Validate(options);
            if (failures.Count > 0)
            {
                failures.ForEach(error.WriteLine);
                return 2;
            }

            return await RunCommand.RunAsync(options, quiet, output, ct);
        }));
        verify.SetAction((parsed, ct) => GuardAsync(error, () => VerifyCommand.RunAsync(flags.ReadVerify(parsed), output, ct)));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors)
            {
                await error.WriteLineAsync(e.Message);
            }

            await error.WriteLineAsync("Run with --help for usage.");
            return 2;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>Problems the user can fix become one line and an exit code, never a stack trace.</summary>
    private static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (SimulatorException e)
        {
            await error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }

    private static List<string> Validate(SimulatorOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "invalid option"), .. SimulatorOptionsValidator.Check(options)];
    }
}
