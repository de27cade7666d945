global using Orleans;
global using Orleans.Hosting;
global using AdOrleans.Grains;
global using AdOrleans.Grains.Kpi;
global using AdOrleans.Log;
