/**
 * The data set files one conference list per topic (`2026/javascript.json`). The file's name gives
 * the topic, as a category Trellis's tagging reads: spelled the way people write it, and worded so
 * it does not read as another topic (the data set's "networking" is computer networking, not
 * meeting people). "general" names no topic.
 */
const TOPIC_LABELS: Readonly<Record<string, string | null>> = {
  accessibility: 'Accessibility',
  android: 'Android',
  api: 'APIs',
  clojure: 'Clojure',
  cpp: 'C++',
  css: 'CSS',
  data: 'Data',
  devops: 'DevOps',
  dotnet: '.NET',
  elixir: 'Elixir',
  general: null,
  golang: 'Go',
  graphql: 'GraphQL',
  groovy: 'Groovy',
  ios: 'iOS',
  iot: 'IoT',
  java: 'Java',
  javascript: 'JavaScript',
  kotlin: 'Kotlin',
  leadership: 'Leadership',
  networking: 'Network engineering',
  opensource: 'Open source',
  performance: 'Web performance',
  php: 'PHP',
  product: 'Product management',
  python: 'Python',
  ruby: 'Ruby',
  rust: 'Rust',
  scala: 'Scala',
  security: 'Security',
  sre: 'SRE',
  swift: 'Swift',
  tech: null,
  testing: 'Testing',
  typescript: 'TypeScript',
  ux: 'UX',
};

/** The category a topic file's location implies (URL or path), or null when it names none. */
export function conferenceTopicOf(location: string | null | undefined): string | null {
  if (!location) return null;
  const path = URL.parse(location)?.pathname ?? location;
  const match = /([a-z0-9-]+)\.json$/i.exec(path);
  if (!match) return null;
  const stem = (match[1] as string).toLowerCase();
  if (stem in TOPIC_LABELS) return TOPIC_LABELS[stem] ?? null;
  // A topic file added upstream since this list was written: its name as it stands.
  return /^[a-z][a-z0-9-]{1,30}$/.test(stem) ? stem.replaceAll('-', ' ') : null;
}
