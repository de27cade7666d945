using AdOrleans.Gateway.Auth;
using AdOrleans.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every role needs: validated options, ProblemDetails for every error, the start-up banner.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LogOptions>().BindConfiguration(LogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        // Binding failures throw in every environment (not only Development) so BadRequestProblems can name the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AdOrleans.Grains.GrainJsonContext.Default));
        GeneratedApiKeys.AddTo(builder);
        builder.AddApiKeyAuth();
        return builder;
    }

    /// <summary>Unhandled exceptions and bare status codes become ProblemDetails (503 while no silo answers); a client never sees a stack trace.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        var client = app.Services.GetService<ClusterClientConnector>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when client is { Connected: false } => StatusCodes.Status503ServiceUnavailable,
                // No silo answers (yet): the cluster is starting, failing over or unreachable; clients retry.
                OrleansException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseApiKeyAuth();
        return app;
    }
}
