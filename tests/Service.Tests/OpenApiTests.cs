using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.Service.Tests;

public sealed class OpenApiTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheContractsEndpointsAndNotTheOrleansDashboardsRoutes()
    {
        var document = await _service.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal("3.1.1", document.GetProperty("openapi").GetString());
        Assert.Superset(
            new HashSet<string>(["/healthz", "/readyz", "/metrics", "/v1/campaigns", "/v1/campaigns/{id}", "/v1/campaigns/{id}/pause", "/v1/slots/{id}", "/v1/segments/{id}", "/v1/auction",
                "/openrtb2/auction", "/v1/events", "/v1/events/batch", "/v1/t/imp", "/v1/t/click", "/v1/kpi/campaigns/{id}", "/v1/kpi/channels",
                "/v1/kpi/summary", "/v1/kpi/stream", "/v1/reports/billing", "/v1/audit", "/v1/attribution", "/v1/attribution/compare", "/v1/alerts", "/v1/alerts/rules", "/v1/alerts/rules/{id}", "/v1/alerts/{id}/ack", "/v1/budget/recommendations",
                "/v1/experiments", "/v1/experiments/{id}", "/v1/kpi/sentiment", "/v1/automations", "/v1/automations/{id}", "/v1/automations/{id}/firings",
                "/v1/campaigns/{id}/resume", "/v1/campaigns/{id}/stop", "/v1/alerts/{id}", "/v1/segments/clusters", "/v1/segments/clusters/{runId}",
                "/v1/lake/manifest", "/v1/integrations/webhooks/{source}", "/v1/imports/conversions", "/v1/imports/contacts", "/mp/collect",
                "/v1/users/{userId}", "/v1/users/{userId}/export"]),
            new HashSet<string>(paths));
        Assert.DoesNotContain(paths, p => p.StartsWith("/orleans", StringComparison.Ordinal));
    }
}
