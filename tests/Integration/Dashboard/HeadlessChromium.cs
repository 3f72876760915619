using Microsoft.Playwright;

namespace Pinterest.Modular.Tests.Integration.Dashboard;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright through its executable path (no <c>playwright install</c>), with a
/// fresh profile in a temp directory. <c>PM_TEST_CHROMIUM</c> names another executable.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime, IDisposable
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>Nothing but the page under test: no network of its own, no updates, no sync, no QUIC, no GPU.</summary>
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TempDir _profile = new("pm-chromium-");
    private IPlaywright? _playwright;
    private IBrowserContext? _context;

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PM_TEST_CHROMIUM") is { Length: > 0 } set ? set : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {executable}: install it with `scripts/test-servers.sh up` (apt-get install chromium) or set PM_TEST_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        // A persistent context is how Playwright takes a user-data-dir of our own (it refuses --user-data-dir in Args).
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Timeout = 30_000,
        });
    }

    /// <summary>A new tab (its own sessionStorage) that fails a wait after 20 s and reports the page's script errors.</summary>
    public async Task<BrowserTab> OpenTabAsync(ICollection<string> scriptErrors)
    {
        ArgumentNullException.ThrowIfNull(scriptErrors);
        var page = await Context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.PageError += (_, error) => scriptErrors.Add(error);
        return new BrowserTab(page);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>After <see cref="DisposeAsync"/>: the profile folder goes once the browser has let go of it.</summary>
    public void Dispose() => _profile.Dispose();
}
