namespace AdOrleans.Grains;

/// <summary>
/// What a CRM or a contacts import knows about one user (key: the userId): attributes by name, latest value wins.
/// Marketing tools sync these in; <c>GET /v1/users/{userId}/export</c> returns them.
/// </summary>
public interface IContactGrain : IGrainWithStringKey
{
    Task UpsertAsync(ContactUpdate update);

    Task<Contact?> GetAsync();

    /// <summary>Deletes the contact's stored record; true if there was one. Idempotent.</summary>
    Task<bool> EraseAsync();
}

[GenerateSerializer, Immutable]
public sealed record ContactUpdate(
    [property: Id(0)] string Source,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyDictionary<string, string> Attributes);

[GenerateSerializer, Immutable]
public sealed record Contact(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyDictionary<string, string> Attributes,
    [property: Id(2)] IReadOnlyList<string> Sources,
    [property: Id(3)] DateTimeOffset UpdatedAt);
