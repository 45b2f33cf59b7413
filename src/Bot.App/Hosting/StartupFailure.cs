using System.Reflection;
using System.Text.RegularExpressions;
using Bot.App.Facts;
using Bot.Core.Operations;
using Bot.Storage;
using Microsoft.Extensions.Options;

namespace Bot.App.Hosting;

/// <summary>
/// Turns a refused start-up (invalid settings, a fact base with errors, storage that cannot be used) into one clear
/// line per problem on standard error and exit code 1, instead of an unhandled exception with a stack trace.
/// </summary>
internal static partial class StartupFailure
{
    /// <summary>
    /// True when this assembly is the process (<c>dotnet bot.dll</c>): then a refused start-up becomes exit code 1. Inside
    /// a test host (WebApplicationFactory runs Program in-process) the exception goes on to the caller instead.
    /// </summary>
    public static bool IsProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>
    /// Validates every option registered with <c>ValidateOnStart</c> now, before anything resolves them, so all
    /// problems are listed at once.
    /// </summary>
    public static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>One line per problem, or null when <paramref name="exception"/> is not a start-up refusal (a bug: let it crash).</summary>
    public static IReadOnlyList<string>? Problems(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException options:
                return [.. options.Failures.SelectMany(Lines)];
            case FactBaseException or FeedbackStorageException:
                return [.. Lines(exception.Message)];
            case InvalidOperationException when ConversionFailure().Match(exception.Message) is { Success: true } match:
                // a setting of the wrong type ("lots" for a number): name the key and the type, never the value
                return [$"{match.Groups["key"].Value} must be a valid {match.Groups["type"].Value.Replace("System.", "", StringComparison.Ordinal)}."];
            case AggregateException aggregate:
                var lines = new List<string>();
                foreach (var inner in aggregate.Flatten().InnerExceptions)
                {
                    if (Problems(inner) is not { } problems)
                    {
                        return null;
                    }

                    lines.AddRange(problems);
                }

                return lines.Count > 0 ? lines : null;
            default:
                return null;
        }
    }

    /// <summary>Writes the problems to <paramref name="error"/> and returns the exit code (1).</summary>
    public static int Report(IReadOnlyList<string> problems, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in problems)
        {
            // fact diagnostics already read "path:line:col: error: …"
            error.WriteLine(problem.Contains(": error: ", StringComparison.Ordinal) ? problem : "error: " + problem);
        }

        error.WriteLine("The bot did not start (exit code 1). See README \"Configuration\".");
        return ExitStatus.StartupRefused;
    }

    [GeneratedRegex(@"^Failed to convert configuration value .*at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
