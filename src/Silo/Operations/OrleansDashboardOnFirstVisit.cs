using AdOrleans.Gateway.Auth;
using Orleans.Dashboard;

namespace AdOrleans.Silo.Operations;

/// <summary>
/// Orleans' dashboard under <see cref="OrleansDashboard.Path"/>, its endpoints built when an operator first opens it.
/// <c>MapOrleansDashboard</c> builds the dashboard's asset provider at once, which reads every file embedded in
/// Orleans.Dashboard.dll into arrays (its 3.8 MB script and 12.9 MB source map too), keeps a gzipped copy of each and
/// hashes both: ~33 MiB of resident memory (the arrays and the DLL's pages they were read from) and CPU at every start,
/// in a service whose operators may never open the page. The dashboard's grains and metric collection still start with
/// the silo (AddDashboard), so the page has its history when it is opened.
/// </summary>
internal static class OrleansDashboardOnFirstVisit
{
    public static void MapOrleansDashboardOnFirstVisit(this WebApplication app)
    {
        var dashboard = new Lazy<RequestDelegate>(() => Build(app.Services));
        app.MapWhen(
            context => context.Request.Path.StartsWithSegments(OrleansDashboard.Path),
            branch => branch.Run(context => dashboard.Value(context)));
    }

    /// <summary>
    /// A pipeline of its own: the service's authentication has already run (the dashboard's cookie is read there), so
    /// routing and authorization enforce the admin policy on the dashboard's endpoints, as on any other.
    /// </summary>
    private static RequestDelegate Build(IServiceProvider services)
    {
        var dashboard = new ApplicationBuilder(services);
        dashboard.UseRouting();
        dashboard.UseAuthorization();
        dashboard.UseEndpoints(endpoints => endpoints.MapOrleansDashboard(OrleansDashboard.Path).RequireAuthorization(Policies.Admin));
        return dashboard.Build();
    }
}
