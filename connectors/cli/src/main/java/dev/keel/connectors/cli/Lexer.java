package dev.keel.connectors.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits predicate and type text into tokens, remembering each token's position for error messages.
 */
final class Lexer {
  enum Kind {
    IDENT,
    QUOTED_IDENT,
    NUMBER,
    STRING,
    SYMBOL,
    END
  }

  static final class Token {
    final Kind kind;
    final String text;
    final int position; // 1-based character position

    Token(Kind kind, String text, int position) {
      this.kind = kind;
      this.text = text;
      this.position = position;
    }

    boolean is(String keywordOrSymbol) {
      return (kind == Kind.IDENT || kind == Kind.SYMBOL) && text.equalsIgnoreCase(keywordOrSymbol);
    }

    @Override
    public String toString() {
      return kind == Kind.END ? "end of input" : "'" + text + "'";
    }
  }

  static List<Token> tokenize(String input, String what) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < input.length()
            && (Character.isLetterOrDigit(input.charAt(i)) || input.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.IDENT, input.substring(start, i), start + 1));
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < input.length() && Character.isDigit(input.charAt(i + 1)))) {
        int start = i;
        while (i < input.length()
            && (Character.isDigit(input.charAt(i))
                || input.charAt(i) == '.'
                || input.charAt(i) == 'e'
                || input.charAt(i) == 'E'
                || ((input.charAt(i) == '-' || input.charAt(i) == '+')
                    && (input.charAt(i - 1) == 'e' || input.charAt(i - 1) == 'E')))) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, input.substring(start, i), start + 1));
      } else if (c == '\'' || c == '`') {
        int start = i;
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= input.length()) {
            throw new UsageError(
                "Invalid "
                    + what
                    + " at position "
                    + (start + 1)
                    + ": unterminated "
                    + (c == '\'' ? "string" : "quoted name")
                    + " starting at "
                    + (start + 1)
                    + ".");
          }
          char d = input.charAt(i);
          if (d == c) {
            if (i + 1 < input.length()
                && input.charAt(i + 1) == c) { // doubled quote escapes itself
              sb.append(c);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(d);
          i++;
        }
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENT, sb.toString(), start + 1));
      } else {
        int start = i;
        String two = i + 1 < input.length() ? input.substring(i, i + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
          out.add(new Token(Kind.SYMBOL, two, start + 1));
          i += 2;
        } else if ("=<>(),.-:<>".indexOf(c) >= 0) {
          out.add(new Token(Kind.SYMBOL, String.valueOf(c), start + 1));
          i++;
        } else {
          throw new UsageError(
              "Invalid "
                  + what
                  + " at position "
                  + (start + 1)
                  + ": unexpected character '"
                  + c
                  + "'.");
        }
      }
    }
    out.add(new Token(Kind.END, "", input.length() + 1));
    return out;
  }
}
