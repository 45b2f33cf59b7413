// Live reload, measured the way the bot runs it: the real FactStore and FactReloadWorker (registered by AddFactBase,
// with the file watcher and the debounce) in a Generic Host, a copy of each fact folder edited on disk, and answers
// read continuously while it reloads. Every reload builds the whole snapshot from scratch, /ask index included,
// while the last one serves. For each base and each kind of edit:
//   save → serving    from just before the file is written until IFactStore.Current is the new snapshot (every
//                     command, /ask included, answers from it at once)
// and the memory the process holds during the swap (managed heap and resident set, sampled every 2 ms) against the
// level just before the save. Run from the repository root after making the scaled folders with
// bench/scale-facts.py:
//   dotnet run -c Release bench/reload-time.cs -- facts /tmp/facts-10x /tmp/facts-100x
// Options (after the folders): --edits N (edits of each kind per base, default 3), --readers N (threads answering
// during the reloads, default 1), --debounce MS (default: the bot's default).
// The 100× folder's sources.yaml is one file of 4.4 MB (the real one copied 100 times), over the bot's default
// 2 MB cap per file, so the bench raises Facts:MaxFileBytes to 16 MB.
#:sdk Microsoft.NET.Sdk.Web
#:project ../src/Bot.App/Bot.App.csproj
#:property PublishAot=false
#:property RunWorkingDirectory=$(MSBuildStartupDirectory)
#:property TreatWarningsAsErrors=false
#:property EnforceCodeStyleInBuild=false
using System.Diagnostics;
using Bot.App.Facts;
using Bot.Core.Answers;
using Bot.Core.Facts;
using Bot.Core.Querying;

var folders = new List<string>();
int edits = 3, readers = 1;
string? debounce = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--edits": edits = int.Parse(args[++i]); break;
        case "--readers": readers = int.Parse(args[++i]); break;
        case "--debounce": debounce = args[++i]; break;
        default: folders.Add(args[i]); break;
    }
}

if (folders.Count == 0)
{
    folders.AddRange(["facts", "/tmp/facts-10x", "/tmp/facts-100x"]);
}

Console.WriteLine($"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start, {readers} reader thread(s), GC server={System.Runtime.GCSettings.IsServerGC}");
foreach (var source in folders)
{
    await MeasureAsync(source);
}

