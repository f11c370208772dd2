/**
 * The curated topics Trellis tags events with. Ids are stable (stored on events and in user profiles);
 * labels are for people; terms are what the tagger looks for (lower-case words or phrases, matched
 * as whole words; a phrase written with spaces also matches with hyphens).
 */

export interface Topic {
  readonly id: string;
  readonly label: string;
  /** Words that mean the topic wherever they appear. */
  readonly terms: readonly string[];
  /**
   * Words that mean the topic only in a professional context ('leadership' of an engineering team,
   * not of a running club): they count when the text also has a word of `context` (or, for a topic
   * without one, of PROFESSIONAL_CONTEXT or any topic's `terms`), and no word of OTHER_SENSES.
   */
  readonly ambiguous?: readonly string[];
  readonly context?: readonly string[];
}

/** Words that place a text in working life: an ambiguous topic word there means the topic. */
export const PROFESSIONAL_CONTEXT: readonly string[] = [
  'tech',
  'technology',
  'software',
  'engineering',
  'engineer',
  'engineers',
  'developer',
  'developers',
  'professional',
  'professionals',
  'manager',
  'managers',
  'saas',
  'coding',
  'programming',
  'designers',
  'investors',
  'scale-ups',
];

/**
 * Words of other walks of life (sport, faith, charities' boards, property): where one appears, an
 * ambiguous topic word is read in that sense ('club leadership', 'startups welcome' at a landlords'
 * happy hour). Unambiguous terms still count.
 */
export const OTHER_SENSES: readonly string[] = [
  'running club',
  'run club',
  'runners',
  'long run',
  'marathon',
  '5k',
  '10k',
  'trainers',
  'yoga',
  'hiking',
  'football club',
  'parish',
  'church',
  'congregation',
  'youth group',
  'nonprofit',
  'non-profit',
  'charity',
  'charities',
  'trustees',
  'board members',
  'real estate',
  'realtor',
  'realtors',
  'landlord',
  'landlords',
  'mortgage',
  'mortgages',
  'buy-to-let',
  'property investors',
  'property buyers',
  'homebuyers',
  'wine tasting',
];

