global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Npgsql;
global using Orleans;
global using Orleans.Hosting;
global using Orleans.Messaging;
