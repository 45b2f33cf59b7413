using Bot.App.Tests.Support;

namespace Bot.App.Tests;

/// <summary>
/// The host run as its own process with Facts:Git set: a bad first commit, a repository it cannot clone or settings
/// that cannot work stop start-up with one clear line per problem and exit code 1, and no line repeats the token.
/// </summary>
public sealed class GitStartupTests : IDisposable
{
    private const string Token = "ghp_TESTTOKEN0123456789abcdefABCDEF";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("bot-git-startup-");
    private readonly GitFactRepo _repo = new();

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataPath"] = Path.Combine(_work.FullName, "data"),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task A_bad_first_commit_stops_start_up_with_the_commit_its_author_and_path_line_col()
    {
        var bad = _repo.PushFromOutside("Add a shoe size", "Careless Contributor", r => r.Edit("people/jose-jeri.yaml", "id: jose-jeri", "id: jose-jeri\nshoe_size: 42"));

        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(("Facts__Git__Url", _repo.Url)));

        Assert.Equal(1, exit);
        Assert.Contains($"The fact base at commit {GitFactRepo.Short(bad)} by Careless Contributor of {_repo.Url} has errors:", error, StringComparison.Ordinal);
        Assert.Contains("people/jose-jeri.yaml:2:1: error: unknown key 'shoe_size'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Git_settings_that_cannot_work_stop_start_up_with_one_line_per_problem()
    {
        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(
            ("Facts__Git__Url", "http://git.example/facts.git"),
            ("Facts__Git__Token", Token),
            ("Facts__Git__Branch", "main..bad"),
            ("Facts__Git__Path", "../outside"),
            ("Facts__Git__PollInterval", "00:00:00.100"),
            ("Facts__Git__WebhookSecret", "short")));

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("error: Facts:Git:Url must use https://, not http:// (the token and the facts would travel in clear).", lines);
        Assert.Contains("error: Facts:Git:Token is only sent over https://, but Facts:Git:Url is not an https:// URL.", lines);
        Assert.Contains("error: Facts:Git:Branch must be a valid branch name (default 'main').", lines);
        Assert.Contains("error: Facts:Git:Path must be a folder inside the repository, like 'facts' (forward slashes, no '..').", lines);
        Assert.Contains("error: Facts:Git:PollInterval must be between 00:00:01 and 1.00:00:00 (default 00:01:00).", lines);
        Assert.Contains("error: Facts:Git:WebhookSecret must be at least 16 characters (a random string).", lines);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_with_a_password_in_it_is_refused_without_repeating_it()
    {
        var (exit, output, error) = await BotProcess.RunAsync(_work.FullName, Settings(("Facts__Git__Url", $"https://bot:{Token}@git.example/facts.git")));

        Assert.Equal(1, exit);
        Assert.Contains("error: Facts:Git:Url must not contain a password or token; put the token in Facts:Git:Token.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_that_cannot_be_cloned_stops_start_up_naming_the_url_without_its_credentials()
    {
        // nothing listens on port 9 of 127.0.0.1: the clone fails at once, without leaving the machine
        var (exit, output, error) = await BotProcess.RunAsync(_work.FullName, Settings(
            ("Facts__Git__Url", "https://deploy-user@127.0.0.1:9/facts.git"),
            ("Facts__Git__Token", Token)));

        Assert.Equal(1, exit);
        Assert.Contains("error: Facts:Git:Url: clone of https://***@127.0.0.1:9/facts.git failed", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("deploy-user", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _work.Delete(recursive: true);
    }
}
