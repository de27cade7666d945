using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AdOrleans.Grains.Lake;

namespace AdOrleans.Gateway.Lake;

/// <summary>The body of <c>POST /v1/lake/query</c>.</summary>
public sealed record LakeQueryRequest(string? Sql, int? MaxRows, int? TimeoutSeconds);

public sealed record LakeColumn(string Name, string Type);

/// <summary>A query's answer: columns with DuckDB's type names, rows as JSON arrays, whether <c>maxRows</c> cut it.</summary>
public sealed record LakeQueryResult(IReadOnlyList<LakeColumn> Columns, JsonArray Rows, bool Truncated, long ElapsedMs);

public sealed record LakeTotals(int Files, long Rows, long Bytes);

/// <summary><c>GET /v1/lake/manifest</c>: every visible file, oldest date first.</summary>
public sealed record LakeManifest(IReadOnlyList<LakeFile> Files, LakeTotals Totals);

/// <summary>Source-generated metadata for the lake's requests and answers, with the HTTP options' web defaults.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LakeQueryRequest))]
[JsonSerializable(typeof(LakeQueryResult))]
[JsonSerializable(typeof(LakeManifest))]
public sealed partial class LakeJsonContext : JsonSerializerContext;
