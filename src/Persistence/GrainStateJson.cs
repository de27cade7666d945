using System.Text.Json;
using Orleans.Storage;

namespace AdOrleans.Persistence;

/// <summary>
/// The one format of stored grain state, whichever storage holds it: JSON with web defaults (readable with any SQL
/// client). Orleans' ADO.NET provider gets it as its serializer, so a state moved between the group-commit table and
/// Orleans' table keeps its bytes.
/// </summary>
public sealed class GrainStateJson : IGrainStorageSerializer
{
    public static JsonSerializerOptions Options => JsonSerializerOptions.Web;

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options);
}
