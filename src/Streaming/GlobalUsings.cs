global using AdOrleans.Grains;
global using AdOrleans.Grains.Streams;
global using AdOrleans.Log;
global using AdOrleans.Persistence;
global using Microsoft.Extensions.Logging;
global using Orleans;
global using Orleans.Runtime;
global using Orleans.Streams;
