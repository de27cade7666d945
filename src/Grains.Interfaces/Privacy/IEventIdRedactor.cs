namespace AdOrleans.Grains.Privacy;

/// <summary>
/// The stream receivers' stored eventId batches keep client eventIds for the retry window; a client's eventIds may
/// embed a user id. Registered by each state store (SQLite, PostgreSQL) for the erasure's <c>eventIds</c> step.
/// </summary>
public interface IEventIdRedactor
{
    /// <summary>Masks the user id with '*' inside every stored eventId that contains it; returns the batches changed.</summary>
    Task<long> RedactAsync(string userId, CancellationToken cancellationToken);
}
