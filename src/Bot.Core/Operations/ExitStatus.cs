namespace Bot.Core.Operations;

/// <summary>
/// The exit code the host process returns when it stops: 0 for an ordinary stop (SIGTERM), otherwise the code of the
/// first component that stopped it for good, so a supervisor (systemd, Docker, Kubernetes) can restart or alert.
/// </summary>
public sealed class ExitStatus
{
    /// <summary>Start-up refused: an invalid setting, a fact base with errors, storage that cannot be used.</summary>
    public const int StartupRefused = 1;

    /// <summary>Discord refused the bot for good: a fatal Gateway close (4004, 4010–4014) or a 401 from <c>/gateway/bot</c>.</summary>
    public const int DiscordRefused = 3;

    private int _code;

    /// <summary>The code to exit with; 0 until <see cref="Fail"/> is called.</summary>
    public int Code => Volatile.Read(ref _code);

    /// <summary>Records why the process is stopping; the first non-zero code wins.</summary>
    public void Fail(int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        Interlocked.CompareExchange(ref _code, code, 0);
    }
}
