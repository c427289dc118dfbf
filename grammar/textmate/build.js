#!/usr/bin/env node
// Builds the two TextMate grammars from one set of regex fragments, so the
// standalone grammar and the Markdown injection cannot drift apart. The JSON
// files are committed (editors read them as they are); `node build.js --check`
// fails when they are stale.
'use strict';
const fs = require('fs');
const path = require('path');

// §9.5: an ID starts with a letter or `_`, continues with letters, digits,
// `_`, `-` and combining marks (XID_Continue), and ends in a letter or digit.
// Backtracking gives the longest ID that ends well, as the parser does.
const L = '\\p{Alphabetic}';
const N = '\\p{N}';
const ID = `(?:[${L}_][${L}${N}\\p{M}_-]*[${L}${N}\\p{M}]|${L})`;
const CONF = '[a-z]+(?:-[a-z]+)*';
const PART = { '#': `#${ID}`, '@': `@${ID}(?:\\+${ID})*`, ':': `:${CONF}` };

// The suffix is the longest run of parts with no kind repeated. Oniguruma
// takes the first alternative that matches, so longer orders come first;
// since no ID or CONF can be followed by a sigil after backtracking, the
// first match is the parser's longest suffix.
function orders() {
  const kinds = ['#', '@', ':'];
  const out = [];
  const walk = (seq) => {
    if (seq.length) out.push(seq.slice());
    for (const k of kinds) if (!seq.includes(k)) { seq.push(k); walk(seq); seq.pop(); }
  };
  walk([]);
  return out.sort((a, b) => b.length - a.length);
}
const SUFFIX = `(?:${orders().map((o) => o.map((k) => PART[k]).join('')).join('|')})`;

// A paragraph ends at a blank line or at a line that starts another block
// (§4): a fence, a comment block that stays open, a definition, a link
// reference definition. An open tag must not run past it.
const PARAGRAPH_END = [
  '^[ \\t\\r]*$',
  // A backtick fence's info string holds no backtick, or the line is prose.
  '^ {0,3}(?:`{3,}[^`]*$|~{3,})',
  '^ {0,3}<!--(?!-?>)(?!.*-->)',
  '^\\[[@#][^\\s\\]]*\\]:',
  '^ {0,3}\\[(?![@#^])(?:[^\\[\\]\\\\]|\\\\.)+\\]:',
].map((r) => `(?=${r})`).join('|');

// Confidence words, grouped by how far the newsroom stands behind the claim.
const CONF_GROUPS = [
  ['confirmed|reported', 'constant.language.confidence.firm.claimmark'],
  ['claimed|alleged|disputed|denied', 'constant.language.confidence.contested.claimmark'],
  ['estimate|opinion|unverified', 'constant.language.confidence.tentative.claimmark'],
];

