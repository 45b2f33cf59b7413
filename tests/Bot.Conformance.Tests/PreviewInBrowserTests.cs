using Bot.App.Cli;
using Bot.Conformance.Tests.Payloads;
using Bot.Conformance.Tests.Support;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Microsoft.Playwright;

namespace Bot.Conformance.Tests;

/// <summary>
/// The <c>--format html</c> preview in a real browser: Debian's Chromium, driven by Playwright, at a phone's 400 px.
/// Nothing is downloaded: the browser is the installed one (<c>BOT_CHROMIUM</c>, else /usr/bin/chromium), and without
/// it the tests are reported as skipped. Each page and its screenshot are kept in <c>BOT_PREVIEW_ARTIFACTS</c> (CI sets
/// it beside the test results), else in this project's TestResults/previews.
/// </summary>
public sealed class PreviewInBrowserTests(PreviewInBrowserTests.Browser browser) : IClassFixture<PreviewInBrowserTests.Browser>
{
    private const int PhoneWidth = 400;

    public static TheoryData<string, string> LongAnswers { get; } = new()
    {
        { "/who betssy-chavez", "en" },
        { "/who betssy-chavez", "es" },
        { "/ask why did Peru break relations with Mexico?", "en" },
        { "/ask ¿Por qué rompió Perú relaciones con México?", "es" },
        { "/ask what happened with the embassy in November 2025", "en" },
        { "/positions asylum", "es" },
        { "/timeline", "en" },
        { "/ask <a href=javascript:alert(1)>x</a> " + new string('w', 250), "en" },
    };

    [SkippableTheory]
    [MemberData(nameof(LongAnswers))]
    public async Task The_preview_fits_a_400_px_phone_screen_without_scrolling_sideways(string command, string locale)
    {
        var page = await browser.OpenAsync(command, locale);

        var width = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"{command} ({locale}) is {width} px wide at a {PhoneWidth} px viewport: it scrolls sideways");
    }

    [SkippableTheory]
    [MemberData(nameof(LongAnswers))]
    public async Task The_preview_shows_both_messages_with_working_links_and_loads_nothing_from_anywhere(string command, string locale)
    {
        var page = await browser.OpenAsync(command, locale);

        Assert.Equal(1, await page.Locator(".discord .embed").CountAsync());
        Assert.True(await page.Locator(".slack .block").CountAsync() >= 3, "the Slack message shows its blocks");
        Assert.Equal(0, await page.EvaluateAsync<int>("document.scripts.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('a:not([href^=\"https://\"]):not([href^=\"http://\"])').length"));
        if (!command.StartsWith("/ask <", StringComparison.Ordinal))
        {
            Assert.True(await page.Locator(".discord a[href^='https://']").CountAsync() > 0, "Discord's source links are links");
            Assert.True(await page.Locator(".slack a[href^='https://']").CountAsync() > 0, "Slack's source links are links");
        }

        Assert.Equal([page.Url], browser.Requested(page));
    }

    /// <summary>One browser for the class; each test opens the preview page of one answer in its own phone-sized tab.</summary>
    public sealed class Browser : IAsyncLifetime
    {
        private readonly Dictionary<IPage, List<string>> _requests = [];
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        /// <summary>Where Chromium is: <c>BOT_CHROMIUM</c>, else Debian's /usr/bin/chromium.</summary>
        public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("BOT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

        public static string ArtifactFolder { get; } = Environment.GetEnvironmentVariable("BOT_PREVIEW_ARTIFACTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Repository.Root, "tests", "Bot.Conformance.Tests", "TestResults", "previews");

        public async Task InitializeAsync()
        {
            if (!File.Exists(ExecutablePath))
            {
                return;
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        }

        /// <summary>
        /// The preview page of <paramref name="command"/>, written to the artifact folder and opened at 400 px, with a
        /// full-page screenshot beside it.
        /// </summary>
        public async Task<IPage> OpenAsync(string command, string locale)
        {
            Skip.If(_browser is null, $"skipped: chromium not found at {ExecutablePath} (install Debian's chromium package, or set BOT_CHROMIUM)");
            var answer = new QueryEngine(new FixedFactStore(Corpus.Facts)).Answer(command, locale);
            Directory.CreateDirectory(ArtifactFolder);
            var name = "preview-" + Slug(command) + "-" + locale;
            var file = Path.Combine(ArtifactFolder, name + ".html");
            await File.WriteAllTextAsync(file, MessagePreview.Render(answer));

            var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 800 } });
            var requested = new List<string>();
            lock (_requests)
            {
                _requests[page] = requested;
            }

            page.Request += (_, request) =>
            {
                lock (requested)
                {
                    requested.Add(request.Url);
                }
            };
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder, name + ".png"), FullPage = true });
            return page;
        }

        /// <summary>Every URL the page asked for since it was opened.</summary>
        public List<string> Requested(IPage page)
        {
            var requested = _requests[page];
            lock (requested)
            {
                return [.. requested];
            }
        }

        public async Task DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
        }

        private static string Slug(string command)
        {
            var words = Bot.Core.Text.TextFolding.Tokens(command).Take(6);
            var slug = string.Join('-', words);
            return slug.Length <= 60 ? slug : slug[..60];
        }
    }
}
