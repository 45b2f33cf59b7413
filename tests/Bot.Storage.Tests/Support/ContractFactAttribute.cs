using Xunit.Abstractions;
using Xunit.Sdk;

namespace Bot.Storage.Tests.Support;

/// <summary>
/// A storage contract test, declared once on <see cref="FeedbackStoreContract"/> and run by each subclass. In a class
/// marked <see cref="RequiresPostgresAttribute"/> it is skipped, with the reason shown, when no PostgreSQL server
/// answers (xunit 2 cannot skip at run time, so the decision is made at discovery).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Bot.Storage.Tests.Support.ContractFactDiscoverer", "Bot.Storage.Tests")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Marks a contract subclass whose store needs the PostgreSQL server from <see cref="PostgresServer"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private static int NoticeShown;
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        if (needsPostgres && PostgresServer.SkipReason is { } reason)
        {
            if (Interlocked.Exchange(ref NoticeShown, 1) == 0)
            {
                // shown by the runner because xunit.runner.json turns diagnostic messages on
                diagnosticMessageSink.OnMessage(new DiagnosticMessage("NOTICE: " + reason));
            }

            return
            [
                new XunitSkippedDataRowTestCase(
                    diagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    reason),
            ];
        }

        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
