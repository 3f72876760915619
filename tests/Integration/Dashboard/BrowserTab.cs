using Microsoft.Playwright;

namespace Pinterest.Modular.Tests.Integration.Dashboard;

/// <summary>
/// A tab that closes when disposed: declared after its server, it closes first, so the page stops polling before the
/// server stops and its data directory is deleted.
/// </summary>
public sealed class BrowserTab(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
