using System.Text.Json.Serialization;

namespace AdOrleans.Grains;

/// <summary>
/// An ad. <see cref="LandingUrl"/> is where a click goes (defaults to <see cref="Url"/>). Video creatives carry VAST
/// (<see cref="VastUrl"/> or <see cref="VastXml"/>), native ones the parts of a native ad (<see cref="Title"/>,
/// <see cref="ImageUrl"/>, <see cref="SponsoredBy"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Creative(
    [property: Id(0)] string Id, [property: Id(1)] string Url, [property: Id(2)] int Width, [property: Id(3)] int Height,
    [property: Id(4)] string? LandingUrl = null)
{
    /// <summary>One of <see cref="CreativeFormats"/>; null (creatives stored before formats existed) means banner.</summary>
    [Id(5)]
    public string? Format { get; init; }

    [Id(6)]
    public string? VastUrl { get; init; }

    [Id(7)]
    public string? VastXml { get; init; }

    [Id(8)]
    public int DurationSeconds { get; init; }

    [Id(9)]
    public IReadOnlyList<string>? Mimes { get; init; }

    [Id(10)]
    public string? Title { get; init; }

    [Id(11)]
    public string? ImageUrl { get; init; }

    [Id(12)]
    public string? SponsoredBy { get; init; }

    [JsonIgnore]
    public string Kind => Format ?? CreativeFormats.Banner;
}

public static class CreativeFormats
{
    public const string Banner = "banner";
    public const string Video = "video";
    public const string Native = "native";
}
