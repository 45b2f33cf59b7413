// Shared by both peers: the person and the source list, read once at start-up with the `yaml` package.
// Only what a /who answer shows is used; nothing is validated (the peers stand in for a quick, idiomatic bot).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export function loadFacts(factsDir) {
  const person = parse(readFileSync(join(factsDir, 'people', 'betssy-chavez.yaml'), 'utf8'));
  const { sources } = parse(readFileSync(join(factsDir, 'sources.yaml'), 'utf8'));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  return { people: new Map([[person.id, person]]), sourceById };
}

// The source ids cited by the person's summary, roles and status, numbered in order of first use.
export function citations(person, sourceById) {
  const ids = [...person.sources, ...person.roles.flatMap((r) => r.sources ?? []), ...(person.status?.sources ?? [])];
  return [...new Set(ids)].map((id) => sourceById.get(id)).filter(Boolean);
}

export function roleLine(role) {
  return `${role.from ?? '?'} – ${role.to ?? 'present'}: ${role.title}`;
}
