namespace AdOrleans.Gateway.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string Client = "client";
    public const string Analyst = "analyst";
    public const string Advertiser = "advertiser";
}

public static class ApiKeyClaims
{
    /// <summary>On an advertiser key's principal: the advertiser name the key was configured under.</summary>
    public const string Advertiser = "adorleans:advertiser";

    /// <summary>Which configured key it is, for the audit log ("admin#1", "advertiser:acme#2"): never the key itself.</summary>
    public const string KeyName = "adorleans:key-name";
}

public static class Policies
{
    /// <summary>Operators: campaigns, slots, segments, cluster; every other policy admits admins too.</summary>
    public const string Admin = "admin";

    /// <summary>Ad clients: a user's segments. The auctions admit the same roles through <see cref="ApiKeyRoles.Client"/>.</summary>
    public const string Client = "client";

    /// <summary>Event ingestion: clients, and advertisers for the money events of their own campaigns (checked per event).</summary>
    public const string Events = "events";

    /// <summary>Analysts: the GETs of KPIs and reports.</summary>
    public const string Reader = "reader";

    /// <summary>Campaign management: admins, and advertisers for their own campaigns (checked per campaign).</summary>
    public const string CampaignOwners = "campaign-owners";

    /// <summary>Campaign KPIs and bills: readers, and advertisers scoped to their own campaigns (checked per endpoint).</summary>
    public const string ScopedReader = "scoped-reader";
}
