/**
 * Where JSON text first goes wrong, as line and column: Node 20's JSON.parse names
 * a position for some errors only ("Unexpected token ']', ... is not valid JSON" has
 * none), so a small recursive-descent scan finds the offset of the first bad character.
 */
export interface JsonErrorPlace {
  readonly line: number;
  readonly column: number;
  /** What was expected there. */
  readonly expected: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

function scan(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (what: string, ok: boolean) => {
    if (!ok) throw new Stop(i, what);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      expect(`'${word}'`, text[i] === ch);
      i++;
    }
  };
  const string = () => {
    expect('a double-quoted string', text[i] === '"');
    i++;
    while (text[i] !== '"') {
      expect('a closing "', i < text.length && text.charCodeAt(i) >= 0x20);
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          expect('four hex digits', /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5)));
          i += 4;
        } else expect('an escape such as \\n or \\"', '"\\/bfnrt'.includes(text[i] ?? 'x'));
      }
      i++;
    }
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    expect('a value', match !== null && match[0] !== '-');
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect("':'", text[i] === ':');
        i++;
        value();
        ws();
        if (text[i] === '}') return void i++;
        expect("',' or '}'", text[i] === ',');
        i++;
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ']') return void i++;
        expect("',' or ']'", text[i] === ',');
        i++;
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    number();
  };
  value();
  ws();
  expect('the end of the document', i === text.length);
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonErrorPlace(text: string): JsonErrorPlace | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, expected: error.expected };
  }
}
