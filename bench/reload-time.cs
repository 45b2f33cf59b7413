// Reload cost of the fact base at 1×, 10× and 100×: load + validate, then the /ask index, and the memory the new
// snapshot holds. Run from the repository root after making the scaled folders with bench/scale-facts.py:
//   dotnet run -c Release bench/reload-time.cs -- facts /tmp/facts-10x /tmp/facts-100x
#:project ../src/Bot.Core/Bot.Core.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:property EnforceCodeStyleInBuild=false
using System.Diagnostics;
var loader = new Bot.Core.Loading.FactBaseLoader(TimeProvider.System);
foreach (var (name, dir) in new[] { ("real", args.Length > 0 ? args[0] : "facts"), ("10x", args.Length > 1 ? args[1] : "/tmp/facts-10x"), ("100x", args.Length > 2 ? args[2] : "/tmp/facts-100x") })
{
    loader.Load(dir).Facts!.PrepareSearch(); // warm up
    var times = new List<double>(); var index = new List<double>();
    long before = 0, peak = 0;
    for (var i = 0; i < (name == "100x" ? 3 : 10); i++)
    {
        GC.Collect(); before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        var facts = loader.Load(dir).Facts!;
        times.Add(sw.Elapsed.TotalMilliseconds); sw.Restart();
        facts.PrepareSearch();
        index.Add(sw.Elapsed.TotalMilliseconds);
        peak = Math.Max(peak, GC.GetTotalMemory(false) - before);
        GC.KeepAlive(facts);
    }
    times.Sort(); index.Sort();
    Console.WriteLine($"{name}: load+validate median {times[times.Count / 2]:F0} ms, /ask index median {index[index.Count / 2]:F0} ms, managed memory held by the new snapshot ~{peak / 1024 / 1024} MB");
}
