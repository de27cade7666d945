global using AdOrleans.Log;
global using Xunit;
