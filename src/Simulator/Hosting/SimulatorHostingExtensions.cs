using AdOrleans.Simulator.Hosting;
using AdOrleans.Simulator.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class SimulatorHostingExtensions
{
    /// <summary>The built-in traffic simulator: runs inside the process when <c>Simulator:EventsPerSecond</c> &gt; 0, calling the process's own HTTP API.</summary>
    public static IHostApplicationBuilder AddSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        if (builder.Configuration.GetValue<double>($"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.EventsPerSecond)}") > 0)
        {
            builder.Services.AddHostedService<SimulatorHostedService>();
        }

        return builder;
    }
}
