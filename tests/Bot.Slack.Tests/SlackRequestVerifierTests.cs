using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Slack.Tests;

public sealed class SlackRequestVerifierTests
{
    // Slack's worked example, "Validating a request" on https://docs.slack.dev/authentication/verifying-requests-from-slack
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocTimestamp = "1531420618";
    private const string DocBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly DateTimeOffset DocTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static SlackRequestVerifier Verifier(DateTimeOffset now, string secret = Signing.Secret) => new(secret, new FakeTimeProvider(now));

    private static string Ts(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Slacks_documented_example_request_is_valid()
    {
        var verifier = Verifier(DocTime.AddSeconds(30), DocSecret);

        Assert.Equal(SlackVerification.Valid, verifier.Verify(DocTimestamp, DocSignature, Bytes(DocBody)));
        Assert.Equal(DocSignature, SlackRequestVerifier.Sign(DocSecret, DocTimestamp, Bytes(DocBody)));
    }

    [Fact]
    public void Slacks_documented_example_is_refused_once_it_is_more_than_five_minutes_old()
    {
        var verifier = Verifier(DocTime.AddMinutes(5).AddSeconds(1), DocSecret);

        Assert.Equal(SlackVerification.Stale, verifier.Verify(DocTimestamp, DocSignature, Bytes(DocBody)));
    }

    [Fact]
    public void A_request_signed_with_the_signing_secret_is_valid()
    {
        var body = Bytes("command=%2Fwho&text=betssy+chavez");
        var signature = SlackRequestVerifier.Sign(Signing.Secret, Ts(Now), body);

        Assert.Equal(SlackVerification.Valid, Verifier(Now).Verify(Ts(Now), signature, body));
    }

    [Fact]
    public void A_request_signed_with_the_wrong_secret_is_rejected()
    {
        var body = Bytes("command=%2Fwho&text=betssy+chavez");
        var signature = SlackRequestVerifier.Sign("another-secret-entirely-1234567", Ts(Now), body);

        Assert.Equal(SlackVerification.BadSignature, Verifier(Now).Verify(Ts(Now), signature, body));
    }

    [Theory]
    [InlineData("command=%2Fwho&text=betssy+chavey")]
    [InlineData("command=%2Fwho&text=betssy+chavez&x=1")]
    [InlineData("")]
    public void A_tampered_body_is_rejected(string tampered)
    {
        var signature = SlackRequestVerifier.Sign(Signing.Secret, Ts(Now), Bytes("command=%2Fwho&text=betssy+chavez"));

        Assert.Equal(SlackVerification.BadSignature, Verifier(Now).Verify(Ts(Now), signature, Bytes(tampered)));
    }

    [Fact]
    public void A_tampered_timestamp_is_rejected()
    {
        var body = Bytes("command=%2Fsources");
        var signature = SlackRequestVerifier.Sign(Signing.Secret, Ts(Now), body);

        Assert.Equal(SlackVerification.BadSignature, Verifier(Now).Verify(Ts(Now.AddSeconds(1)), signature, body));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void A_timestamp_more_than_five_minutes_from_now_is_rejected_even_when_correctly_signed(int offsetSeconds)
    {
        var body = Bytes("command=%2Fhelp");
        var then = Now.AddSeconds(offsetSeconds);
        var signature = SlackRequestVerifier.Sign(Signing.Secret, Ts(then), body);

        Assert.Equal(SlackVerification.Stale, Verifier(Now).Verify(Ts(then), signature, body));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void A_timestamp_within_five_minutes_is_accepted(int offsetSeconds)
    {
        var body = Bytes("command=%2Fhelp");
        var then = Now.AddSeconds(offsetSeconds);

        Assert.Equal(SlackVerification.Valid, Verifier(Now).Verify(Ts(then), SlackRequestVerifier.Sign(Signing.Secret, Ts(then), body), body));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    public void Missing_headers_are_rejected(string? timestamp, string? signature) =>
        Assert.Equal(SlackVerification.MissingHeaders, Verifier(Now).Verify(timestamp, signature, Bytes("a=b")));

    [Theory]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5")]
    [InlineData("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void A_malformed_signature_is_rejected(string signature) =>
        Assert.Equal(SlackVerification.BadSignature, Verifier(DocTime, DocSecret).Verify(DocTimestamp, signature, Bytes(DocBody)));

    [Theory]
    [InlineData("abc")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999")]
    public void A_timestamp_that_is_not_a_unix_time_is_rejected(string timestamp) =>
        Assert.Equal(SlackVerification.BadTimestamp, Verifier(DocTime, DocSecret).Verify(timestamp, DocSignature, Bytes(DocBody)));

    [Fact]
    public void An_uppercase_hex_signature_is_accepted_because_hex_is_case_insensitive()
    {
        var signature = "v0=" + DocSignature[3..].ToUpperInvariant();

        Assert.Equal(SlackVerification.Valid, Verifier(DocTime, DocSecret).Verify(DocTimestamp, signature, Bytes(DocBody)));
    }
}
