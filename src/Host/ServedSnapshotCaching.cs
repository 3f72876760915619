using Microsoft.Net.Http.Headers;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Host;

/// <summary>
/// HTTP validators for answers drawn from a served analytics snapshot: its tag as the <c>ETag</c>, and
/// <c>no-cache</c> so a client asks again each time but gets a bodiless 304 while the snapshot is the same.
/// </summary>
public static class ServedSnapshotCaching
{
    /// <summary>Sets the validators; true when the request's <c>If-None-Match</c> already names this snapshot.</summary>
    public static bool IsNotModified(HttpContext context, AnalyticsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(snapshot);
        var tag = new EntityTagHeaderValue(snapshot.Tag);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = tag;
        context.Response.Headers.CacheControl = "no-cache";
        var asked = context.Request.GetTypedHeaders().IfNoneMatch;
        return asked.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(tag, useStrongComparison: false));
    }
}
