namespace AdOrleans.Testing;

/// <summary>A fact that needs PostgreSQL: skipped with the reason when it is absent outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
