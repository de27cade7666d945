using AdOrleans.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDefaultUrls();
var service = ServiceOptions.From(builder.Configuration);

builder.AddServiceDefaults();
builder.AddTls();
builder.AddMemoryTrimming();
builder.AddEventLog(service);
builder.AddStateStore(service);
builder.AddKpi(service);
builder.AddAdServing(service);
builder.AddLake(service);
if (service.IsSilo)
{
    builder.AddSilo();
}
else
{
    builder.AddClusterClient();
}

builder.AddClusterHistory();

if (service.IsGateway)
{
    builder.AddGateway();
}

builder.AddSimulator();

var app = builder.Build();

app.UseTls();
app.UseServiceDefaults();
app.MapOperations();
if (service.IsGateway)
{
    app.MapGateway();
    app.MapAdServing();
}

app.Run();

public partial class Program;
