using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AdOrleans.Distributed.Tests;

public sealed class PostgresPoolDefaultTests
{
    [Fact]
    public void AConnectionStringWithoutAPoolSizeGetsTheServiceDefaultBelowPostgresConnectionLimit()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresHostingExtensions.WithPoolDefault("Host=db;Username=u;Password=p;Database=d"));

        Assert.Equal(PostgresHostingExtensions.DefaultMaxPoolSize, result.MaxPoolSize);
        Assert.Equal(("db", "d"), (result.Host, result.Database));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=7")]
    [InlineData("Host=db;MaxPoolSize=7")]
    public void APoolSizeInTheConnectionStringWins(string connectionString) =>
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(PostgresHostingExtensions.WithPoolDefault(connectionString)).MaxPoolSize);
}
