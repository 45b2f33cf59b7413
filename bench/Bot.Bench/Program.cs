using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Bot.Bench -- --filter '*'
// dotnet run -c Release --project bench/Bot.Bench -- --cpu-ask             (/ask in CPU time per question, see AskCpuTime)
// dotnet run -c Release --project bench/Bot.Bench -- --cpu-load FOLDER     (a full load in CPU time, see LoadCpuTime)
if (args.Contains("--cpu-ask"))
{
    Bot.Bench.AskCpuTime.Run();
    return;
}

if (args is ["--cpu-load", var folder])
{
    Bot.Bench.LoadCpuTime.Run(folder);
    return;
}

// A short in-process job: enough iterations for stable medians on a 2-core machine, without a child build.
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(2)
        .WithIterationCount(8)
        .WithLaunchCount(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);

BenchmarkSwitcher.FromAssembly(typeof(Bot.Bench.QueryBenchmarks).Assembly).Run(args, config);