export const TOPICS = [
  {
    id: 'ai-ml',
    label: 'AI & machine learning',
    terms: [
      'ai',
      'artificial intelligence',
      'machine learning',
      'ml',
      'deep learning',
      'llm',
      'llms',
      'genai',
      'generative ai',
      'neural network',
      'nlp',
      'computer vision',
      'mlops',
    ],
  },
  {
    id: 'data',
    label: 'Data & analytics',
    terms: [
      'data science',
      'data engineering',
      'data engineer',
      'data scientist',
      'data analytics',
      'big data',
      'analytics',
      'sql',
      'database',
      'databases',
      'data visualization',
      'dataviz',
      'business intelligence',
    ],
  },
  {
    id: 'cloud',
    label: 'Cloud',
    terms: ['cloud', 'cloud computing', 'aws', 'azure', 'gcp', 'google cloud', 'serverless'],
  },
  {
    id: 'kubernetes',
    label: 'Kubernetes',
    terms: ['kubernetes', 'k8s', 'cloud native', 'cncf', 'helm', 'containers'],
  },
  {
    id: 'devops',
    label: 'DevOps & SRE',
    terms: [
      'devops',
      'sre',
      'site reliability',
      'platform engineering',
      'ci/cd',
      'continuous delivery',
      'observability',
      'infrastructure as code',
      'terraform',
    ],
  },
  {
    id: 'security',
    label: 'Security',
    terms: [
      'security',
      'cybersecurity',
      'infosec',
      'appsec',
      'devsecops',
      'owasp',
      'privacy',
      'zero trust',
      'penetration testing',
    ],
  },
  {
    id: 'frontend',
    label: 'Frontend',
    terms: [
      'frontend',
      'front-end',
      'javascript',
      'typescript',
      'react',
      'vue',
      'angular',
      'svelte',
      'css',
      'web development',
    ],
  },
  {
    id: 'backend',
    label: 'Backend',
    terms: [
      'backend',
      'back-end',
      'api',
      'apis',
      'microservices',
      'node.js',
      'java',
      'golang',
      'rust',
      'python',
    ],
  },
  {
    id: 'mobile',
    label: 'Mobile',
    terms: ['mobile', 'ios', 'android', 'swift', 'kotlin', 'flutter', 'react native', 'mobile apps'],
  },
  {
    id: 'open-source',
    label: 'Open source',
    terms: ['open source', 'oss', 'foss', 'maintainers'],
  },
  {
    id: 'product-management',
    label: 'Product management',
    terms: [
      'product management',
      'product manager',
      'product managers',
      'product owner',
      'roadmap',
      'productcamp',
    ],
  },
  {
    id: 'design-ux',
    label: 'Design & UX',
    terms: [
      'ux',
      'ui',
      'user experience',
      'ux design',
      'product design',
      'design systems',
      'user research',
      'figma',
    ],
  },
  {
    id: 'leadership',
    label: 'Leadership',
    terms: ['cto', 'people management'],
    ambiguous: ['leadership', 'leaders', 'executive', 'executives', 'ceo'],
  },
  {
    id: 'engineering-management',
    label: 'Engineering management',
    terms: [
      'engineering management',
      'engineering manager',
      'engineering managers',
      'engineering leadership',
      'tech lead',
      'staff engineer',
      'vp engineering',
    ],
  },
  {
    id: 'career',
    label: 'Career development',
    terms: ['career', 'careers', 'career development', 'job fair', 'interviewing', 'resume', 'upskilling'],
    ambiguous: ['hiring'],
    context: [
      'job',
      'jobs',
      'job seekers',
      'resume',
      'resumes',
      'interview',
      'interviews',
      'candidates',
      'career',
      'careers',
    ],
  },
  {
    id: 'mentorship',
    label: 'Mentorship',
    terms: ['mentorship', 'mentoring', 'mentor', 'mentors', 'mentee', 'mentees'],
    ambiguous: ['coaching'],
  },
  {
    id: 'diversity-inclusion',
    label: 'Diversity & inclusion',
    terms: ['diversity', 'inclusion', 'dei', 'lgbtq', 'lgbtqia', 'underrepresented'],
    ambiguous: ['equity', 'belonging'],
  },
  {
    id: 'women-in-tech',
    label: 'Women in tech',
    terms: [
      'women in tech',
      'women in technology',
      'women in engineering',
      'women in stem',
      'women who code',
    ],
  },
  {
    id: 'startups',
    label: 'Startups',
    terms: ['venture capital', 'pitch night'],
    ambiguous: ['startup', 'startups', 'founder', 'founders', 'vc', 'accelerator'],
  },
  {
    id: 'entrepreneurship',
    label: 'Entrepreneurship',
    terms: ['entrepreneurship', 'small business', 'bootstrapping'],
    ambiguous: ['entrepreneur', 'entrepreneurs'],
  },
  {
    id: 'finance',
    label: 'Finance & fintech',
    terms: ['finance', 'fintech', 'payments'],
    ambiguous: ['banking', 'accounting', 'investing'],
  },
  {
    id: 'marketing',
    label: 'Marketing',
    terms: ['marketing', 'growth marketing', 'seo', 'content marketing', 'branding', 'social media'],
  },
  {
    id: 'sales',
    label: 'Sales',
    terms: ['sales', 'business development', 'customer success', 'account management'],
  },
  {
    id: 'public-speaking',
    label: 'Public speaking',
    terms: [
      'public speaking',
      'toastmasters',
      'presentation skills',
      'storytelling',
      'call for speakers',
      'cfp',
    ],
  },
  {
    id: 'networking',
    label: 'Networking',
    terms: ['community building'],
    ambiguous: ['networking', 'meetup', 'meetups', 'mixer', 'happy hour'],
  },
  {
    id: 'accessibility',
    label: 'Accessibility',
    terms: ['accessibility', 'a11y', 'wcag', 'inclusive design', 'assistive technology'],
  },
  {
    id: 'sustainability',
    label: 'Sustainability',
    terms: ['sustainability', 'climate', 'green tech', 'climate tech', 'carbon', 'renewable energy', 'esg'],
  },
  {
    id: 'healthcare',
    label: 'Healthcare',
    terms: ['healthcare', 'health tech', 'healthtech', 'digital health', 'medtech', 'biotech'],
  },
  {
    id: 'education',
    label: 'Education',
    terms: ['education', 'edtech', 'bootcamp'],
    ambiguous: ['training', 'workshop', 'workshops', 'course', 'teaching'],
  },
  {
    id: 'research',
    label: 'Research',
    terms: ['research', 'researchers', 'academic', 'academia', 'phd', 'symposium'],
  },
  {
    id: 'quality-testing',
    label: 'Quality & testing',
    terms: ['testing', 'qa', 'quality assurance', 'test automation', 'tdd', 'software quality'],
  },
  {
    id: 'architecture',
    label: 'Software architecture',
    terms: [
      'software architecture',
      'architecture',
      'domain-driven design',
      'ddd',
      'event-driven',
      'distributed systems',
      'system design',
    ],
  },
  {
    id: 'web3',
    label: 'Web3 & blockchain',
    terms: ['web3', 'blockchain', 'crypto', 'ethereum', 'bitcoin', 'defi', 'nft'],
  },
] as const satisfies readonly Topic[];

export type TopicId = (typeof TOPICS)[number]['id'];

const TOPIC_IDS: ReadonlySet<string> = new Set(TOPICS.map((topic) => topic.id));

export function isTopicId(value: string): value is TopicId {
  return TOPIC_IDS.has(value);
}

export function topicById(id: TopicId): Topic {
  const topic = TOPICS.find((candidate) => candidate.id === id);
  if (!topic) throw new Error(`unknown topic ${id}`);
  return topic;
}