const repository = {
  'front-matter': {
    comment: [
      'Only at the very start of the document (§5); verbatim to Claimmark. A while rule,',
      'so an unbalanced YAML quote cannot run past the closing line. Front matter with',
      'no closing line is not front matter, and a line grammar cannot look ahead for it,',
      'so a blank line ends the region too: front matter rarely holds blank lines,',
      'and an unclosed --- is then prose again after its first paragraph.',
    ].join(' '),
    patterns: [
      {
        begin: '\\A\\x{FEFF}?(---)[ \\t]*$',
        while: '^(?!(?:---|\\.\\.\\.)[ \\t]*$|[ \\t\\r]*$)',
        beginCaptures: { 1: { name: 'punctuation.definition.frontmatter' } },
        name: 'meta.embedded.block.frontmatter',
        contentName: 'source.yaml',
        patterns: [{ include: 'source.yaml' }],
      },
      {
        begin: '\\A\\x{FEFF}?(\\+\\+\\+)[ \\t]*$',
        while: '^(?!\\+\\+\\+[ \\t]*$|[ \\t\\r]*$)',
        beginCaptures: { 1: { name: 'punctuation.definition.frontmatter' } },
        name: 'meta.embedded.block.frontmatter',
        contentName: 'source.toml',
        patterns: [{ include: 'source.toml' }],
      },
    ],
  },
  'fenced-code': {
    comment: 'Verbatim (§6.1). Closed by the same character, at least as many, then only blanks.',
    patterns: [
      {
        begin: '^ {0,3}(`{3,})[^`]*$',
        end: '^ {0,3}\\1`*[ \\t]*$',
        name: 'markup.fenced_code.block.markdown',
      },
      {
        begin: '^ {0,3}(~{3,}).*$',
        end: '^ {0,3}\\1~*[ \\t]*$',
        name: 'markup.fenced_code.block.markdown',
      },
    ],
  },
  'comment-block': {
    comment: 'A comment that stays open past its first line runs to the line holding --> (§6.2).',
    begin: '^ {0,3}(?=<!--(?!-?>)(?!.*-->))',
    end: '(?<=-->).*$',
    patterns: [{ include: '#directive-block' }, { include: '#comment-block-plain' }],
  },
  'directive-block': {
    begin: '(<!--)(?=\\s*claimmark-)',
    end: '-->',
    name: 'comment.block.directive.claimmark',
    beginCaptures: { 1: { name: 'punctuation.definition.comment.begin.claimmark' } },
    endCaptures: { 0: { name: 'punctuation.definition.comment.end.claimmark' } },
    patterns: [{ include: '#directive-body' }],
  },
  'comment-block-plain': {
    begin: '<!--',
    end: '-->',
    name: 'comment.block.html',
  },
  'link-reference': {
    comment: 'The whole line is verbatim (§6.3); labels starting with @ or # are definitions, ^ footnotes (prose).',
    match: '^ {0,3}\\[(?![@#^])(?:[^\\[\\]\\\\]|\\\\.)+\\]:.*$',
    name: 'meta.link.reference.def.markdown',
  },
  definition: {
    comment: 'Definitions start at column 0 (§7); continuation lines start with two spaces or a tab.',
    patterns: [
      {
        begin: `^(\\[)(@)(${ID})?([^\\s\\]]*)(\\])(:)`,
        beginCaptures: {
          1: { name: 'punctuation.definition.reference.begin.claimmark' },
          2: { name: 'punctuation.definition.source.claimmark' },
          3: { name: 'entity.name.source.claimmark' },
          4: { name: 'invalid.illegal.identifier.claimmark' },
          5: { name: 'punctuation.definition.reference.end.claimmark' },
          6: { name: 'punctuation.separator.key-value.claimmark' },
        },
        end: '^(?!(?:  |\\t)(?![ \\t\\r]*$))',
        name: 'meta.definition.source.claimmark',
        patterns: [
          { match: '\\G[ \\t]*(.*?)[ \\t\\r]*$', captures: { 1: { name: 'string.unquoted.source-name.claimmark' } } },
          { include: '#field' },
        ],
      },
      {
        begin: `^(\\[)(#)(${ID})?([^\\s\\]]*)(\\])(:)`,
        beginCaptures: {
          1: { name: 'punctuation.definition.reference.begin.claimmark' },
          2: { name: 'punctuation.definition.quantity.claimmark' },
          3: { name: 'entity.name.quantity.claimmark' },
          4: { name: 'invalid.illegal.identifier.claimmark' },
          5: { name: 'punctuation.definition.reference.end.claimmark' },
          6: { name: 'punctuation.separator.key-value.claimmark' },
        },
        end: '^(?!(?:  |\\t)(?![ \\t\\r]*$))',
        name: 'meta.definition.relation.claimmark',
        patterns: [
          {
            begin: '\\G[ \\t]*(=)',
            beginCaptures: { 1: { name: 'keyword.operator.assignment.claimmark' } },
            end: '$',
            name: 'meta.expression.claimmark',
            patterns: [{ include: '#expression' }],
          },
          { include: '#field' },
        ],
      },
    ],
  },
  expression: {
    comment: 'An identifier takes every - it can (§7.4), so ids are matched before operators.',
    patterns: [
      { match: '\\d+(?:,\\d{3})*(?:\\.\\d+)?%?', name: 'constant.numeric.claimmark' },
      { match: ID, name: 'variable.other.quantity.claimmark' },
      { match: '[-+*/]', name: 'keyword.operator.arithmetic.claimmark' },
      { match: '[()]', name: 'punctuation.section.parens.claimmark' },
    ],
  },
  field: {
    patterns: [
      {
        match: '^(?:  |\\t)[ \\t]*(tolerance)(:)[ \\t]*(.*?)[ \\t\\r]*$',
        captures: {
          1: { name: 'support.type.property-name.claimmark' },
          2: { name: 'punctuation.separator.key-value.claimmark' },
          3: { name: 'constant.numeric.tolerance.claimmark' },
        },
      },
      {
        match: '^(?:  |\\t)[ \\t]*(kind)(:)[ \\t]*(person|organization|document)?(.*?)[ \\t\\r]*$',
        captures: {
          1: { name: 'support.type.property-name.claimmark' },
          2: { name: 'punctuation.separator.key-value.claimmark' },
          3: { name: 'constant.language.source-kind.claimmark' },
          4: { name: 'invalid.illegal.source-kind.claimmark' },
        },
      },
      {
        match: '^(?:  |\\t)[ \\t]*([a-z][a-z0-9_-]*)(:)[ \\t]*(.*?)[ \\t\\r]*$',
        captures: {
          1: { name: 'support.type.property-name.claimmark' },
          2: { name: 'punctuation.separator.key-value.claimmark' },
          3: { name: 'string.unquoted.field-value.claimmark' },
        },
      },
      { match: '^(?:  |\\t).*$', name: 'invalid.illegal.field.claimmark' },
    ],
  },
  inline: {
    comment: [
      'Verbatim precedence (§9.1): escapes, code, comments, autolinks, HTML, destinations, then braces.',
      'Each inline verbatim span is matched within one line. The parser lets one cross',
      'line breaks of its paragraph, but an opener with no partner in the paragraph is',
      'literal, and a line grammar cannot look ahead to tell the two apart; unmatched',
      'openers are the commoner case in drafts (a stray backtick, a bare <), so a',
      'verbatim span that crosses a line break is the one known place where this',
      'grammar may colour inside code or HTML.',
    ].join(' '),
    patterns: [
      { include: '#escape' },
      { include: '#code-span' },
      { include: '#directive-inline' },
      { include: '#comment-inline' },
      { include: '#autolink' },
      { include: '#html-tag' },
      { include: '#link-destination' },
      { include: '#tag' },
    ],
  },
  escape: {
    patterns: [
      { match: '\\\\[{}@#:\\\\]', name: 'constant.character.escape.claimmark' },
      { comment: 'Other ASCII punctuation: a unit of text that starts nothing.', match: '\\\\[!-/;-?\\[\\]^_`|~]' },
    ],
  },
  'code-span': {
    comment: 'A run of N backticks closed by exactly N; an escaped backtick before it is not part of the run.',
    match: '(?:(?<!`)|(?<=\\\\`))(`+)(?!`).*?(?<!`)\\1(?!`)',
    name: 'markup.inline.raw.string.markdown',
  },
  'directive-inline': {
    match: '(<!--)(\\s*claimmark-.*?)(-->)',
    name: 'comment.block.directive.claimmark',
    captures: {
      1: { name: 'punctuation.definition.comment.begin.claimmark' },
      2: { patterns: [{ include: '#directive-body' }] },
      3: { name: 'punctuation.definition.comment.end.claimmark' },
    },
  },
  'directive-body': {
    patterns: [
      {
        match: 'claimmark-(?:disable-next-line|disable-file|disable|enable)(?=[\\s,]|-->|$)',
        name: 'keyword.control.directive.claimmark',
      },
      { match: 'claimmark-[^\\s,]*?(?=[\\s,]|-->|$)', name: 'invalid.illegal.directive.claimmark' },
      {
        match: '(?<=\\s)(--)(?=\\s|$)(.*?)(?=-->|$)',
        captures: {
          1: { name: 'punctuation.separator.reason.claimmark' },
          2: { name: 'string.unquoted.reason.claimmark' },
        },
      },
      { match: '[a-z][a-z0-9-]*', name: 'entity.name.rule.claimmark' },
    ],
  },
  'comment-inline': {
    match: '<!--(?:-?>|.*?-->)',
    name: 'comment.block.html',
  },
  autolink: {
    comment: 'Like the parser, only a < before an ASCII letter opens one; a scheme or an @ makes it a link rather than a tag.',
    match: '<[A-Za-z](?:[A-Za-z0-9+.-]+:|[^\\s<>@]*@)[^\\s<>]*>',
    name: 'markup.underline.link.markdown',
  },
  'html-tag': {
    comment: 'Up to the next > as long as no other < comes first (on one line, like every inline verbatim span).',
    match: '</?[A-Za-z][^<>]*>',
    name: 'meta.tag.html',
  },
  'link-destination': {
    comment: 'From ]( through the balancing ), escaped parentheses not counting.',
    match: '(?<=\\])(?<dest>\\((?:[^()\\\\]|\\\\.|\\g<dest>)*\\))',
    name: 'markup.underline.link.markdown',
  },
  tag: {
    comment: 'Braces match like parentheses, innermost first (§9.4); a pair is a tag when a suffix follows the }.',
    begin: '\\{',
    beginCaptures: { 0: { name: 'punctuation.definition.tag.begin.claimmark' } },
    end: `(\\})(${SUFFIX})|(\\})|${PARAGRAPH_END}`,
    endCaptures: {
      1: { name: 'punctuation.definition.tag.end.claimmark' },
      2: { name: 'meta.suffix.claimmark', patterns: [{ include: '#suffix-part' }] },
      3: { name: 'punctuation.definition.tag.end.claimmark' },
    },
    // No scope on the region itself: a code span inside a claim must stay
    // free of Claimmark scopes, and themes colour the braces and suffix.
    patterns: [{ include: '#inline' }],
  },
  'suffix-part': {
    patterns: [
      {
        match: `(#)(${ID})`,
        captures: {
          1: { name: 'punctuation.definition.id.claimmark' },
          2: { name: 'entity.name.quantity.claimmark' },
        },
      },
      {
        match: `([@+])(${ID})`,
        captures: {
          1: { name: 'punctuation.definition.source.claimmark' },
          2: { name: 'variable.other.source.claimmark' },
        },
      },
      ...CONF_GROUPS.map(([words, scope]) => ({
        match: `(:)((?:${words})(?![a-z-]))`,
        captures: { 1: { name: 'punctuation.definition.confidence.claimmark' }, 2: { name: scope } },
      })),
      {
        match: `(:)(${CONF})`,
        captures: {
          1: { name: 'punctuation.definition.confidence.claimmark' },
          2: { name: 'constant.language.confidence.other.claimmark' },
        },
      },
    ],
  },
};

