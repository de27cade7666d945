using System.Net;
using System.Text.Json.Nodes;

namespace AdOrleans.Service.Tests;

/// <summary>The privacy endpoints' contract: ids validated, admin only, unknown jobs 404.</summary>
public sealed class PrivacyApiTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions { TempFolder = "adorleans-privacy-tests" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Theory]
    [InlineData("DELETE", "/v1/users/-starts-with-a-dash")]
    [InlineData("DELETE", "/v1/users/has%20space")]
    [InlineData("GET", "/v1/users/has:colon/export")]
    public async Task An_invalid_user_id_is_a_400_naming_userId(string method, string path)
    {
        using var admin = _service.CreateClient(_service.AdminKey);
        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["userId"]);
    }

    [Theory]
    [InlineData("DELETE", "/v1/users/u-1")]
    [InlineData("GET", "/v1/users/u-1/export")]
    [InlineData("GET", "/v1/users/erasures/0123456789abcdef")]
    public async Task A_client_key_is_403_and_no_key_is_401(string method, string path)
    {
        using var client = _service.CreateClient(_service.ClientKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).StatusCode);
        using var anonymous = _service.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_erasure_job_is_404()
    {
        using var admin = _service.CreateClient(_service.AdminKey);
        var response = await admin.GetAsync("/v1/users/erasures/0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_audit_log_records_an_erasure_without_the_user_id()
    {
        using var admin = _service.CreateClient(_service.AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync("/v1/users/audit-me-4d2e")).StatusCode);
        var audit = await Eventually.GetAsync<JsonNode>(admin, "/v1/audit", a => a.ToJsonString().Contains("/v1/users/", StringComparison.Ordinal));
        Assert.Contains("/v1/users/{userId}", audit.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("audit-me-4d2e", audit.ToJsonString(), StringComparison.Ordinal);
    }
}
