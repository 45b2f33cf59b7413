using System.Globalization;
using System.Net;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using YamlDotNet.Serialization;

namespace Bot.App.Tests;

/// <summary>
/// The Kubernetes manifests in <c>deploy/</c> (no kubectl here): every file parses, every kustomization names files that
/// exist, and the workloads agree with the app: probe paths the app answers, the image's port, settings the README
/// documents, a grace period that covers the drain, and one Gateway pod per shard.
/// </summary>
public sealed class DeploymentManifestTests
{
    private static readonly string Deploy = Path.Combine(Repo.Root, "deploy");

    private static readonly string[] Workloads = ["base/http-deployment.yaml", "base/gateway-statefulset.yaml"];

    [Fact]
    public void Every_manifest_parses_and_names_its_kind()
    {
        var files = Directory.GetFiles(Deploy, "*.yaml", SearchOption.AllDirectories);

        Assert.True(files.Length >= 10, $"only {files.Length} manifests found");
        Assert.All(files, file =>
        {
            var document = Load(file);
            Assert.False(string.IsNullOrEmpty(Text(document, "apiVersion")), file);
            Assert.False(string.IsNullOrEmpty(Text(document, "kind")), file);
        });
    }

    [Fact]
    public void Every_kustomization_names_only_files_and_folders_that_exist()
    {
        foreach (var file in Directory.GetFiles(Deploy, "kustomization.yaml", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(file)!;
            var document = Load(file);
            var named = List(document, "resources").Select(r => (string)r)
                .Concat(List(document, "patches").Select(p => Text(p, "path")));
            Assert.All(named, name => Assert.True(
                File.Exists(Path.Combine(folder, name)) || File.Exists(Path.Combine(folder, name, "kustomization.yaml")),
                $"{Path.GetRelativePath(Deploy, file)} names {name}, which does not exist"));
        }
    }

    [Fact]
    public async Task The_probes_point_at_endpoints_the_app_answers_on_the_port_the_image_listens_on()
    {
        var imagePort = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile"))
            .Select(l => l.Trim()).Single(l => l.StartsWith("ENV ASPNETCORE_HTTP_PORTS=", StringComparison.Ordinal))
            .Split('=')[1].Split(' ')[0];
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", Repo.Facts);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:DataPath", Path.Combine(Path.GetTempPath(), "bot-manifest-" + Guid.NewGuid().ToString("N")));
        });
        using var client = app.CreateClient();

        foreach (var container in Workloads.SelectMany(Containers))
        {
            var port = Assert.Single(List(container, "ports"));
            Assert.Equal(imagePort, Text(port, "containerPort"));
            foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            {
                if (Map(container).TryGetValue(probe, out var found))
                {
                    var get = Map(Map(found)["httpGet"]);
                    Assert.Equal(Text(port, "name"), (string)get["port"]);
                    using var response = await client.GetAsync(new Uri((string)get["path"], UriKind.Relative));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }

            Assert.Equal("/livez", Text(Map(Map(container)["livenessProbe"])["httpGet"], "path"));
            Assert.Equal("/readyz", Text(Map(Map(container)["readinessProbe"])["httpGet"], "path"));
        }
    }

    [Fact]
    public void Every_setting_the_manifests_pass_is_a_documented_configuration_key()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var names = Directory.GetFiles(Deploy, "*.yaml", SearchOption.AllDirectories)
            .SelectMany(file => Load(file) is var document && Text(document, "kind") == "ConfigMap"
                ? Map(Map(document)["data"]).Keys.Cast<string>()
                : Text(document, "kind") is "Deployment" or "StatefulSet" ? Containers(file).SelectMany(c => List(c, "env")).Select(e => Text(e, "name")) : [])
            .Where(name => name.Contains("__", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Contains("Storage__ConnectionString", names);
        Assert.All(names, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Workloads_run_as_non_root_on_a_read_only_root_with_the_data_folder_on_an_empty_dir()
    {
        foreach (var workload in Workloads)
        {
            var pod = PodSpec(workload);
            Assert.Equal("true", Text(pod["securityContext"], "runAsNonRoot"));
            var emptyDirs = List(pod, "volumes").Where(v => Map(v).ContainsKey("emptyDir")).Select(v => Text(v, "name")).ToHashSet();
            foreach (var container in Containers(workload))
            {
                Assert.Equal("true", Text(Map(container)["securityContext"], "readOnlyRootFilesystem"));
                var data = Assert.Single(List(container, "volumeMounts"), m => Text(m, "mountPath") == "/app/data"); // Storage__DataPath in the image
                Assert.Contains(Text(data, "name"), emptyDirs);
                Assert.Contains(List(container, "env"), e => Text(e, "name") == "Storage__ConnectionString"
                    && Text(Map(Map(e)["valueFrom"])["secretKeyRef"], "name") == "dispute-bot-postgres");
            }
        }
    }

    [Fact]
    public void The_grace_period_covers_the_drain_and_the_shutdown_timeout()
    {
        var shutdown = TimeSpan.Parse(Text(Map(Load(Path.Combine(Deploy, "base/config.yaml")))["data"], "HostOptions__ShutdownTimeout"), CultureInfo.InvariantCulture);
        foreach (var workload in Workloads)
        {
            var drain = Containers(workload).SelectMany(c => List(c, "env")).Where(e => Text(e, "name") == "Shutdown__DrainSeconds")
                .Select(e => int.Parse(Text(e, "value"), CultureInfo.InvariantCulture)).SingleOrDefault();
            var grace = int.Parse(Text(PodSpec(workload), "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture);
            Assert.True(grace > drain + shutdown.TotalSeconds, $"{workload}: {grace} s of grace for {drain} s of drain and {shutdown.TotalSeconds} s of shutdown");
        }
    }

    [Fact]
    public void Each_gateway_pod_runs_the_shard_of_its_ordinal_and_the_shard_count_is_the_pod_count()
    {
        var statefulSet = Load(Path.Combine(Deploy, "base/gateway-statefulset.yaml"));
        var env = Containers("base/gateway-statefulset.yaml").SelectMany(c => List(c, "env")).ToDictionary(e => Text(e, "name"));
        Assert.Equal("$(POD_INDEX)", Text(env["Discord__Gateway__Shards"], "value"));
        Assert.Equal("metadata.labels['apps.kubernetes.io/pod-index']", Text(Map(Map(env["POD_INDEX"])["valueFrom"])["fieldRef"], "fieldPath"));
        Assert.Equal(Text(Map(statefulSet)["spec"], "replicas"), Text(env["Discord__Gateway__ShardCount"], "value"));

        foreach (var patch in Directory.GetFiles(Path.Combine(Deploy, "overlays"), "*.yaml", SearchOption.AllDirectories)
                     .Select(Load).Where(p => Text(p, "kind") == "StatefulSet"))
        {
            var count = List(Map(Map(Map(Map(patch)["spec"])["template"])["spec"]), "containers").SelectMany(c => List(c, "env"))
                .Single(e => Text(e, "name") == "Discord__Gateway__ShardCount");
            Assert.Equal(Text(Map(patch)["spec"], "replicas"), Text(count, "value"));
        }
    }

    private static object Load(string file)
    {
        using var reader = new StreamReader(file);
        return new DeserializerBuilder().Build().Deserialize<object>(reader) ?? throw new InvalidDataException(file + " is empty");
    }

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object node, string key) =>
        Map(node).TryGetValue(key, out var value) ? Assert.IsType<List<object>>(value) : [];

    private static string Text(object node, string key) =>
        Map(node).TryGetValue(key, out var value) ? value.ToString()! : "";

    private static Dictionary<object, object> PodSpec(string workload) =>
        Map(Map(Map(Map(Load(Path.Combine(Deploy, workload)))["spec"])["template"])["spec"]);

    private static List<object> Containers(string workload) => List(PodSpec(workload), "containers");
}
