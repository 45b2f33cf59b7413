// Peer for POST /discord/interactions: Discord's own `discord-interactions` package on express, written the way its
// README and Discord's example app do it (verifyKeyMiddleware, then answer the slash command with an embed).
// usage: PORT=N DISCORD_PUBLIC_KEY=HEX FACTS_DIR=DIR node discord.js
import express from 'express';
import { InteractionResponseType, InteractionType, verifyKeyMiddleware } from 'discord-interactions';
import { citations, loadFacts, roleLine } from './facts.js';

const { people, sourceById } = loadFacts(process.env.FACTS_DIR ?? '../../facts');
const app = express();

app.post('/interactions', verifyKeyMiddleware(process.env.DISCORD_PUBLIC_KEY), (req, res) => {
  const { type, data } = req.body;
  if (type !== InteractionType.APPLICATION_COMMAND || data.name !== 'who') {
    return res.status(400).json({ error: 'unknown interaction' });
  }

  const name = data.options?.find((o) => o.name === 'name')?.value;
  const person = people.get(name);
  if (!person) {
    return res.send({
      type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: `No one called ${name}.`, flags: 64 },
    });
  }

  const sources = citations(person, sourceById);
  return res.send({
    type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
    data: {
      embeds: [{
        title: person.name,
        description: `*${person.full_name} · ${person.country}*\n\n${person.summary}`,
        color: 0x2b6cb0,
        fields: [
          { name: 'Roles', value: person.roles.map((r) => `• ${roleLine(r)}`).join('\n') },
          { name: 'Where things stand', value: `• **As of ${person.status.as_of}** — ${person.status.text}` },
          {
            name: 'Sources',
            value: sources.map((s, i) => `[${i + 1}] [${s.title}](${s.url}) — ${s.outlet}, ${s.published}`).join('\n').slice(0, 1024),
          },
        ],
      }],
      allowed_mentions: { parse: [] },
    },
  });
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, '127.0.0.1', () => console.log(`discord peer listening on 127.0.0.1:${port}`));
