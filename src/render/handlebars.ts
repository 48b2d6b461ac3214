// A private Handlebars environment for vric's templates: its own helpers, no prototype access,
// strict lookups, and template errors re-worded to name the file and line.
import Handlebars from 'handlebars';
import { VricError, EXIT } from '../core/errors.js';
import { cachedByFile } from '../core/file-cache.js';
import { escapeMarkdown, markdownUrl, safeUrl } from './escape.js';
import {
  countryName,
  fill,
  formatDate,
  label,
  languageName,
  ownerName,
  percent,
  type Locale,
} from './locale.js';

export type Env = typeof Handlebars;
export type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/**
 * HTML that vric itself produced (the notes renderer, the chart): the only values a template
 * prints without escaping. Feed text is never wrapped in this.
 */
export function trustedHtml(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(html);
}

/**
 * Runtime options passed on every render. These are Handlebars' own defaults since 4.6; they are
 * spelled out so that no later default change or global setting can open prototype access
 * (`{{constructor.constructor …}}`) to templates.
 */
export const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowedProtoProperties: {},
  allowedProtoMethods: {},
  allowCallsToHelperMissing: false,
};

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** Helpers by name; also the `knownHelpers` list given to the compiler. */
function helpers(locale: Locale): Record<string, Handlebars.HelperDelegate> {
  return {
    /** {{formatDate iso}} or {{formatDate iso "long"}}: a UTC calendar date in the locale's style. */
    formatDate: (iso: unknown, style: unknown) => formatDate(iso, locale, style === 'long'),
    /** {{formatPercent 0.183}} → "18.3%" (locale-formatted). */
    formatPercent: (n: unknown) => percent(n, locale),
    /** {{safeUrl url}}: the URL if http(s), else an empty string (use it in {{#if}} to drop the link). */
    safeUrl: (url: unknown) => safeUrl(url) ?? '',
    /** {{localeLabel "sections" id}}: a label from a locale group (labels, sections, themes, …). */
    localeLabel: (group: unknown, key: unknown) => {
      const table = (locale as unknown as Record<string, unknown>)[str(group)];
      return label(typeof table === 'object' && table ? (table as Record<string, string>) : undefined, str(key));
    },
    /** {{t "overview" total=3 …}}: a locale text with its {placeholders} filled (then escaped). */
    t: (key: unknown, options: Handlebars.HelperOptions) =>
      fill(label(locale.text, str(key)), options.hash as Record<string, string | number>),
    countryName: (code: unknown) => countryName(str(code), locale),
    ownerName: (code: unknown) => ownerName(str(code), locale),
    languageName: (code: unknown) => languageName(str(code), locale),
    /** {{md text}}: feed text escaped for Markdown (the Markdown template's equivalent of {{text}}). */
    md: (text: unknown) => new Handlebars.SafeString(escapeMarkdown(text)),
    /** {{mdUrl url}}: a vetted link destination for Markdown, or empty. */
    mdUrl: (url: unknown) => new Handlebars.SafeString(markdownUrl(url) ?? ''),
    eq: (a: unknown, b: unknown) => a === b,
  };
}

export const HELPER_NAMES = [
  'formatDate', 'formatPercent', 'safeUrl', 'localeLabel', 't', 'countryName', 'ownerName', 'languageName', 'md', 'mdUrl', 'eq',
] as const;

/** Built-in helpers kept (`log` is replaced, see createEnv). */
const BUILTINS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

const COMPILE_OPTIONS: CompileOptions = {
  // Strict: `{{titel}}` (a typo) is an error naming the line instead of an empty string. The view
  // model always sets every field (null when absent), and {{#if}} params stay lenient.
  strict: true,
  // Only vric's helpers exist: an unknown helper is a compile-time error with a line number.
  knownHelpers: Object.fromEntries([...HELPER_NAMES, ...BUILTINS].map((h) => [h, true])),
  knownHelpersOnly: true,
  noEscape: false,
};
type CompileOptions = Parameters<typeof Handlebars.compile>[1];

export function createEnv(locale: Locale): Env {
  const hb = Handlebars.create();
  hb.registerHelper(helpers(locale));
  // The compiler always treats `log` as known, so removing it would fail obscurely at render
  // time; replace it with a clear refusal instead (a template has no business on the console).
  hb.registerHelper('log', () => {
    throw new Error('the log helper is not available in vric templates');
  });
  return hb;
}

/** Re-word a Handlebars error as a usage error that names the template file and line. */
export function templateError(file: string, e: unknown): VricError {
  if (e instanceof VricError) return e;
  const err = e as { message?: string; lineNumber?: number; column?: number };
  let message = str(err.message ?? e);
  let line = typeof err.lineNumber === 'number' ? err.lineNumber : undefined;
  let column = typeof err.column === 'number' ? err.column : undefined;
  const parse = /^Parse error on line (\d+):\n([\s\S]*)$/.exec(message);
  if (parse) {
    line = Number(parse[1]);
    message = `syntax error\n${parse[2] ?? ''}`;
  }
  // Handlebars appends " - line:column" to its messages; the location now leads instead.
  message = message.replace(/ - \d+:\d+$/, '');
  // Strict-mode lookups name the object they searched, which only ever prints as [object Object].
  message = message.replace(/ in \[object Object\]$/, '');
  const where = line === undefined ? '' : ` line ${line}${column === undefined ? '' : `, column ${column + 1}`}`;
  return new VricError(`template ${file}${where}: ${message}`, EXIT.usage);
}

/**
 * Compile one template file. Syntax and unknown-helper errors are found now (precompile checks
 * the whole file without running it), not at the first render; render-time errors (a missing field
 * in strict mode, a missing partial) are re-worded with the same file name.
 *
 * The precompiled code depends only on the file's text, the Handlebars version and the compile
 * options (the helper list among them), so it is cached like a parsed lexicon: precompiling the
 * bundled set is ~30 ms of every build. A file with errors is never cached, so it is reported on
 * every run.
 */
const SPEC_KIND = `hbs-spec:${Handlebars.VERSION}:${JSON.stringify(COMPILE_OPTIONS)}`;

export function compileTemplateFile(hb: Env, file: string, readSource: () => string): Template {
  const spec = cachedByFile(file, SPEC_KIND, () => {
    const source = readSource();
    try {
      return hb.precompile(source, COMPILE_OPTIONS) as string;
    } catch (e) {
      throw templateError(file, e);
    }
  });
  return templateOfSpec(hb, spec, file);
}

function templateOfSpec(hb: Env, spec: string, file: string): Template {
  // The checked precompiled code is the template: compiling the source a second time (what
  // hb.compile would do lazily, at the first render) cost ~70 ms for the bundled set.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code Handlebars generated from the template, as hb.compile itself evaluates it
  const compiled = hb.template(new Function(`return ${spec};`)() as Parameters<Env['template']>[0]);
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      // A partial call inherits the caller's access control (Handlebars ignores these options
      // there), so only a top-level render needs them: copying the options on each of the
      // thousands of entry partials cost ~30 ms per format.
      return compiled(context, options?.partial ? options : { ...options, ...RUNTIME_OPTIONS });
    } catch (e) {
      throw templateError(file, e);
    }
  };
}
