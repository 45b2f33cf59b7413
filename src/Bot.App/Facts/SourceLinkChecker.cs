using System.Net;
using Bot.Core.Facts;
using Bot.Core.Loading;

namespace Bot.App.Facts;

/// <summary>
/// <c>bot facts links</c>: checks that every source URL still answers, so moderators learn of a dead or moved page
/// before a member clicks it. HEAD first (and GET when a server refuses HEAD), redirects followed by hand so that a
/// permanent move can be reported, a few requests at a time, with a User-Agent that says who is asking.
/// </summary>
internal sealed class SourceLinkChecker(HttpMessageInvoker http, TimeSpan timeout)
{
    public const int Concurrency = 4;
    public const int MaxRedirects = 5;
    public const string UserAgent = "dispute-fact-bot-linkcheck/1.0 (monthly check of the sources a community fact base cites)";

    /// <summary>A client that follows no redirect itself (the checker does, to see permanent moves) and keeps no cookies.</summary>
    public static HttpMessageInvoker CreateClient(HttpMessageHandler? inner = null) =>
        new(inner ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.All }, disposeHandler: true);

    public async Task<IReadOnlyList<LinkResult>> CheckAsync(IEnumerable<Source> sources, CancellationToken cancellationToken = default)
    {
        using var gate = new SemaphoreSlim(Concurrency);
        var checks = sources.Select(async source =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await CheckAsync(source, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(checks);
    }

    private async Task<LinkResult> CheckAsync(Source source, CancellationToken cancellationToken)
    {
        var url = source.Url;
        Uri? movedTo = null;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            HttpStatusCode status;
            Uri? location;
            try
            {
                (status, location) = await RequestAsync(url, HttpMethod.Head, cancellationToken);
                if ((int)status >= 400)
                {
                    // Many servers refuse or mishandle HEAD; only a GET's answer counts as broken.
                    (status, location) = await RequestAsync(url, HttpMethod.Get, cancellationToken);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new LinkResult(source, LinkState.Broken, e is OperationCanceledException
                    ? $"no answer within {timeout.TotalSeconds:0.#} s"
                    : $"no answer: {e.Message}", null);
            }

            if ((int)status is >= 300 and < 400 && location is not null)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (status is HttpStatusCode.MovedPermanently or HttpStatusCode.PermanentRedirect && movedTo is null && hop == 0)
                {
                    movedTo = next;
                }

                url = next;
                continue;
            }

            if ((int)status is >= 200 and < 300)
            {
                return movedTo is null
                    ? new LinkResult(source, LinkState.Ok, null, null)
                    : new LinkResult(source, LinkState.Moved, $"moved permanently to {url}", url);
            }

            return new LinkResult(source, LinkState.Broken, $"{(int)status} {ReasonOf(status)}", null);
        }

        return new LinkResult(source, LinkState.Broken, $"more than {MaxRedirects} redirects", null);
    }

    private async Task<(HttpStatusCode Status, Uri? Location)> RequestAsync(Uri url, HttpMethod method, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Accept.ParseAdd("text/html,*/*;q=0.8");
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        using var response = await http.SendAsync(request, timer.Token); // headers only: the body is never read
        return (response.StatusCode, response.Headers.Location);
    }

    private static string ReasonOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Gone => "Gone",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.TooManyRequests => "Too Many Requests",
        _ => status.ToString(),
    };

    /// <summary>
    /// The check as moderators read it: one <c>path:line:col</c> line per broken or moved link, located at the URL in
    /// <c>sources.yaml</c>, then a summary. Broken links are errors, moved ones warnings.
    /// </summary>
    public static IReadOnlyList<FactIssue> Diagnose(string folder, string displayFolder, IReadOnlyList<LinkResult> results)
    {
        var file = Path.Combine(folder, FactBaseLoader.SourcesFileName);
        var lines = File.Exists(file) ? File.ReadAllLines(file) : [];
        var display = $"{displayFolder.TrimEnd('/', '\\')}/{FactBaseLoader.SourcesFileName}";
        return [.. results
            .Where(r => r.State != LinkState.Ok)
            .Select(r =>
            {
                var (line, column) = Locate(lines, r.Source);
                return new FactIssue(display, line, column,
                    r.State == LinkState.Broken ? FactIssueSeverity.Error : FactIssueSeverity.Warning,
                    r.State == LinkState.Broken
                        ? $"source '{r.Source.Id}': broken link ({r.Problem})"
                        : $"source '{r.Source.Id}': {r.Problem}; check it is the same article, then update 'url'");
            })
            .OrderBy(i => i.Line)];
    }

    private static (int Line, int Column) Locate(string[] lines, Source source)
    {
        var url = source.Url.OriginalString;
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(url, StringComparison.Ordinal);
            if (at >= 0 && lines[i].Contains("url:", StringComparison.Ordinal))
            {
                return (i + 1, at + 1);
            }
        }

        var id = Array.FindIndex(lines, l => l.Contains($"id: {source.Id}", StringComparison.Ordinal));
        return id >= 0 ? (id + 1, lines[id].IndexOf("id:", StringComparison.Ordinal) + 1) : (1, 1);
    }
}

internal enum LinkState
{
    Ok,
    Moved,
    Broken,
}

/// <summary>One source URL's check: fine, moved permanently (with where to), or broken (with why).</summary>
internal sealed record LinkResult(Source Source, LinkState State, string? Problem, Uri? MovedTo);
