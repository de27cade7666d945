global using Orleans;
global using Orleans.Storage;
global using AdOrleans.Grains.Streams;
global using Microsoft.Extensions.Logging;
global using Orleans.Runtime;
global using Orleans.Streams;
global using Orleans.Streams.Core;
