// Peer for POST /slack/commands: Slack's Bolt for JavaScript with its default HTTPReceiver (signing-secret
// verification on), answering /who by acking with Block Kit blocks, as Bolt's docs show for slash commands.
// usage: PORT=N SLACK_SIGNING_SECRET=S FACTS_DIR=DIR node slack.js
// Nothing leaves the machine: botId/botUserId are given and token verification is off, so Bolt never calls
// auth.test, and the Web API base URL points at a closed loopback port in case anything tried.
import bolt from '@slack/bolt';
import { citations, loadFacts, roleLine } from './facts.js';

const { App, LogLevel } = bolt;
const { people, sourceById } = loadFacts(process.env.FACTS_DIR ?? '../../facts');

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'xoxb-test',
  botId: 'B0000000001',
  botUserId: 'U0000000001',
  tokenVerificationEnabled: false,
  endpoints: '/slack/commands',
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
});

app.command('/who', async ({ command, ack }) => {
  const person = people.get(command.text.trim());
  if (!person) {
    await ack({ response_type: 'ephemeral', text: `No one called ${command.text}.` });
    return;
  }

  const sources = citations(person, sourceById);
  await ack({
    response_type: 'in_channel',
    text: `${person.name} — ${person.full_name} · ${person.country}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: person.name, emoji: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${person.full_name} · ${person.country}` }] },
      { type: 'section', text: { type: 'mrkdwn', text: person.summary } },
      { type: 'section', text: { type: 'mrkdwn', text: `*Roles*\n${person.roles.map((r) => `• ${roleLine(r)}`).join('\n')}` } },
      { type: 'section', text: { type: 'mrkdwn', text: `*Where things stand*\n• *As of ${person.status.as_of}* — ${person.status.text}` } },
      { type: 'divider' },
      {
        type: 'context',
        elements: sources.slice(0, 10).map((s, i) => ({ type: 'mrkdwn', text: `[${i + 1}] <${s.url}|${s.title}> — ${s.outlet}` })),
      },
    ],
  });
});

const port = Number(process.env.PORT ?? 3000);
await app.start({ port, host: '127.0.0.1' });
console.log(`slack peer listening on 127.0.0.1:${port}`);