const standalone = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Claimmark',
  scopeName: 'text.claimmark',
  fileTypes: ['cm.md', 'cm.txt'],
  patterns: [
    { include: '#front-matter' },
    { include: '#fenced-code' },
    { include: '#comment-block' },
    { include: '#definition' },
    { include: '#link-reference' },
    { include: '#inline' },
  ],
  repository,
};

// In ordinary Markdown the host grammar already finds code, HTML and links;
// the selector keeps Claimmark out of them, and the patterns borrow the
// standalone grammar's rules so both stay one definition.
const injection = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Claimmark in Markdown',
  scopeName: 'text.claimmark.injection',
  injectionSelector:
    'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -comment -meta.link.reference -markup.underline.link -meta.tag -meta.embedded -meta.definition.claimmark -meta.suffix.claimmark -constant.character.escape.claimmark',
  patterns: [
    { include: 'text.claimmark#definition' },
    { include: 'text.claimmark#escape' },
    { include: 'text.claimmark#tag' },
    { include: 'text.claimmark#directive-inline' },
  ],
};

const out = {
  'claimmark.tmLanguage.json': standalone,
  'claimmark-markdown-injection.tmLanguage.json': injection,
};
// The VS Code extension ships its own copies: vsce packages only files inside
// the extension's folder.
const DIRS = [__dirname, path.join(__dirname, '../../editors/vscode/syntaxes')];
let stale = false;
for (const [name, grammar] of Object.entries(out)) for (const dir of DIRS) {
  const file = path.join(dir, name);
  const text = JSON.stringify(grammar, null, 2) + '\n';
  if (process.argv.includes('--check')) {
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      console.error(`${path.relative(path.join(__dirname, '../..'), file)} is stale: run node grammar/textmate/build.js`);
      stale = true;
    }
  } else {
    fs.writeFileSync(file, text);
  }
}
process.exit(stale ? 1 : 0);
