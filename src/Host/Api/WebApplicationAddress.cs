using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api;

public static class WebApplicationAddress
{
    /// <summary>The first address a started host listens on, with the path base: what a client puts in its invoke URL.</summary>
    public static Uri BoundAddress(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var pathBase = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.PathBase;
        return new Uri(address.TrimEnd('/') + pathBase + "/");
    }
}
