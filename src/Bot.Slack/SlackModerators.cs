using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Slack;

/// <summary>
/// Who may run moderator commands on Slack: the users in <c>Slack:ModeratorUserIds</c>, and the members of
/// <c>Slack:ModeratorUserGroupId</c> (read with usergroups.users.list on the Web API client, cached for five minutes;
/// a 429 or 5xx is tried once more when Slack asks for a short wait). Fails closed: when the group cannot be read, only the listed users are
/// moderators, and the next command tries again.
/// </summary>
internal sealed class SlackModerators(IOptions<SlackOptions> options, IHttpClientFactory clients, TimeProvider time, ILogger<SlackModerators> logger)
    : IDisposable
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlySet<string> _groupMembers = new HashSet<string>(StringComparer.Ordinal);
    private DateTimeOffset? _fetchedAt;

    public void Dispose() => _refresh.Dispose();

    public async Task<bool> IsModeratorAsync(string? userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return false;
        }

        userId = userId.Trim();
        if (settings.ModeratorUserIds.Contains(userId, StringComparer.Ordinal))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(settings.ModeratorUserGroupId) || string.IsNullOrEmpty(settings.BotToken))
        {
            return false;
        }

        return (await GroupMembersAsync(settings, cancellationToken)).Contains(userId);
    }

    private async Task<IReadOnlySet<string>> GroupMembersAsync(SlackOptions settings, CancellationToken cancellationToken)
    {
        if (_fetchedAt is { } fetched && time.GetUtcNow() - fetched < CacheFor)
        {
            return _groupMembers;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_fetchedAt is { } again && time.GetUtcNow() - again < CacheFor)
            {
                return _groupMembers;
            }

            using var response = await ReadGroupAsync(settings, cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            if (!response.IsSuccessStatusCode || !root.TryGetProperty("ok", out var ok) || !ok.GetBoolean()
                || !root.TryGetProperty("users", out var users) || users.ValueKind != JsonValueKind.Array)
            {
                var reason = root.TryGetProperty("error", out var error) ? error.GetString() ?? "error" : $"HTTP {(int)response.StatusCode}";
                logger.ModeratorGroupUnavailable(reason);
                return _groupMembers; // keep what was known; never widen on failure
            }

            _groupMembers = users.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!).ToHashSet(StringComparer.Ordinal);
            _fetchedAt = time.GetUtcNow();
            return _groupMembers;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TimeoutRejectedException
                                       or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.ModeratorGroupUnavailable(ex.GetType().Name);
            return _groupMembers;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>usergroups.users.list (retried by the Web API client's rule: the command asking is answered within Slack's 3 seconds).</summary>
    private async Task<HttpResponseMessage> ReadGroupAsync(SlackOptions settings, CancellationToken cancellationToken)
    {
        var url = new Uri($"{settings.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/usergroups.users.list?usergroup={Uri.EscapeDataString(settings.ModeratorUserGroupId!)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
        return await clients.CreateClient(SlackServiceCollectionExtensions.WebApiClient).SendAsync(request, cancellationToken);
    }
}
