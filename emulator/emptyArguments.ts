import { Lexer, Source, TokenKind } from "graphql";

/**
 * Removes empty argument lists such as `contexts()` from a GraphQL document.
 *
 * Spacelift's Terraform provider sends documents like `{contexts(){id}}`. The GraphQL spec forbids
 * an empty argument list and graphql-js refuses to parse one, but Spacelift's server accepts it, so
 * the emulator has to as well. Working on lexer tokens (rather than a regular expression) keeps
 * `()` inside string literals, block strings and comments untouched.
 *
 * A document the lexer cannot tokenize is returned unchanged so that the parser reports the real
 * syntax error.
 *
 * @param source - the document text as the client sent it
 * @returns the document text without empty argument lists
 */
export function stripEmptyArgumentLists(source: string): string {
  if (!source.includes("(")) {
    return source;
  }
  const cuts: Array<[number, number]> = [];
  try {
    const lexer = new Lexer(new Source(source));
    let previous = lexer.advance();
    while (previous.kind !== TokenKind.EOF) {
      const token = lexer.advance();
      if (previous.kind === TokenKind.PAREN_L && token.kind === TokenKind.PAREN_R) {
        cuts.push([previous.start, token.end]);
      }
      previous = token;
    }
  } catch {
    return source;
  }
  if (cuts.length === 0) {
    return source;
  }
  let out = "";
  let from = 0;
  for (const [start, end] of cuts) {
    out += source.slice(from, start);
    from = end;
  }
  return out + source.slice(from);
}
