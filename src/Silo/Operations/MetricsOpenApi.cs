using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// <c>/metrics</c> is prometheus-net's middleware, not a route handler, so ASP.NET Core's generator cannot see it; the
/// contract lists it among the public endpoints the OpenAPI document covers, so it is described here by hand.
/// </summary>
internal static class MetricsOpenApi
{
    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = "Prometheus text format: .NET, Orleans and adorleans_* series.",
                    Responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "text/plain; version=0.0.4" } },
                },
            },
        };
        return Task.CompletedTask;
    }
}
