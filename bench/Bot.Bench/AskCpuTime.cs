using System.Diagnostics;
using System.Globalization;

namespace Bot.Bench;

/// <summary>
/// <c>/ask</c> measured in CPU time per question rather than wall time, for a machine other work keeps busy (where
/// BenchmarkDotNet's wall-clock figures mostly measure the neighbours):
///   dotnet run -c Release --project bench/Bot.Bench -- --cpu-ask
/// The same questions and engine as <see cref="AskBenchmarks.Ask"/> (answer cache off), on the real base and on the
/// 100× base; five rounds of 2,000 questions each after a warm-up of 3,000, the process's CPU time (the answering thread plus
/// the runtime's own threads, such as the garbage collector) divided by the questions answered.
/// </summary>
internal static class AskCpuTime
{
    public static void Run()
    {
        const int Questions = 2000;
        foreach (var scale in (int[])[1, 100])
        {
            var bench = new AskBenchmarks { Scale = scale };
            bench.Setup();
            // Warm-up long enough for tiered compilation to finish (its background compiles wait on a busy machine).
            for (var warm = 0; warm < 3; warm++)
            {
                for (var i = 0; i < 1000; i++)
                {
                    bench.Ask();
                }

                Thread.Sleep(500);
            }

            var rounds = new List<(double Cpu, double Wall)>();
            using var process = Process.GetCurrentProcess();
            for (var round = 0; round < 5; round++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < Questions; i++)
                {
                    bench.Ask();
                }

                process.Refresh();
                rounds.Add(((process.TotalProcessorTime - cpu).TotalMicroseconds / Questions, wall.Elapsed.TotalMicroseconds / Questions));
            }

            var cpuTimes = rounds.Select(r => r.Cpu).Order().ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"/ask at {scale}×: CPU per question median {cpuTimes[2]:F0} µs (min {cpuTimes[0]:F0}, max {cpuTimes[4]:F0}); wall median {rounds.Select(r => r.Wall).Order().ElementAt(2):F0} µs; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        }
    }
}

/// <summary>
/// A full load of a fact folder (read, parse, check, build the snapshot, build its /ask index), what every reload now
/// does, in CPU time and wall time, step by step; three rounds after one warm-up:
///   dotnet run -c Release --project bench/Bot.Bench -- --cpu-load /tmp/facts-100x
/// </summary>
internal static class LoadCpuTime
{
    public static void Run(string folder)
    {
        var loader = new Bot.Core.Loading.FactBaseLoader(TimeProvider.System) { MaxFileBytes = 16 * 1024 * 1024 };
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round < 4; round++)
        {
            GC.Collect();
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var (allocated0, paused0) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
            var wall = Stopwatch.StartNew();
            var report = loader.Load(folder);
            var facts = report.Facts ?? throw new InvalidOperationException(string.Join('\n', report.Errors.Take(5)));
            process.Refresh();
            var cpu1 = process.TotalProcessorTime;
            var loaded = wall.Elapsed;
            var (allocated1, paused1) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
            Bot.Core.Asking.AskSearch.Prepare(facts); // both indexes, as a reload builds them
            process.Refresh();
            var cpu2 = process.TotalProcessorTime;
            var (allocated2, paused2) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{(round == 0 ? "warm-up " : "")}load {folder}: load + check + snapshot CPU {(cpu1 - cpu0).TotalMilliseconds:F0} ms (wall {loaded.TotalMilliseconds:F0}, allocated {(allocated1 - allocated0) >> 20} MB, GC pauses {(paused1 - paused0).TotalMilliseconds:F0} ms); /ask indexes (English, English with Spanish) CPU {(cpu2 - cpu1).TotalMilliseconds:F0} ms (wall {(wall.Elapsed - loaded).TotalMilliseconds:F0}, allocated {(allocated2 - allocated1) >> 20} MB, GC pauses {(paused2 - paused1).TotalMilliseconds:F0} ms); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        }
    }
}
