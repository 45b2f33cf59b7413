using Bot.Conformance.Tests.Support;

namespace Bot.Conformance.Tests.Specs;

/// <summary>
/// Where the platforms' published specifications are: <c>BOT_SPECS_DIR</c> when set, else <c>shared/specs</c> beside
/// the repository (the repository at X, the specifications at X/../shared/specs). They are not copied into the
/// repository; a clone without them skips the conformance checks, visibly.
/// </summary>
internal static class SpecFolder
{
    public const string EnvironmentVariable = "BOT_SPECS_DIR";

    /// <summary>Where the specifications are looked for.</summary>
    public static string Expected { get; } = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
        ? Path.GetFullPath(fromEnvironment)
        : Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "specs"));

    public static string DiscordOpenApi => Path.Combine(Expected, "discord", "openapi.json");

    public static string SlackManifestSchema => Path.Combine(Expected, "slack", "manifest.schema.json");

    public static bool Found => File.Exists(DiscordOpenApi) && File.Exists(SlackManifestSchema);

    /// <summary>The reason shown for every skipped conformance test.</summary>
    public static string NotFound => $"skipped: specifications not found (looked in {Expected}; set {EnvironmentVariable} to their folder)";
}
