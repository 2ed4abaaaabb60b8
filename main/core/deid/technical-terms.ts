/**
 * Terms of computing and technology that name no one, though a model trained on names reads them as one in an
 * assistant's answers and developers' chat ("the [API] returns [JSON]", "ask the [SRE] team", "[Async] calls"):
 * acronyms, formats, protocols, programming words, and programming languages and operating systems that no one is
 * named after (PHP, Python, Linux: real assistant traffic had "[ORGANIZATION_1] has a simple syntax" for PHP),
 * matched whatever their case. Shared by every language, as the terms are. A firm or its product (GitHub, Amazon,
 * Chrome) is not here: those are organisations' names; nor is a language that is also a name or a word (Ruby,
 * Swift, Rust, Lean, Go, Java); nor is a
 * term that is also a country's code (PNG, CD, QA), a firm's or a person's name or initials (Shell, Ram, Ai, UI, OS,
 * ML, IP), or an everyday word (rest, bash).
 */
const TECHNICAL_TERMS = new Set([
  // formats, protocols and standards
  'api', 'apis', 'json', 'jsonl', 'xml', 'yaml', 'yml', 'toml', 'html', 'xhtml', 'css', 'scss', 'sql', 'nosql', 'csv',
  'tsv', 'pdf', 'svg', 'jpeg', 'jpg', 'gif', 'http', 'https', 'url', 'urls', 'uri', 'tcp', 'udp', 'dns',
  'vpn', 'ssh', 'ssl', 'tls', 'ftp', 'sftp', 'smtp', 'imap', 'jwt', 'oauth', 'oauth2', 'restful', 'graphql',
  'grpc', 'websocket', 'websockets', 'webhook', 'webhooks', 'utf', 'ascii', 'unicode', 'regex', 'regexp', 'crud',
  // hardware and systems
  'usb', 'gpu', 'gpus', 'cpu', 'cpus', 'ssd', 'hdd', 'bios', 'hdr', 'oled', 'lcd', 'led', 'wifi',
  'bluetooth', 'ethernet', 'firmware', 'khz', 'mhz', 'ghz', 'fps', 'vram', 'jvm',
  // software work
  'llm', 'llms', 'nlp', 'gpt', 'sdk', 'sdks', 'ide', 'cli', 'gui', 'sre', 'devops',
  'saas', 'npm', 'pip', 'async', 'await', 'boolean', 'bool', 'int', 'str', 'dict', 'enum', 'struct',
  'repo', 'repos', 'args', 'kwargs', 'argv', 'config', 'localhost', 'sudo', 'cmd', 'zsh',
  'powershell', 'stdin', 'stdout', 'stderr', 'backend', 'frontend', 'middleware', 'namespace', 'runtime',
  'javascript', 'typescript', 'nodejs', 'json5', 'numpy', 'pandas', 'selenium', 'asyncio', 'gspread', 'oauth2client',
  'php', 'python', 'linux', 'ubuntu', 'pid', 'seo',
  // finance and technology words of the news
  'crypto', 'cryptocurrency', 'cryptocurrencies', 'blockchain', 'nft', 'nfts', 'cbdc', 'cbdcs', 'defi',
]);

/** Whether a word is a technical term of the list, in any case ("API", "Json", "async"). */
export function isTechnicalTerm(word: string): boolean {
  return TECHNICAL_TERMS.has(word.toLowerCase());
}
