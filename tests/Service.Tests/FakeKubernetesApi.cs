using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Service.Tests;

/// <summary>
/// The slice of the Kubernetes API that Orleans' pod watcher calls (pods of one namespace, one pod in it), on
/// loopback over plain HTTP. Every call is recorded as the RBAC verb it needs, so a test can hold the Role in k8s/
/// to what the silo really does.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ApiCall> _calls = new();

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public IReadOnlyList<ApiCall> Calls => [.. _calls];

    public static async Task<FakeKubernetesApi> StartAsync(string podNamespace, string podName, IReadOnlyDictionary<string, string> labels)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        var pod = new { apiVersion = "v1", kind = "Pod", metadata = new { name = podName, @namespace = podNamespace, labels } };

        app.Map($"/api/v1/namespaces/{podNamespace}/pods/{{name}}", (HttpContext context, string name) =>
        {
            api.Record(context, context.Request.Method switch { "GET" => "get", "PATCH" => "patch", "DELETE" => "delete", var m => m }, name);
            return name == podName && HttpMethods.IsGet(context.Request.Method) ? Results.Json(pod) : Results.NotFound();
        });
        app.MapGet($"/api/v1/namespaces/{podNamespace}/pods", async (HttpContext context) =>
        {
            if (context.Request.Query["watch"] != "true")
            {
                api.Record(context, "list", null);
                await Results.Json(new { apiVersion = "v1", kind = "PodList", metadata = new { resourceVersion = "1" }, items = new[] { pod } }).ExecuteAsync(context);
                return;
            }

            // A watch that reports no change: the stream stays open until the silo stops watching.
            api.Record(context, "watch", null);
            context.Response.ContentType = "application/json";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
        });

        await app.StartAsync();
        return api;
    }

    private void Record(HttpContext context, string verb, string? name) =>
        _calls.Enqueue(new ApiCall(verb, name, context.Request.Query["labelSelector"].ToString()));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One API call: its RBAC verb, the pod it named (get, patch, delete) and its label selector (list, watch).</summary>
internal sealed record ApiCall(string Verb, string? Pod, string LabelSelector);