async Task MeasureAsync(string source)
{
    var work = Directory.CreateTempSubdirectory("reload-bench-");
    try
    {
        foreach (var file in Directory.EnumerateFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(work.FullName, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Facts:Path"] = work.FullName;
        builder.Configuration["Facts:MaxFileBytes"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (debounce is not null)
        {
            builder.Configuration["Facts:DebounceMilliseconds"] = debounce;
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddFactBase();
        using var host = builder.Build();
        var started = Stopwatch.StartNew();
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IFactStore>();
        var engine = host.Services.GetRequiredService<QueryEngine>();
        var startup = started.Elapsed.TotalMilliseconds;
        var facts = store.Current;
        Console.WriteLine($"{source}: {facts.People.Count} people, {facts.Events.Count} events, {facts.Quotes.Count} quotes, {facts.Sources.Count} sources; start-up load with the /ask index {startup:F0} ms");

        // Readers: every answer must be complete, whichever snapshot it comes from.
        using var stop = new CancellationTokenSource();
        long answered = 0, failed = 0;
        var threads = Enumerable.Range(0, readers).Select(r => new Thread(() =>
        {
            string[] questions = ["/who betssy-chavez", "/timeline topic:asylum", "/quote sheinbaum", "/ask why did Peru break relations with Mexico?"];
            for (var n = r; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    var answer = engine.Answer(questions[n % questions.Length]);
                    // At 100× every fact has 99 near copies and /ask answers this question "not sure" (as it did
                    // before the managed index): a complete answer all the same. Anything else must be found.
                    if (answer.Kind is AnswerKind.UsageError || (answer.Kind != AnswerKind.Found && !questions[n % questions.Length].StartsWith("/ask", StringComparison.Ordinal)))
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }

                Interlocked.Increment(ref answered);
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());

        var person = Path.Combine(work.FullName, "people", "betssy-chavez.yaml");
        var eventFile = Directory.EnumerateFiles(Path.Combine(work.FullName, "events")).Order(StringComparer.Ordinal).First();
        var sources = Path.Combine(work.FullName, "sources.yaml");
        var added = Path.Combine(work.FullName, "events", "2026-11-22-bench-added-event.yaml");
        var kinds = new (string Name, Action<int> Edit)[]
        {
            ("edit a person", n => File.AppendAllText(person, $"# bench edit {n}\n")),
            ("edit an event", n => File.AppendAllText(eventFile, $"# bench edit {n}\n")),
            ("add an event", n => File.WriteAllText(added, File.ReadAllText(eventFile).Replace(Path.GetFileNameWithoutExtension(eventFile), "2026-11-22-bench-added-event").Replace("date: 2022-12-07", "date: 2026-11-22"))),
            ("remove that event", n => File.Delete(added)),
            ("edit sources.yaml", n => File.AppendAllText(sources, $"# bench edit {n}\n")),
        };

        var results = kinds.ToDictionary(k => k.Name, _ => new List<double>());
        (double Managed, double Resident)? firstSwapMemory = null;
        (double Managed, double Resident) steady = default, afterSwap = default;
        for (var n = 0; n < edits; n++)
        {
            foreach (var (name, edit) in kinds)
            {
                await Task.Delay(600); // let the previous reload settle
                var measureMemory = firstSwapMemory is null;
                if (measureMemory)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    steady = (GC.GetTotalMemory(false), Environment.WorkingSet);
                }

                var before = store.Current;
                double peakManaged = 0, peakResident = 0;
                var sampling = true;
                var sampler = measureMemory ? new Thread(() =>
                {
                    while (Volatile.Read(ref sampling))
                    {
                        peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                        peakResident = Math.Max(peakResident, Environment.WorkingSet);
                        Thread.Sleep(2);
                    }
                }) { IsBackground = true } : null;
                sampler?.Start();

                var save = Stopwatch.GetTimestamp();
                edit(n);
                while (ReferenceEquals(store.Current, before))
                {
                    Assert(Stopwatch.GetElapsedTime(save) < TimeSpan.FromSeconds(60), $"{name}: not live after 60 s");
                    Thread.Sleep(1);
                }

                results[name].Add(Stopwatch.GetElapsedTime(save).TotalMilliseconds);
                if (sampler is not null)
                {
                    Volatile.Write(ref sampling, false);
                    sampler.Join();
                    firstSwapMemory = (peakManaged - steady.Managed, peakResident - steady.Resident);
                    GC.Collect();
                    afterSwap = (GC.GetTotalMemory(true) - steady.Managed, Environment.WorkingSet - steady.Resident);
                }
            }
        }

        await stop.CancelAsync();
        threads.ForEach(t => t.Join());
        await host.StopAsync();
        foreach (var (name, serving) in results)
        {
            Console.WriteLine($"  {name,-18} save → serving median {Median(serving),6:F0} ms (min {serving.Min(),5:F0}, max {serving.Max(),5:F0}; in order: {string.Join(", ", serving.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        const double MB = 1024 * 1024;
        var peak = firstSwapMemory ?? default;
        Console.WriteLine($"  memory: steady {steady.Managed / MB:F0} MB managed, {steady.Resident / MB:F0} MB resident; during the first swap up to +{peak.Managed / MB:F0} MB managed, +{peak.Resident / MB:F0} MB resident ({(steady.Managed + peak.Managed) / steady.Managed:F2}× / {(steady.Resident + peak.Resident) / steady.Resident:F2}× steady); after it and a full GC +{afterSwap.Managed / MB:F0} MB managed, +{afterSwap.Resident / MB:F0} MB resident");
        Console.WriteLine($"  answers during the reloads: {answered}, failed: {failed}");
    }
    finally
    {
        work.Delete(recursive: true);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static void Assert(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}
