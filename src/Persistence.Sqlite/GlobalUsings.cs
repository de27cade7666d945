global using AdOrleans.Grains;
global using AdOrleans.Grains.Kpi;
global using AdOrleans.Log;
global using Microsoft.Extensions.Logging;
